package dev.purser.core.analysis.costs;

import dev.purser.core.model.Dimension;
import dev.purser.core.model.Money;
import dev.purser.core.model.Period;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * Costs of a period grouped by one dimension, one section per currency (amounts in different
 * currencies are never added), each compared with the previous period of the same length.
 * Within a section the rows, including the "other" row, add up exactly to the total.
 *
 * @param gaps what the answer could not know, in words ("no cost data before 2026-08-01")
 */
public record CostBreakdown(
        Period period, Period previousPeriod, Dimension by, CostMetric metric,
        List<Section> sections, List<String> gaps) {

    public CostBreakdown {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(previousPeriod, "previousPeriod");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(metric, "metric");
        sections = List.copyOf(sections);
        gaps = List.copyOf(gaps);
    }

    /** One currency's share of the answer. {@code lineItems} counts the rows summed. */
    public record Section(Currency currency, Money total, Money previousTotal, long lineItems, List<Row> rows) {
        public Section {
            rows = List.copyOf(rows);
        }
    }

    /**
     * @param key   the dimension value; {@code "(none)"} when the rows leave it empty
     * @param other true for the single row that folds everything below the top N
     */
    public record Row(String key, Money amount, Money previousAmount, boolean other) {
        public Money change() {
            return amount.minus(previousAmount);
        }
    }
}
