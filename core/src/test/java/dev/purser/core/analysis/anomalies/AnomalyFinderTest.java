package dev.purser.core.analysis.anomalies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.model.Money;
import dev.purser.core.model.Period;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The finder on hand-made series: a flat $100 a day (wobbling by 50 cents) whose spread is the
 * 2.5 % floor, so a +$20 day scores 8, +$13 scores 5.2 and +$9 scores 3.8 (each day is measured against a same-weekday median of 100.00).
 */
class AnomalyFinderTest {

    private static final LocalDate FIRST = LocalDate.of(2026, 6, 1);
    private static final int DAYS = 120;
    private static final Period ALL = new Period(FIRST, FIRST.plusDays(DAYS), ZoneOffset.UTC);

    /** 100 ± 0.50 a day, plus {@code extra} on the given day offsets. */
    private static List<BigDecimal> flat(String base, Map<Integer, String> extra) {
        List<BigDecimal> out = new ArrayList<>();
        for (int d = 0; d < DAYS; d++) {
            BigDecimal v = new BigDecimal(base).add(new BigDecimal(d % 2 == 0 ? "0.50" : "-0.50"));
            if (extra.containsKey(d)) {
                v = v.add(new BigDecimal(extra.get(d)));
            }
            out.add(v);
        }
        return out;
    }

    private static final Map<Integer, String> THREE_SPIKES = Map.of(50, "20.00", 70, "13.00", 90, "9.00");

    private static AnomalyReport find(InMemorySpendHistory history, Period period, String minImpact,
                                      Sensitivity sensitivity) {
        return new AnomalyFinder(history).find(new AnomalyRequest(period, AnomalyGrouping.SERVICE,
                new BigDecimal(minImpact), sensitivity, null, CostMetric.BILLED));
    }

    private static List<LocalDate> dates(AnomalyReport report) {
        return report.anomalies().stream().map(Anomaly::date).toList();
    }

    @Test
    void find_sensitivity_lowerThresholdsFlagSmallerDeviations() {
        InMemorySpendHistory h = new InMemorySpendHistory().series("Droplets", FIRST, flat("100", THREE_SPIKES));
        assertThat(dates(find(h, ALL, "0", Sensitivity.LOW))).containsExactly(FIRST.plusDays(50));
        assertThat(dates(find(h, ALL, "0", Sensitivity.MEDIUM))).containsExactly(FIRST.plusDays(50), FIRST.plusDays(70));
        assertThat(dates(find(h, ALL, "0", Sensitivity.HIGH)))
                .containsExactly(FIRST.plusDays(50), FIRST.plusDays(70), FIRST.plusDays(90));
    }

    @Test
    void find_minImpact_dropsSmallerAnomaliesAndCountsThem() {
        InMemorySpendHistory h = new InMemorySpendHistory().series("Droplets", FIRST, flat("100", THREE_SPIKES));
        AnomalyReport byDefault = find(h, ALL, "10", Sensitivity.HIGH);
        assertThat(dates(byDefault)).containsExactly(FIRST.plusDays(50), FIRST.plusDays(70));
        assertThat(byDefault.belowMinImpact()).isEqualTo(1);
        assertThat(byDefault.notes()).anyMatch(n -> n.contains("1 smaller anomaly below the minimum impact of 10"));

        AnomalyReport strict = find(h, ALL, "15", Sensitivity.HIGH);
        assertThat(dates(strict)).containsExactly(FIRST.plusDays(50));
        assertThat(strict.belowMinImpact()).isEqualTo(2);
    }

    @Test
    void find_spike_reportsExactAmountsAndImpact() {
        InMemorySpendHistory h = new InMemorySpendHistory().series("Droplets", FIRST, flat("100", THREE_SPIKES));
        Anomaly a = find(h, ALL, "10", Sensitivity.MEDIUM).anomalies().get(0);
        assertThat(a.kind()).isEqualTo(AnomalyKind.SPIKE);
        assertThat(a.step()).isNull();
        assertThat(a.key()).isEqualTo("Droplets");
        // day 50 is even: 100.50 + 20.00, exactly as the data has it
        assertThat(a.actual().isSameAmount(Money.of("120.50", "USD"))).isTrue();
        assertThat(a.impact().amount()).isEqualByComparingTo(a.actual().amount().subtract(a.expected().amount()));
        assertThat(a.expected().amount()).isBetween(new BigDecimal("99.5"), new BigDecimal("100.5"));
        assertThat(a.score()).isGreaterThan(7);
    }

    @Test
    void find_levelShift_reportsTheFirstDayOnlyAndItsStep() {
        Map<Integer, String> shift = new TreeMap<>();
        for (int d = 60; d < DAYS; d++) {
            shift.put(d, "60.00");
        }
        InMemorySpendHistory h = new InMemorySpendHistory().series("Amazon Relational Database Service", FIRST,
                flat("100", shift));
        AnomalyReport report = find(h, ALL, "10", Sensitivity.HIGH);
        assertThat(report.anomalies()).hasSize(1);
        Anomaly a = report.anomalies().get(0);
        assertThat(a.date()).isEqualTo(FIRST.plusDays(60));
        assertThat(a.kind()).isEqualTo(AnomalyKind.LEVEL_SHIFT);
        assertThat(a.step().amount()).isBetween(new BigDecimal("59"), new BigDecimal("61"));
    }

