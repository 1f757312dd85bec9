package dev.purser.core.analysis.costs;

import dev.purser.core.model.Dimension;
import dev.purser.core.model.Period;
import java.util.List;

/** Read side of the cost store. Implementations answer from rollups where they can. */
public interface CostQueries {

    /** Costs of the request's period by its dimension, compared with {@link Period#previous()}. */
    CostBreakdown breakdown(BreakdownRequest request);

    /**
     * The {@code limit} values of {@code by} whose cost changed most (by absolute change) from
     * {@code period.previous()} to {@code period}, per currency, largest first.
     */
    List<CostMover> topMovers(Period period, Dimension by, CostMetric metric, CostFilter filter, int limit);
}
