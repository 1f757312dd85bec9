package dev.purser.core.analysis.anomalies;

import dev.purser.core.analysis.costs.CostMetric;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/** A {@link SpendHistory} over rows added by the test; one account, billed cost only. */
final class InMemorySpendHistory implements SpendHistory {

    static final Currency USD = Currency.getInstance("USD");

    private final List<DailyAmount> daily = new ArrayList<>();
    private final List<DriverRow> drivers = new ArrayList<>();

    private record DriverRow(String key, DriverAmount amount) {
    }

    /** Adds a series: {@code amounts[i]} is the spend of {@code first + i}. */
    InMemorySpendHistory series(String key, LocalDate first, List<BigDecimal> amounts) {
        return series(key, USD, first, amounts);
    }

    /** Adds a series in {@code currency}. */
    InMemorySpendHistory series(String key, Currency currency, LocalDate first, List<BigDecimal> amounts) {
        for (int i = 0; i < amounts.size(); i++) {
            if (amounts.get(i).signum() != 0) {
                daily.add(new DailyAmount(first.plusDays(i), key, currency, amounts.get(i)));
            }
        }
        return this;
    }

    InMemorySpendHistory driver(String key, LocalDate day, String resourceId, String skuId, String amount) {
        drivers.add(new DriverRow(key, new DriverAmount(day, resourceId, resourceId + "-name", skuId,
                "charge for " + skuId, new BigDecimal(amount))));
        return this;
    }

    @Override
    public List<DailyAmount> dailySpend(AnomalyGrouping by, String account, CostMetric metric, LocalDate from,
                                        LocalDate toExclusive) {
        return daily.stream().filter(d -> !d.day().isBefore(from) && d.day().isBefore(toExclusive)).toList();
    }

    @Override
    public Optional<CoveredDays> coverage(String account) {
        if (daily.isEmpty()) {
            return Optional.empty();
        }
        LocalDate first = daily.stream().map(DailyAmount::day).min(LocalDate::compareTo).orElseThrow();
        LocalDate last = daily.stream().map(DailyAmount::day).max(LocalDate::compareTo).orElseThrow();
        return Optional.of(new CoveredDays(first, last));
    }

    @Override
    public List<DriverAmount> drivers(AnomalyGrouping by, String key, Currency currency, String account,
                                      CostMetric metric, LocalDate from, LocalDate toExclusive) {
        return drivers.stream().filter(r -> r.key().equals(key)).map(DriverRow::amount)
                .filter(d -> !d.day().isBefore(from) && d.day().isBefore(toExclusive)).toList();
    }
}
