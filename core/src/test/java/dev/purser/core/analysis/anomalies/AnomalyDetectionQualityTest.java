package dev.purser.core.analysis.anomalies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.model.Period;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of the detector on generated series with known anomalies: a weekday
 * profile (quiet weekends, a per-weekday wobble), multiplicative noise of 3-12 %, a mild trend,
 * spikes of +60 % to +300 % of the day's usual spend and level shifts of ×1.5 to ×2.2.
 */
class AnomalyDetectionQualityTest {

    private static final LocalDate FIRST = LocalDate.of(2026, 3, 2);
    private static final int DAYS = 210;
    private static final int SERIES = 24;
    /** Anomalies are planted once the baseline has a full window behind it. */
    private static final int EARLIEST = AnomalyDetector.WINDOW_DAYS + 7;
    /** Days after a planted level shift began within which finding it counts. */
    private static final int SHIFT_LATENESS = 2;

    private record Planted(String key, LocalDate date, AnomalyKind kind) {
    }

    private record Generated(InMemorySpendHistory history, List<Planted> planted) {
    }

    static Generated generate(long seed) {
        Random rnd = new Random(seed);
        InMemorySpendHistory history = new InMemorySpendHistory();
        List<Planted> planted = new ArrayList<>();
        for (int s = 0; s < SERIES; s++) {
            String key = "service-" + s;
            double base = 100 + rnd.nextDouble() * 1900;
            double weekend = 0.35 + rnd.nextDouble() * 0.65;
            double[] profile = new double[7];
            for (int w = 0; w < 7; w++) {
                profile[w] = w >= 5 ? weekend : 1 + 0.05 * rnd.nextGaussian();
            }
            double cv = 0.03 + rnd.nextDouble() * 0.09;
            double trend = (rnd.nextDouble() * 0.002) - 0.0005;
            int shiftAt = rnd.nextDouble() < 0.6 ? 60 + rnd.nextInt(DAYS - 60 - 10) : -1;
            double shiftFactor = 1.5 + rnd.nextDouble() * 0.7;
            Set<Integer> busy = new HashSet<>();
            if (shiftAt >= 0) {
                planted.add(new Planted(key, FIRST.plusDays(shiftAt), AnomalyKind.LEVEL_SHIFT));
                for (int d = shiftAt - 7; d <= shiftAt + 7; d++) {
                    busy.add(d);
                }
            }
            double[] spikes = new double[DAYS];
            for (int n = 0; n < 3; n++) {
                int day;
                do {
                    day = EARLIEST + rnd.nextInt(DAYS - EARLIEST);
                } while (busy.contains(day));
                for (int d = day - 7; d <= day + 7; d++) {
                    busy.add(d);
                }
                spikes[day] = 0.6 + rnd.nextDouble() * 2.4;
                planted.add(new Planted(key, FIRST.plusDays(day), AnomalyKind.SPIKE));
            }
            List<BigDecimal> amounts = new ArrayList<>();
            for (int d = 0; d < DAYS; d++) {
                DayOfWeek dow = FIRST.plusDays(d).getDayOfWeek();
                double level = base * (1 + trend * d) * (shiftAt >= 0 && d >= shiftAt ? shiftFactor : 1);
                double usual = level * profile[dow.getValue() - 1];
                double value = usual * (1 + cv * rnd.nextGaussian()) + usual * spikes[d];
                amounts.add(BigDecimal.valueOf(Math.max(0, value)).setScale(2, RoundingMode.HALF_EVEN));
            }
            history.series(key, FIRST, amounts);
        }
        return new Generated(history, planted);
    }

    /** The shapes of the generated sets besides the mixed one above. */
    enum Shape {
        /** Every service grows 4-8 % a month, with spikes and some level shifts on top. */
        TRENDING,
        /** Strong weekday patterns: quiet weekends, a busy Monday, a slow Friday; no trend. */
        WEEKDAY,
        /** Holiday-like dips (1-3 days at 20-60 % of usual, on dates shared by every service) on a growing bill. */
        HOLIDAYS,
        /** Level shifts up (anomalies) and steps down (savings, not anomalies) on a growing bill. */
        LEVEL_SHIFTS
    }

