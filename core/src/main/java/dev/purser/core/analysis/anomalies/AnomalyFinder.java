package dev.purser.core.analysis.anomalies;

import dev.purser.core.model.Money;
import dev.purser.core.model.Period;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds the anomalies of a period: reads the daily spend of every series (service or account, per
 * currency) from {@link SpendHistory}, scores each with {@link AnomalyDetector}, keeps the days in
 * the period whose impact reaches the minimum, and explains each with its drivers.
 *
 * <p>History: the detector also runs over the {@value #HISTORY_DAYS} days before the period, so a
 * level shift or a spike just before it is already part of the baseline when the period starts,
 * and over up to {@link AnomalyDetector#CONFIRM_DAYS} days after it, to tell a spike on the
 * period's last days from a level shift when the data goes on. Days before the first imported day
 * are unknown, not zero; days after it without rows are zero.
 *
 * <p>Drivers: the series' line items on the anomalous day and on the baseline's same-weekday
 * days, grouped by resource, SKU and charge description; each group's expected amount is its
 * median over those days (absent days count as zero), and the groups with the largest increase
 * are the drivers (up to {@value #MAX_DRIVERS}; after the first, only those explaining at least 5 %
 * of the impact). Resources that all rose under one SKU are merged into one driver.
 */
public final class AnomalyFinder {

    /** Days of history before the period the detector runs over. */
    public static final int HISTORY_DAYS = 2 * AnomalyDetector.WINDOW_DAYS;
    /** Drivers kept per anomaly. */
    public static final int MAX_DRIVERS = 3;
    /** Least share of the anomaly's impact a driver after the first must explain to be shown. */
    private static final BigDecimal MIN_DRIVER_SHARE = new BigDecimal("0.05");

    private final SpendHistory history;

    public AnomalyFinder(SpendHistory history) {
        this.history = Objects.requireNonNull(history, "history");
    }

    public AnomalyReport find(AnomalyRequest request) {
        Objects.requireNonNull(request, "request");
        Period period = request.period();
        List<String> notes = new ArrayList<>();
        Optional<CoveredDays> covered = history.coverage(request.account());
        if (covered.isEmpty()) {
            notes.add("no cost data has been imported" + (request.account() == null ? ""
                    : " for account " + request.account()));
            return new AnomalyReport(request, List.of(), List.of(), 0, 0, notes);
        }
        CoveredDays span = covered.get();
        LocalDate from = later(span.first(), period.start().minusDays(HISTORY_DAYS));
        LocalDate to = earlier(span.last().plusDays(1), period.endExclusive().plusDays(AnomalyDetector.CONFIRM_DAYS));
        if (!to.isAfter(period.start()) || span.first().isAfter(period.lastDay())) {
            notes.add("no cost data in " + period.label() + " (cost data covers " + span.first() + ".."
                    + span.last() + ")");
            return new AnomalyReport(request, List.of(), List.of(), 0, 0, notes);
        }

        Map<SeriesKey, BigDecimal[]> series = dense(history.dailySpend(request.by(), request.account(),
                request.metric(), from, to), from, to);
        AnomalyDetector detector = new AnomalyDetector(request.sensitivity());
        List<Anomaly> anomalies = new ArrayList<>();
        int scored = 0;
        int belowMinimum = 0;
        int tentative = 0;
        for (Map.Entry<SeriesKey, BigDecimal[]> e : series.entrySet()) {
            SeriesKey key = e.getKey();
            AnomalyDetector.Scan scan = detector.scan(from, List.of(e.getValue()));
            if (scan.firstScored() != null && !scan.firstScored().isAfter(earlier(period.lastDay(), span.last()))) {
                scored++;
            }
            for (AnomalyDetector.Detection d : scan.detections()) {
                if (!period.contains(d.date())) {
                    continue;
                }
                if (d.impact().compareTo(request.minImpact()) < 0) {
                    belowMinimum++;
                    continue;
                }
                if (d.followingDays() < AnomalyDetector.CONFIRM_DAYS && d.kind() == AnomalyKind.SPIKE) {
                    tentative++;
                }
                anomalies.add(anomaly(request, key, d));
            }
        }
        anomalies.sort(Comparator.comparing(Anomaly::date)
                .thenComparing(a -> a.impact().amount(), Comparator.reverseOrder())
                .thenComparing(Anomaly::key));

        LocalDate firstScorable = span.first().plusDays(AnomalyDetector.MIN_BASELINE_DAYS);
        if (firstScorable.isAfter(period.start())) {
            LocalDate lastUnscored = earlier(firstScorable.minusDays(1), period.lastDay());
            notes.add("the baseline needs " + AnomalyDetector.MIN_BASELINE_DAYS + " days of history; the first "
                    + AnomalyDetector.MIN_BASELINE_DAYS + " days of data (" + span.first() + ".." + lastUnscored
                    + ") are not scored");
        }
        if (span.last().isBefore(period.lastDay())) {
            notes.add("cost data ends " + span.last() + "; later days are not scored");
        }
        if (tentative > 0) {
            notes.add(tentative + (tentative == 1 ? " spike is" : " spikes are") + " too recent to tell from a level "
                    + "shift: fewer than " + AnomalyDetector.CONFIRM_DAYS + " days of data follow");
        }
        if (belowMinimum > 0) {
            notes.add(belowMinimum + (belowMinimum == 1 ? " smaller anomaly" : " smaller anomalies")
                    + " below the minimum impact of " + request.minImpact().toPlainString() + " not shown");
        }
        notes.add("taxes and credits are not scored: they settle once a month");
        return new AnomalyReport(request, anomalies, totals(anomalies), scored, belowMinimum, notes);
    }

    private Anomaly anomaly(AnomalyRequest request, SeriesKey key, AnomalyDetector.Detection d) {
        Currency currency = key.currency();
        Money step = d.step() == null ? null : new Money(d.step(), currency);
        return new Anomaly(d.date(), key.key(), new Money(d.expected(), currency), new Money(d.actual(), currency),
                d.kind(), d.score(), step, drivers(request, key, d), d.trendPerMonth());
    }

    private List<Driver> drivers(AnomalyRequest request, SeriesKey key, AnomalyDetector.Detection d) {
        Set<LocalDate> baselineDays = new HashSet<>(d.baselineDays());
        LocalDate from = d.date();
        for (LocalDate b : baselineDays) {
            from = b.isBefore(from) ? b : from;
        }
        List<DriverAmount> rows = history.drivers(request.by(), key.key(), key.currency(), request.account(),
                request.metric(), from, d.date().plusDays(1));
        Map<DriverKey, Group> groups = new LinkedHashMap<>();
        for (DriverAmount r : rows) {
            boolean onTheDay = r.day().equals(d.date());
            if (!onTheDay && !baselineDays.contains(r.day())) {
                continue;
            }
            // a description that names a size ("data (100 GiB)") changes with it, so it keys a
            // group only when there is neither resource nor SKU
            DriverKey k = new DriverKey(r.resourceId(), r.skuId(),
                    r.resourceId() == null && r.skuId() == null ? r.chargeDescription() : null);
            Group g = groups.computeIfAbsent(k, x -> new Group());
            if (r.resourceName() != null && (g.name == null || onTheDay)) {
                g.name = r.resourceName();
            }
            if (r.chargeDescription() != null && (g.description == null || onTheDay)) {
                g.description = r.chargeDescription();
            }
            if (onTheDay) {
                g.actual = g.actual.add(r.amount());
            } else {
                g.usual.merge(r.day(), r.amount(), BigDecimal::add);
            }
        }
        Currency currency = key.currency();
        List<Driver> risen = new ArrayList<>();
        for (Map.Entry<DriverKey, Group> e : groups.entrySet()) {
            Group g = e.getValue();
            List<BigDecimal> perDay = new ArrayList<>();
            for (LocalDate b : baselineDays) {
                perDay.add(g.usual.getOrDefault(b, BigDecimal.ZERO));
            }
            BigDecimal expected = perDay.isEmpty() ? BigDecimal.ZERO : AnomalyDetector.median(perDay);
            if (g.actual.compareTo(expected) > 0) {
                DriverKey k = e.getKey();
                risen.add(new Driver(k.resourceId(), g.name, k.resourceId() == null ? 0 : 1, k.skuId(),
                        g.description, new Money(expected, currency), new Money(g.actual, currency)));
            }
        }
        List<Driver> drivers = mergedBySku(risen);
        drivers.sort(Comparator.comparing((Driver x) -> x.increase().amount(), Comparator.reverseOrder())
                .thenComparing(Driver::label));
        // a driver that explains a sliver of the impact is noise beside the ones that explain it
        BigDecimal least = d.impact().multiply(MIN_DRIVER_SHARE);
        List<Driver> kept = new ArrayList<>();
        for (Driver driver : drivers) {
            if (kept.size() < MAX_DRIVERS && (kept.isEmpty() || driver.increase().amount().compareTo(least) >= 0)) {
                kept.add(driver);
            }
        }
        return kept;
    }

    /** Resources that all rose under one SKU become one driver, so a fleet reads as one cause. */
    private static List<Driver> mergedBySku(List<Driver> risen) {
        Map<String, List<Driver>> bySku = new LinkedHashMap<>();
        List<Driver> out = new ArrayList<>();
        for (Driver r : risen) {
            if (r.skuId() != null && r.resourceId() != null) {
                bySku.computeIfAbsent(r.skuId(), x -> new ArrayList<>()).add(r);
            } else {
                out.add(r);
            }
        }
        for (Map.Entry<String, List<Driver>> e : bySku.entrySet()) {
            List<Driver> same = e.getValue();
            if (same.size() == 1) {
                out.add(same.get(0));
                continue;
            }
            Money expected = same.get(0).expected();
            Money actual = same.get(0).actual();
            String name = same.get(0).resourceName();
            String description = same.get(0).chargeDescription();
            for (Driver r : same.subList(1, same.size())) {
                expected = expected.plus(r.expected());
                actual = actual.plus(r.actual());
                name = Objects.equals(name, r.resourceName()) ? name : null;
                description = Objects.equals(description, r.chargeDescription()) ? description : null;
            }
            out.add(new Driver(null, name, same.size(), e.getKey(), description, expected, actual));
        }
        return out;
    }

    /** Series keyed by currency and key, each a zero-filled array over {@code [from, to)}, in a stable order. */
    private static Map<SeriesKey, BigDecimal[]> dense(List<DailyAmount> rows, LocalDate from, LocalDate to) {
        int days = (int) ChronoUnit.DAYS.between(from, to);
        Map<SeriesKey, BigDecimal[]> out = new TreeMap<>(Comparator.comparing((SeriesKey k) -> k.currency().getCurrencyCode())
                .thenComparing(SeriesKey::key));
        for (DailyAmount r : rows) {
            if (r.day().isBefore(from) || !r.day().isBefore(to)) {
                continue;
            }
            BigDecimal[] values = out.computeIfAbsent(new SeriesKey(r.currency(), r.key()), k -> {
                BigDecimal[] zeros = new BigDecimal[days];
                Arrays.fill(zeros, BigDecimal.ZERO);
                return zeros;
            });
            int i = (int) ChronoUnit.DAYS.between(from, r.day());
            values[i] = values[i].add(r.amount());
        }
        return out;
    }

    private static List<Money> totals(List<Anomaly> anomalies) {
        Map<String, Money> byCurrency = new TreeMap<>();
        for (Anomaly a : anomalies) {
            byCurrency.merge(a.impact().currency().getCurrencyCode(), a.impact(), Money::plus);
        }
        return List.copyOf(byCurrency.values());
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private record SeriesKey(Currency currency, String key) {
    }

    private record DriverKey(String resourceId, String skuId, String chargeDescription) {
    }

    /** One driver candidate while its rows are summed. */
    private static final class Group {
        String name;
        String description;
        BigDecimal actual = BigDecimal.ZERO;
        final Map<LocalDate, BigDecimal> usual = new HashMap<>();
    }
}
