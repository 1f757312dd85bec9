package dev.purser.commands.anomalies;

import dev.purser.core.analysis.anomalies.AnomalyGrouping;
import dev.purser.core.analysis.anomalies.CoveredDays;
import dev.purser.core.analysis.anomalies.DailyAmount;
import dev.purser.core.analysis.anomalies.DriverAmount;
import dev.purser.core.analysis.anomalies.SpendHistory;
import dev.purser.core.analysis.costs.CostMetric;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/** A {@link SpendHistory} over rows the test adds; remembers the account and grouping it was asked for. */
final class FakeSpendHistory implements SpendHistory {

    private final List<DailyAmount> daily = new ArrayList<>();
    private final List<DriverAmount> drivers = new ArrayList<>();
    private final List<String> driverKeys = new ArrayList<>();
    String lastAccount;
    AnomalyGrouping lastGrouping;

    /** {@code base} ± 0.50 a day from {@code first} through {@code last}, plus {@code extra} from {@code from} on for {@code days} days. */
    FakeSpendHistory flat(String key, String currency, LocalDate first, LocalDate last, String base) {
        int i = 0;
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1), i++) {
            BigDecimal v = new BigDecimal(base).add(new BigDecimal(i % 2 == 0 ? "0.50" : "-0.50"));
            daily.add(new DailyAmount(d, key, Currency.getInstance(currency), v));
        }
        return this;
    }

    /** Adds {@code amount} to the series on {@code day}. */
    FakeSpendHistory extra(String key, String currency, LocalDate day, String amount) {
        daily.add(new DailyAmount(day, key, Currency.getInstance(currency), new BigDecimal(amount)));
        return this;
    }

    FakeSpendHistory driver(String key, LocalDate day, String resourceName, String sku, String amount) {
        driverKeys.add(key);
        drivers.add(new DriverAmount(day, resourceName + "-id", resourceName, sku, null, new BigDecimal(amount)));
        return this;
    }

    @Override
    public List<DailyAmount> dailySpend(AnomalyGrouping by, String account, CostMetric metric, LocalDate from,
                                        LocalDate toExclusive) {
        lastAccount = account;
        lastGrouping = by;
        return daily.stream().filter(d -> !d.day().isBefore(from) && d.day().isBefore(toExclusive)).toList();
    }

    @Override
    public Optional<CoveredDays> coverage(String account) {
        return daily.stream().map(DailyAmount::day).min(LocalDate::compareTo)
                .map(first -> new CoveredDays(first,
                        daily.stream().map(DailyAmount::day).max(LocalDate::compareTo).orElseThrow()));
    }

    @Override
    public List<DriverAmount> drivers(AnomalyGrouping by, String key, Currency currency, String account,
                                      CostMetric metric, LocalDate from, LocalDate toExclusive) {
        List<DriverAmount> out = new ArrayList<>();
        for (int i = 0; i < drivers.size(); i++) {
            DriverAmount d = drivers.get(i);
            if (driverKeys.get(i).equals(key) && !d.day().isBefore(from) && d.day().isBefore(toExclusive)) {
                out.add(d);
            }
        }
        return out;
    }
}