    /** A generated set of one shape; the planted anomalies are spikes and level shifts up only. */
    static Generated generate(Shape shape, long seed) {
        Random rnd = new Random(seed);
        InMemorySpendHistory history = new InMemorySpendHistory();
        List<Planted> planted = new ArrayList<>();
        List<Integer> holidays = new ArrayList<>();
        if (shape == Shape.HOLIDAYS) {
            for (int h = 40; h < DAYS - 3; h += 20 + rnd.nextInt(15)) {
                holidays.add(h);
            }
        }
        for (int s = 0; s < SERIES; s++) {
            String key = "service-" + s;
            double base = 100 + rnd.nextDouble() * 1900;
            double[] profile = new double[7];
            for (int w = 0; w < 7; w++) {
                profile[w] = 1 + 0.05 * rnd.nextGaussian();
            }
            if (shape == Shape.WEEKDAY) {
                profile[0] = 1.3 + 0.2 * rnd.nextDouble();
                profile[4] = 0.7 + 0.2 * rnd.nextDouble();
                profile[5] = 0.2 + 0.3 * rnd.nextDouble();
                profile[6] = 0.2 + 0.3 * rnd.nextDouble();
            } else {
                double weekend = 0.35 + rnd.nextDouble() * 0.65;
                profile[5] = weekend;
                profile[6] = weekend;
            }
            double cv = 0.03 + rnd.nextDouble() * 0.09;
            double perMonth = switch (shape) {
                case TRENDING -> 0.04 + rnd.nextDouble() * 0.04;
                case WEEKDAY -> 0;
                case HOLIDAYS, LEVEL_SHIFTS -> rnd.nextDouble() * 0.06;
            };
            double growth = Math.log1p(perMonth) / 30;
            Set<Integer> busy = new HashSet<>();
            double[] dip = new double[DAYS];
            java.util.Arrays.fill(dip, 1);
            for (int h : holidays) {
                int length = 1 + rnd.nextInt(3);
                double depth = 0.2 + rnd.nextDouble() * 0.4;
                for (int d = h; d < h + length; d++) {
                    dip[d] = depth;
                }
                for (int d = h - 3; d <= h + length + 3; d++) {
                    busy.add(d);
                }
            }
            double[] step = new double[DAYS];
            java.util.Arrays.fill(step, 1);
            boolean shifts = shape == Shape.LEVEL_SHIFTS || shape == Shape.TRENDING && rnd.nextDouble() < 0.4;
            if (shifts) {
                int up = 60 + rnd.nextInt(DAYS - 60 - 10);
                double factor = 1.4 + rnd.nextDouble() * 0.8;
                planted.add(new Planted(key, FIRST.plusDays(up), AnomalyKind.LEVEL_SHIFT));
                for (int d = up; d < DAYS; d++) {
                    step[d] *= factor;
                }
                for (int d = up - 7; d <= up + 7; d++) {
                    busy.add(d);
                }
                if (shape == Shape.LEVEL_SHIFTS) {
                    int down;
                    do {
                        down = 40 + rnd.nextInt(DAYS - 40 - 10);
                    } while (Math.abs(down - up) < 21);
                    double cut = 0.5 + rnd.nextDouble() * 0.3;
                    for (int d = down; d < DAYS; d++) {
                        step[d] *= cut;
                    }
                    // Until the baseline has caught up with a step down (its four weeks), a spike
                    // smaller than the step is measured against the old level and can hide: none
                    // is planted there, and README says so.
                    for (int d = down - 7; d <= down + AnomalyDetector.WINDOW_DAYS; d++) {
                        busy.add(d);
                    }
                }
            }
            double[] spikes = new double[DAYS];
            for (int n = 0; n < 3; n++) {
                int day;
                do {
                    day = EARLIEST + rnd.nextInt(DAYS - EARLIEST);
                } while (busy.contains(day));
                for (int d = day - 7; d <= day + 7; d++) {
                    busy.add(d);
                }
                spikes[day] = 0.6 + rnd.nextDouble() * 2.4;
                planted.add(new Planted(key, FIRST.plusDays(day), AnomalyKind.SPIKE));
            }
            List<BigDecimal> amounts = new ArrayList<>();
            for (int d = 0; d < DAYS; d++) {
                DayOfWeek dow = FIRST.plusDays(d).getDayOfWeek();
                double usual = base * Math.exp(growth * d) * step[d] * profile[dow.getValue() - 1] * dip[d];
                double value = usual * (1 + cv * rnd.nextGaussian()) + usual * spikes[d];
                amounts.add(BigDecimal.valueOf(Math.max(0, value)).setScale(2, RoundingMode.HALF_EVEN));
            }
            history.series(key, FIRST, amounts);
        }
        return new Generated(history, planted);
    }

