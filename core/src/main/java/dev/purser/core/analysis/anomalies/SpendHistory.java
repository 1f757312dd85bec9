package dev.purser.core.analysis.anomalies;

import dev.purser.core.analysis.costs.CostMetric;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * The daily spend anomalies are scored on, and the line items that explain them. Implemented over
 * the cost store by {@code dev.purser.core.store.JdbcSpendHistory}; tests use an in-memory fake.
 *
 * <p>Every method leaves out taxes and credits (FOCUS ChargeCategory {@code Tax} and
 * {@code Credit}): they settle once a month and would read as a monthly spike. Days are UTC days
 * of ChargePeriodStart. {@code account}, when not null, keeps only the billing account with that
 * id or name, compared case-insensitively.
 */
public interface SpendHistory {

    /** Per day, series key and currency, for days in {@code [from, toExclusive)}; days without rows are absent. */
    List<DailyAmount> dailySpend(AnomalyGrouping by, String account, CostMetric metric, LocalDate from,
                                 LocalDate toExclusive);

    /** The days the store has any cost data for (within {@code account} when given); empty when none. */
    Optional<CoveredDays> coverage(String account);

    /**
     * The spend of one series, split by resource, SKU and charge description, per day in
     * {@code [from, toExclusive)}.
     *
     * @param key the series key exactly as {@link #dailySpend} returned it
     */
    List<DriverAmount> drivers(AnomalyGrouping by, String key, Currency currency, String account, CostMetric metric,
                               LocalDate from, LocalDate toExclusive);
}
