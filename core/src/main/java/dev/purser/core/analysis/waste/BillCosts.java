package dev.purser.core.analysis.waste;

import dev.purser.core.analysis.costs.BreakdownRequest;
import dev.purser.core.analysis.costs.CostBreakdown;
import dev.purser.core.analysis.costs.CostFilter;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.analysis.costs.CostQueries;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Money;
import dev.purser.core.model.Period;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Effective cost per resource over a period, from one breakdown by ResourceId. Inventory ids and
 * bill ids do not always agree in form (AWS's FOCUS export writes ARNs where the EC2 API lists
 * {@code snap-…} or {@code eipalloc-…}), so a resource also matches the bill id whose last
 * {@code /} or {@code :} segment equals it.
 */
final class BillCosts {

    private static final Dimension RESOURCE = new Dimension(Dimension.Kind.RESOURCE, null);
    private static final String NONE = "(none)";

    private final Period period;
    private final Map<String, Money> exact = new HashMap<>();
    private final Map<String, Money> byTail = new HashMap<>();

    private BillCosts(Period period) {
        this.period = period;
    }

    static BillCosts empty(Period period) {
        return new BillCosts(period);
    }

    static BillCosts read(CostQueries costs, Period period, CostFilter filter) {
        BillCosts out = new BillCosts(period);
        CostBreakdown breakdown = costs.breakdown(new BreakdownRequest(period, RESOURCE, Integer.MAX_VALUE,
                CostMetric.EFFECTIVE, filter));
        for (CostBreakdown.Section section : breakdown.sections()) {
            for (CostBreakdown.Row row : section.rows()) {
                if (row.other() || row.key().equals(NONE) || row.key().isBlank()) {
                    continue;
                }
                out.exact.merge(row.key(), row.amount(), Money::plus);
                String tail = tail(row.key());
                if (!tail.equals(row.key())) {
                    out.byTail.merge(tail, row.amount(), Money::plus);
                }
            }
        }
        return out;
    }

    Period period() {
        return period;
    }

    boolean isEmpty() {
        return exact.isEmpty();
    }

    /** The cost of one resource id over the period, if the bill names it. */
    Optional<Money> cost(String resourceId) {
        Money m = exact.get(resourceId);
        if (m == null) {
            m = byTail.get(resourceId);
        }
        if (m == null) {
            m = exact.get(tail(resourceId));
        }
        return Optional.ofNullable(m);
    }

    /** The sum over several ids, present when the bill names at least one of them. */
    Optional<Money> cost(List<String> resourceIds) {
        Money sum = null;
        for (String id : resourceIds) {
            Optional<Money> one = cost(id);
            if (one.isPresent()) {
                sum = sum == null ? one.get() : sum.plus(one.get());
            }
        }
        return Optional.ofNullable(sum);
    }

    private static String tail(String id) {
        int cut = Math.max(id.lastIndexOf('/'), id.lastIndexOf(':'));
        return cut >= 0 && cut < id.length() - 1 ? id.substring(cut + 1) : id;
    }
}