    private static AnomalyReport run(Generated g, Sensitivity sensitivity) {
        Period period = new Period(FIRST, FIRST.plusDays(DAYS), ZoneOffset.UTC);
        return new AnomalyFinder(g.history()).find(new AnomalyRequest(period, AnomalyGrouping.SERVICE,
                AnomalyRequest.DEFAULT_MIN_IMPACT, sensitivity, null, CostMetric.BILLED));
    }

    /** Counts of one evaluation. */
    private record Score(String set, int tp, int fp, int fn, int kindRight, List<String> falsePositives,
                         List<String> missed) {
        double precision() {
            return tp / (double) (tp + fp);
        }

        double recall() {
            return tp / (double) (tp + fn);
        }

        Score plus(Score o) {
            return new Score("overall", tp + o.tp, fp + o.fp, fn + o.fn, kindRight + o.kindRight, List.of(), List.of());
        }

        String line() {
            return String.format("anomalies %-13s precision %.3f recall %.3f (tp=%d, fp=%d, fn=%d; kind right for %d of %d)",
                    set, precision(), recall(), tp, fp, fn, kindRight, tp);
        }
    }

    private static Score evaluate(String set, Generated g) {
        AnomalyReport report = run(g, Sensitivity.MEDIUM);
        Set<String> truth = new HashSet<>();
        for (Planted p : g.planted()) {
            truth.add(p.key() + "@" + p.date());
        }
        int tp = 0;
        int fp = 0;
        int kindRight = 0;
        List<String> falsePositives = new ArrayList<>();
        Set<String> found = new HashSet<>();
        for (Anomaly a : report.anomalies()) {
            String id = a.key() + "@" + a.date();
            if (a.kind() == AnomalyKind.LEVEL_SHIFT && !truth.contains(id)) {
                // Under noise the first day of a step may look ordinary; a shift found up to
                // SHIFT_LATENESS days after it began is that shift, not a false alarm.
                for (int late = 1; late <= SHIFT_LATENESS; late++) {
                    String start = a.key() + "@" + a.date().minusDays(late);
                    if (truth.contains(start) && !found.contains(start)) {
                        id = start;
                        break;
                    }
                }
            }
            if (truth.contains(id) && !found.contains(id)) {
                tp++;
                found.add(id);
                String hit = id;
                AnomalyKind want = g.planted().stream().filter(p -> (p.key() + "@" + p.date()).equals(hit))
                        .findFirst().orElseThrow().kind();
                kindRight += want == a.kind() ? 1 : 0;
            } else {
                fp++;
                falsePositives.add(id + " " + a.kind() + " z=" + String.format("%.1f", a.score()));
            }
        }
        List<String> missed = new ArrayList<>();
        for (Planted p : g.planted()) {
            if (!found.contains(p.key() + "@" + p.date())) {
                missed.add(p.key() + "@" + p.date() + " " + p.kind());
            }
        }
        return new Score(set, tp, fp, missed.size(), kindRight, falsePositives, missed);
    }