    @Test
    void find_levelShiftThenSpike_findsBothAtTheNewLevel() {
        Map<Integer, String> extra = new TreeMap<>();
        for (int d = 40; d < DAYS; d++) {
            extra.put(d, d == 80 ? "140.00" : "100.00");
        }
        InMemorySpendHistory h = new InMemorySpendHistory().series("S3", FIRST, flat("100", extra));
        AnomalyReport report = find(h, ALL, "10", Sensitivity.MEDIUM);
        assertThat(report.anomalies()).extracting(Anomaly::date, Anomaly::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple(FIRST.plusDays(40), AnomalyKind.LEVEL_SHIFT),
                org.assertj.core.groups.Tuple.tuple(FIRST.plusDays(80), AnomalyKind.SPIKE));
        // the spike is measured against the new level of about $200
        assertThat(report.anomalies().get(1).impact().amount()).isBetween(new BigDecimal("39"), new BigDecimal("41"));
    }

    @Test
    void find_newSpendFromNothing_isOneLevelShift() {
        List<BigDecimal> amounts = new ArrayList<>();
        for (int d = 0; d < DAYS; d++) {
            amounts.add(d < 40 ? BigDecimal.ZERO : new BigDecimal(d % 3 == 0 ? "52.00" : "49.00"));
        }
        InMemorySpendHistory h = new InMemorySpendHistory().series("CloudFront", FIRST, amounts)
                .series("Droplets", FIRST, flat("100", Map.of()));
        AnomalyReport report = find(h, ALL, "10", Sensitivity.HIGH);
        assertThat(report.anomalies()).extracting(Anomaly::date, Anomaly::key, Anomaly::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple(FIRST.plusDays(40), "CloudFront", AnomalyKind.LEVEL_SHIFT));
    }

    @Test
    void find_drivers_areTheGroupsThatRoseAgainstTheirOwnBaseline() {
        InMemorySpendHistory h = new InMemorySpendHistory().series("EC2", FIRST, flat("100", Map.of(50, "20.00")));
        for (int d = 0; d <= 50; d++) {
            LocalDate day = FIRST.plusDays(d);
            h.driver("EC2", day, "i-web", "BoxUsage:m5.large", d == 50 ? "52.00" : "50.00");
            h.driver("EC2", day, "i-batch", "BoxUsage:c5.xlarge", d == 50 ? "68.50" : "50.00");
            h.driver("EC2", day, "vol-1", "EBS:VolumeUsage", d == 50 ? "0.20" : "0.50");
        }
        Anomaly a = find(h, ALL, "10", Sensitivity.MEDIUM).anomalies().get(0);
        assertThat(a.drivers()).extracting(Driver::resourceId).containsExactly("i-batch", "i-web");
        Driver top = a.drivers().get(0);
        assertThat(top.expected().isSameAmount(Money.of("50.00", "USD"))).isTrue();
        assertThat(top.increase().isSameAmount(Money.of("18.50", "USD"))).isTrue();
        assertThat(top.label()).isEqualTo("i-batch-name · charge for BoxUsage:c5.xlarge");
    }

    @Test
    void find_currencies_areScoredAndTotalledApart() {
        InMemorySpendHistory h = new InMemorySpendHistory()
                .series("Droplets", FIRST, flat("100", Map.of(50, "20.00")))
                .series("Droplets", Currency.getInstance("EUR"), FIRST, flat("100", Map.of(60, "30.00")));
        AnomalyReport report = find(h, ALL, "10", Sensitivity.MEDIUM);
        assertThat(report.anomalies()).hasSize(2);
        assertThat(report.totalImpact()).extracting(m -> m.currency().getCurrencyCode()).containsExactly("EUR", "USD");
        assertThat(report.seriesScored()).isEqualTo(2);
    }

    @Test
    void find_notes_sayWhatWasNotScored() {
        InMemorySpendHistory h = new InMemorySpendHistory().series("Droplets", FIRST, flat("100", Map.of(118, "40.00")));
        Period longer = new Period(FIRST, FIRST.plusDays(DAYS + 10), ZoneOffset.UTC);
        AnomalyReport report = find(h, longer, "10", Sensitivity.MEDIUM);
        assertThat(report.notes()).contains(
                "the baseline needs 14 days of history; the first 14 days of data (2026-06-01..2026-06-14) are not scored",
                "cost data ends 2026-09-28; later days are not scored",
                "1 spike is too recent to tell from a level shift: fewer than 4 days of data follow");
        assertThat(dates(report)).containsExactly(FIRST.plusDays(118));
    }

    @Test
    void find_noData_saysSo() {
        AnomalyReport report = find(new InMemorySpendHistory(), ALL, "10", Sensitivity.MEDIUM);
        assertThat(report.anomalies()).isEmpty();
        assertThat(report.notes()).containsExactly("no cost data has been imported");
    }

    @Test
    void find_periodBeforeTheData_saysWhatTheDataCovers() {
        InMemorySpendHistory h = new InMemorySpendHistory().series("Droplets", FIRST, flat("100", Map.of()));
        Period earlier = new Period(FIRST.minusDays(30), FIRST.minusDays(1), ZoneOffset.UTC);
        assertThat(find(h, earlier, "10", Sensitivity.MEDIUM).notes())
                .containsExactly("no cost data in 2026-05-02..2026-05-30 (cost data covers 2026-06-01..2026-09-28)");
    }

    @Test
    void request_negativeMinImpact_isRefused() {
        assertThatThrownBy(() -> new AnomalyRequest(ALL, AnomalyGrouping.SERVICE, new BigDecimal("-1"),
                Sensitivity.MEDIUM, null, CostMetric.BILLED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minimum impact must not be negative: -1");
    }
}
