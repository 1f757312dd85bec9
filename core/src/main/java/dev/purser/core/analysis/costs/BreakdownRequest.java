package dev.purser.core.analysis.costs;

import dev.purser.core.model.Dimension;
import dev.purser.core.model.Period;
import java.util.Objects;

/**
 * @param top how many rows to show before folding the rest into one "other" row
 */
public record BreakdownRequest(Period period, Dimension by, int top, CostMetric metric, CostFilter filter) {
    public BreakdownRequest {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(filter, "filter");
        if (top < 1) {
            throw new IllegalArgumentException("top must be at least 1: " + top);
        }
    }
}
