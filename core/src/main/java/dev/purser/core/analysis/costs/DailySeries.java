package dev.purser.core.analysis.costs;

import dev.purser.core.model.Dimension;
import dev.purser.core.model.Money;
import dev.purser.core.model.Period;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Costs of each day of a period grouped by one dimension, one section per currency (amounts in
 * different currencies are never added). Within a section the top keys come first, largest
 * period total first, and everything below them is folded into one "other" series, so for every
 * day the series add up exactly to that day's total, and the days add up to the period's total
 * as {@link CostQueries#breakdown} reports it.
 *
 * @param gaps what the answer could not know, in words ("cost data ends 2026-11-14; later days count as zero")
 */
public record DailySeries(Period period, Dimension by, CostMetric metric, List<Section> sections, List<String> gaps) {

    public DailySeries {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(metric, "metric");
        sections = List.copyOf(sections);
        gaps = List.copyOf(gaps);
        long days = period.days();
        for (Section s : sections) {
            for (Series series : s.series()) {
                if (series.amounts().size() != days) {
                    throw new IllegalArgumentException("series " + series.key() + " has " + series.amounts().size()
                            + " daily amounts for the " + days + " days of " + period.label());
                }
            }
        }
    }

    /** Key of the series that folds everything below the top N. */
    public static final String OTHER = "other";

    /**
     * Builds the answer from raw daily sums: per currency, per key, one amount per day of the
     * period (index 0 is {@code period.start()}). Keeps the {@code top} keys with the largest
     * period totals (ties by key) and folds the rest, day by day, into one {@link #OTHER} series.
     * Currencies come out in code order.
     *
     * @throws IllegalArgumentException if an array's length is not the number of days of the period
     */
    public static DailySeries of(Period period, Dimension by, CostMetric metric, int top,
                                 Map<Currency, Map<String, BigDecimal[]>> sums, List<String> gaps) {
        if (top < 1) {
            throw new IllegalArgumentException("top must be at least 1: " + top);
        }
        int days = (int) period.days();
        List<Currency> currencies = new ArrayList<>(sums.keySet());
        currencies.sort(Comparator.comparing(Currency::getCurrencyCode));
        List<Section> sections = new ArrayList<>();
        for (Currency currency : currencies) {
            List<Map.Entry<String, BigDecimal>> ranked = new ArrayList<>();
            for (Map.Entry<String, BigDecimal[]> e : sums.get(currency).entrySet()) {
                if (e.getValue().length != days) {
                    throw new IllegalArgumentException("key " + e.getKey() + " has " + e.getValue().length
                            + " daily sums for the " + days + " days of " + period.label());
                }
                BigDecimal total = BigDecimal.ZERO;
                for (BigDecimal v : e.getValue()) {
                    total = total.add(v == null ? BigDecimal.ZERO : v);
                }
                ranked.add(Map.entry(e.getKey(), total));
            }
            ranked.sort(Map.Entry.<String, BigDecimal>comparingByValue().reversed()
                    .thenComparing(Map.Entry.comparingByKey()));
            List<Series> series = new ArrayList<>();
            BigDecimal[] other = new BigDecimal[days];
            Arrays.fill(other, BigDecimal.ZERO);
            for (int r = 0; r < ranked.size(); r++) {
                BigDecimal[] daily = sums.get(currency).get(ranked.get(r).getKey());
                if (r < top) {
                    series.add(new Series(ranked.get(r).getKey(), false, money(daily, currency)));
                } else {
                    for (int i = 0; i < days; i++) {
                        other[i] = other[i].add(daily[i] == null ? BigDecimal.ZERO : daily[i]);
                    }
                }
            }
            if (ranked.size() > top) {
                series.add(new Series(OTHER, true, money(other, currency)));
            }
            sections.add(new Section(currency, series));
        }
        return new DailySeries(period, by, metric, sections, gaps);
    }

    /**
     * The same days with only the {@code top} keys of each currency kept and the rest folded into
     * {@link #OTHER}, as {@link #of} folds them: a caller that needs every key's total (movers) reads
     * the series unfolded once and folds it for display here, instead of reading twice.
     */
    public DailySeries top(int top) {
        int days = (int) period.days();
        Map<Currency, Map<String, BigDecimal[]>> sums = new HashMap<>();
        for (Section section : sections) {
            Map<String, BigDecimal[]> byKey = sums.computeIfAbsent(section.currency(), c -> new HashMap<>());
            for (Series series : section.series()) {
                BigDecimal[] daily = new BigDecimal[days];
                for (int i = 0; i < days; i++) {
                    daily[i] = series.amounts().get(i).amount();
                }
                byKey.merge(series.key(), daily, DailySeries::plus);
            }
        }
        return of(period, by, metric, top, sums, gaps);
    }

    private static BigDecimal[] plus(BigDecimal[] a, BigDecimal[] b) {
        BigDecimal[] sum = new BigDecimal[a.length];
        for (int i = 0; i < a.length; i++) {
            sum[i] = a[i].add(b[i]);
        }
        return sum;
    }

    private static List<Money> money(BigDecimal[] daily, Currency currency) {
        List<Money> out = new ArrayList<>(daily.length);
        for (BigDecimal v : daily) {
            out.add(new Money(v == null ? BigDecimal.ZERO : v, currency));
        }
        return out;
    }

    /** The days of the period, in order; index {@code i} here is index {@code i} of every series. */
    public List<LocalDate> days() {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = period.start(); d.isBefore(period.endExclusive()); d = d.plusDays(1)) {
            days.add(d);
        }
        return days;
    }

    /** The section of one currency, or null when the period has no cost in it. */
    public Section section(Currency currency) {
        for (Section s : sections) {
            if (s.currency().equals(currency)) {
                return s;
            }
        }
        return null;
    }

    /**
     * The section's cost per bucket of {@code granularity}, each bucket the exact sum of its days,
     * so the buckets add up to {@link Section#total()}.
     */
    public List<Bucket> buckets(Section section, Granularity granularity) {
        List<BigDecimal> daily = section.dayTotals().stream().map(Money::amount).toList();
        List<Bucket> buckets = new ArrayList<>();
        for (Period bucket : granularity.buckets(period)) {
            int from = (int) (bucket.start().toEpochDay() - period.start().toEpochDay());
            BigDecimal sum = BigDecimal.ZERO;
            for (int i = from; i < from + bucket.days(); i++) {
                sum = sum.add(daily.get(i));
            }
            buckets.add(new Bucket(bucket, new Money(sum, section.currency())));
        }
        return buckets;
    }

    /** One currency's series; amounts of days without cost are zero, never missing. */
    public record Section(Currency currency, List<Series> series) {
        public Section {
            Objects.requireNonNull(currency, "currency");
            series = List.copyOf(series);
            for (Series s : series) {
                for (Money m : s.amounts()) {
                    if (!m.currency().equals(currency)) {
                        throw new IllegalArgumentException("series " + s.key() + " holds " + m.currency()
                                + " in the " + currency + " section");
                    }
                }
            }
        }

        /** The exact sum of every series over every day. */
        public Money total() {
            BigDecimal sum = BigDecimal.ZERO;
            for (Series s : series) {
                sum = sum.add(s.total().amount());
            }
            return new Money(sum, currency);
        }

        /** Each day's total over all series, in day order. */
        public List<Money> dayTotals() {
            int days = series.isEmpty() ? 0 : series.get(0).amounts().size();
            List<Money> totals = new ArrayList<>(days);
            for (int i = 0; i < days; i++) {
                BigDecimal sum = BigDecimal.ZERO;
                for (Series s : series) {
                    sum = sum.add(s.amounts().get(i).amount());
                }
                totals.add(new Money(sum, currency));
            }
            return totals;
        }
    }

    /**
     * One key's cost per day.
     *
     * @param key   the dimension value; {@code "(none)"} when the rows leave it empty
     * @param other true for the single series that folds everything below the top N
     */
    public record Series(String key, boolean other, List<Money> amounts) {
        public Series {
            Objects.requireNonNull(key, "key");
            amounts = List.copyOf(amounts);
        }

        public Money total() {
            if (amounts.isEmpty()) {
                throw new IllegalStateException("series " + key + " has no days");
            }
            Money sum = Money.zero(amounts.get(0).currency());
            for (Money m : amounts) {
                sum = sum.plus(m);
            }
            return sum;
        }
    }

    /** The cost of a run of days within the period. */
    public record Bucket(Period days, Money amount) {
        public Bucket {
            Objects.requireNonNull(days, "days");
            Objects.requireNonNull(amount, "amount");
        }
    }
}