    /**
     * The figures in README.md: every generated set, precision and recall each at least 0.95, per
     * set and overall, and spike told from level shift for at least 90 % of the hits.
     */
    @Test
    void find_generatedSets_precisionAndRecallAtLeast095_perSetAndOverall() {
        List<Score> scores = new ArrayList<>();
        scores.add(evaluate("mixed", generate(20261122L)));
        scores.add(evaluate("trending", generate(Shape.TRENDING, 61L)));
        scores.add(evaluate("weekday", generate(Shape.WEEKDAY, 62L)));
        scores.add(evaluate("holidays", generate(Shape.HOLIDAYS, 63L)));
        scores.add(evaluate("level-shifts", generate(Shape.LEVEL_SHIFTS, 64L)));
        Score overall = scores.stream().reduce(Score::plus).orElseThrow();
        for (Score sc : scores) {
            System.out.println(sc.line());
            System.out.println("anomalies " + sc.set() + ": false positives " + sc.falsePositives() + "; missed " + sc.missed());
        }
        System.out.println(overall.line());

        for (Score sc : scores) {
            assertThat(sc.tp() + sc.fn()).as(sc.set() + " planted").isGreaterThanOrEqualTo(SERIES * 3);
            assertThat(sc.precision()).as(sc.set() + " precision").isGreaterThanOrEqualTo(0.95);
            assertThat(sc.recall()).as(sc.set() + " recall").isGreaterThanOrEqualTo(0.95);
            assertThat(sc.kindRight()).as(sc.set() + ": spike vs level shift told apart")
                    .isGreaterThanOrEqualTo((int) Math.ceil(0.9 * sc.tp()));
        }
        assertThat(overall.precision()).as("overall precision").isGreaterThanOrEqualTo(0.95);
        assertThat(overall.recall()).as("overall recall").isGreaterThanOrEqualTo(0.95);
    }

    /**
     * Issue 10: a service growing steadily (6 % a month) with ordinary noise (2-4 %) and a weekday
     * pattern has no anomaly; a baseline that lags the growth flagged ordinary days as spikes.
     */
    @Test
    void find_steadyGrowthSixPercentAMonth_flagsNoOrdinaryDay() {
        Random rnd = new Random(6L);
        InMemorySpendHistory history = new InMemorySpendHistory();
        double growth = Math.log1p(0.06) / 30;
        for (int s = 0; s < SERIES; s++) {
            double base = 100 + rnd.nextDouble() * 1900;
            double weekend = 0.35 + rnd.nextDouble() * 0.65;
            double cv = 0.02 + rnd.nextDouble() * 0.02;
            List<BigDecimal> amounts = new ArrayList<>();
            for (int d = 0; d < DAYS; d++) {
                int dow = FIRST.plusDays(d).getDayOfWeek().getValue();
                double usual = base * Math.exp(growth * d) * (dow >= 6 ? weekend : 1);
                amounts.add(BigDecimal.valueOf(usual * (1 + cv * rnd.nextGaussian())).setScale(2, RoundingMode.HALF_EVEN));
            }
            history.series("growing-" + s, FIRST, amounts);
        }
        AnomalyReport report = run(new Generated(history, List.of()), Sensitivity.MEDIUM);
        System.out.println("anomalies steady growth: " + report.anomalies().size() + " flagged of "
                + report.seriesScored() + " series");
        assertThat(report.seriesScored()).isEqualTo(SERIES);
        assertThat(report.anomalies()).isEmpty();
    }

    @Test
    void find_generatedSeries_higherSensitivityFindsMore() {
        Generated g = generate(7L);
        int low = run(g, Sensitivity.LOW).anomalies().size();
        int medium = run(g, Sensitivity.MEDIUM).anomalies().size();
        int high = run(g, Sensitivity.HIGH).anomalies().size();
        System.out.printf("anomalies: found low=%d medium=%d high=%d%n", low, medium, high);
        assertThat(low).isLessThanOrEqualTo(medium);
        assertThat(medium).isLessThan(high);
    }
}
