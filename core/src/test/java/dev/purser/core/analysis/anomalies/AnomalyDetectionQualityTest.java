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

    private static AnomalyReport run(Generated g, Sensitivity sensitivity) {
        Period period = new Period(FIRST, FIRST.plusDays(DAYS), ZoneOffset.UTC);
        return new AnomalyFinder(g.history()).find(new AnomalyRequest(period, AnomalyGrouping.SERVICE,
                AnomalyRequest.DEFAULT_MIN_IMPACT, sensitivity, null, CostMetric.BILLED));
    }

    @Test
    void find_generatedSeries_precisionAndRecallAtLeast085() {
        Generated g = generate(20261122L);
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
            if (truth.contains(id)) {
                tp++;
                found.add(id);
                AnomalyKind want = g.planted().stream().filter(p -> (p.key() + "@" + p.date()).equals(id))
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
        int fn = missed.size();
        double precision = tp / (double) (tp + fp);
        double recall = tp / (double) (tp + fn);
        System.out.printf("anomalies: precision %.2f recall %.2f (tp=%d, fp=%d, fn=%d; kind right for %d of %d)%n",
                precision, recall, tp, fp, fn, kindRight, tp);
        System.out.println("anomalies: false positives " + falsePositives);
        System.out.println("anomalies: missed " + missed);

        assertThat(g.planted().size()).isGreaterThanOrEqualTo(SERIES * 3);
        assertThat(precision).as("precision").isGreaterThanOrEqualTo(0.85);
        assertThat(recall).as("recall").isGreaterThanOrEqualTo(0.85);
        assertThat(kindRight).as("spike vs level shift told apart").isGreaterThanOrEqualTo((int) Math.ceil(0.9 * tp));
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
