package dev.purser.core.analysis.forecast;

import dev.purser.core.analysis.costs.CostFilter;
import dev.purser.core.analysis.costs.CostMetric;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The daily spend a forecast is made from. Implemented over the cost store by
 * {@code dev.purser.core.store.JdbcDailySpend}; tests use an in-memory fake.
 */
public interface DailySpendSource {

    /**
     * Spend per UTC day, service, charge category and currency for days in
     * {@code [from, toExclusive)}, restricted by {@code filter} (same semantics as
     * {@link dev.purser.core.analysis.costs.CostQueries}: case-insensitive, {@code (none)} matches
     * empty). Days without rows are simply absent.
     */
    List<DailySpend> dailySpend(CostFilter filter, CostMetric metric, LocalDate from, LocalDate toExclusive);

    /**
     * The days the store has any cost data for, for the filter's billing account when it names
     * one and for all accounts otherwise; other filter terms are ignored, so a service that was
     * idle on a day still counts that day as a known zero. Empty when nothing was imported.
     */
    Optional<DataSpan> dataSpan(CostFilter filter);

    /**
     * Each billing account's last day with non-zero cost in {@code [from, toExclusive)}, keyed by
     * the account's name (its id when it has none); for the filter's account only when it names
     * one, other filter terms ignored as in {@link #dataSpan}. Accounts without cost there are absent.
     */
    Map<String, LocalDate> lastDays(CostFilter filter, LocalDate from, LocalDate toExclusive);
}
