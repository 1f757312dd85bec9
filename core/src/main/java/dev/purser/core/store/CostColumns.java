package dev.purser.core.store;

import dev.purser.core.analysis.costs.CostFilter;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.model.Dimension;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the cost schema answers FOCUS dimensions, metrics and filters, shared by every cost query:
 * which dimensions the daily rollup {@code cost_daily} carries, the column of each metric, and
 * the WHERE clause of a {@link CostFilter} (case-insensitive; {@code (none)} matches empty).
 */
final class CostColumns {

    /** The one tag the rollup keeps as a column. */
    static final String ENV_TAG = "env";

    private CostColumns() {
    }

    /** True when {@code cost_daily} has a column for this dimension. */
    static boolean rolled(Dimension d) {
        return switch (d.kind()) {
            case SERVICE, SERVICE_CATEGORY, PROVIDER, BILLING_ACCOUNT, SUB_ACCOUNT, REGION, CHARGE_CATEGORY -> true;
            case RESOURCE -> false;
            case TAG -> ENV_TAG.equals(d.tagKey());
        };
    }

    /** True when every dimension the filter names is in the rollup. */
    static boolean allRolled(CostFilter filter) {
        for (Dimension d : filter.equalTo().keySet()) {
            if (!rolled(d)) {
                return false;
            }
        }
        return true;
    }

    static String rolledMetric(CostMetric metric) {
        return switch (metric) {
            case BILLED -> "billed";
            case EFFECTIVE -> "effective";
            case LIST -> "list";
        };
    }

    static String lineItemMetric(CostMetric metric) {
        return switch (metric) {
            case BILLED -> "billed_cost";
            case EFFECTIVE -> "effective_cost";
            case LIST -> "list_cost";
        };
    }

    /**
     * Appends {@code AND …} for each of the filter's dimensions, against {@code cost_daily} when
     * {@code rolled}, against {@code cost_line_item} otherwise.
     */
    static void appendFilters(Sql sql, CostFilter filter, boolean rolled) {
        // a stable order keeps the statement text (and its plan) the same for the same filter
        Map<String, Map.Entry<Dimension, String>> ordered = new TreeMap<>();
        for (Map.Entry<Dimension, String> e : filter.equalTo().entrySet()) {
            ordered.put(e.getKey().word(), e);
        }
        for (Map.Entry<Dimension, String> e : ordered.values()) {
            Dimension d = e.getKey();
            String value = e.getValue();
            boolean none = JdbcCostQueries.NONE.equals(value);
            sql.text(" AND ");
            switch (d.kind()) {
                case BILLING_ACCOUNT -> either(sql, "billing_account_id", "billing_account_name", value, none);
                case SUB_ACCOUNT -> either(sql, "sub_account_id", "sub_account_name", value, none);
                case SERVICE -> equal(sql, "service_name", value, none);
                case SERVICE_CATEGORY -> equal(sql, "service_category", value, none);
                case PROVIDER -> equal(sql, "provider_name", value, none);
                case REGION -> equal(sql, "region_id", value, none);
                case CHARGE_CATEGORY -> equal(sql, "charge_category", value, none);
                case RESOURCE -> equal(sql, "resource_id", value, none);
                case TAG -> {
                    if (rolled) {
                        equal(sql, "env", value, none);
                    } else if (none) {
                        sql.text("(tags ->> ?) IS NULL").bind(d.tagKey());
                    } else {
                        sql.text("lower(tags ->> ?) = lower(?)").bind(d.tagKey()).bind(value);
                    }
                }
            }
        }
    }

    private static void equal(Sql sql, String column, String value, boolean none) {
        if (none) {
            sql.text(column).text(" IS NULL");
        } else {
            sql.text("lower(").text(column).text(") = lower(?)").bind(value);
        }
    }

    private static void either(Sql sql, String id, String name, String value, boolean none) {
        if (none) {
            sql.text(id).text(" IS NULL");
        } else {
            sql.text("(lower(").text(id).text(") = lower(?) OR lower(").text(name).text(") = lower(?))")
                    .bind(value).bind(value);
        }
    }
}
