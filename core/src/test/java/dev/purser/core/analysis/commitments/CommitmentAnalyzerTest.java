package dev.purser.core.analysis.commitments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.analysis.advice.SavingsPlanAdvice;
import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommitmentAnalyzerTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-15T10:00:00Z"), ZoneOffset.UTC);
    static final LocalDate TODAY = LocalDate.of(2026, 11, 15);
    static final Currency USD = Currency.getInstance("USD");

    /** Daily rows over the 60 days before today: one steady instance, one weekday-only, one covered. */
    static List<EligibleUsage> bill() {
        List<EligibleUsage> out = new ArrayList<>();
        for (LocalDate d = TODAY.minusDays(60); d.isBefore(TODAY); d = d.plusDays(1)) {
            Instant start = d.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant end = d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            out.add(new EligibleUsage(start, end, "i-steady", "EC2", Money.of("24.00", "USD"), false));
            out.add(new EligibleUsage(start, end, "i-idle", "EC2", Money.of("12.00", "USD"), false));
            out.add(new EligibleUsage(start, end, "i-covered", "EC2", Money.of("48.00", "USD"), true));
            boolean weekend = d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
            if (!weekend) {
                out.add(new EligibleUsage(start, end, "i-weekday", "EC2", Money.of("48.00", "USD"), false));
            }
        }
        return out;
    }

    static CommitmentAnalyzer analyzer(List<EligibleUsage> rows) {
        return new CommitmentAnalyzer((account, from, to) -> rows.stream()
                .filter(u -> !u.start().isBefore(from) && u.start().isBefore(to)).toList(),
                CommitmentSettings.defaults(), CLOCK);
    }

    @Test
    void analyze_weekdayPeaks_commitsAtTheSteadyLevel() {
        CommitmentAnalysis a = analyzer(bill()).analyze("acme", Set.of("i-idle"), List.of()).orElseThrow();
        assertThat(a.hours()).isEqualTo(60 * 24);
        assertThat(a.baselineHourly().amount()).isEqualByComparingTo("1.00");
        assertThat(a.excludedResources()).containsExactly("i-idle");
        CommitmentOutcome p = a.primary().orElseThrow();
        // weekday hours are 5/7 = 71 % of the time, under the 72 % a 28 % discount needs: commit to the floor
        assertThat(p.coveredOnDemandHourly().amount()).isEqualByComparingTo("1.00");
        assertThat(p.hourlyCommitment().amount()).isEqualByComparingTo("0.72");
        assertThat(p.monthlySaving().amount()).isEqualByComparingTo("204.40"); // 1.00 × 0.28 × 730
        assertThat(p.utilization()).isEqualByComparingTo("1");
        assertThat(p.breakEvenMonth()).hasValue(1);
        // 48 of (48 + 24 + 12 + weekday share) already covered
        assertThat(a.existingCoverage()).isBetween(new BigDecimal("0.40"), new BigDecimal("0.50"));
    }

    @Test
    void analyze_deepDiscount_coversTheWeekdayLevelToo() {
        CommitmentAnalysis a = analyzer(bill()).analyze("acme", Set.of("i-idle"), List.of()).orElseThrow();
        CommitmentOutcome threeYear = a.outcomes().stream()
                .filter(o -> o.option().name().equals("compute-sp-3y-no-upfront")).findFirst().orElseThrow();
        // at 46 % off, covering hours busy 71 % of the time pays: commit to the weekday level
        assertThat(threeYear.coveredOnDemandHourly().amount()).isEqualByComparingTo("3.00");
    }

    @Test
    void analyze_excludedResource_isLeftOutOfTheBaseline() {
        CommitmentAnalysis with = analyzer(bill()).analyze("acme", Set.of(), List.of()).orElseThrow();
        CommitmentAnalysis without = analyzer(bill()).analyze("acme", Set.of("i-idle"), List.of()).orElseThrow();
        assertThat(with.baselineHourly().amount()).isEqualByComparingTo("1.50");
        assertThat(without.baselineHourly().amount()).isEqualByComparingTo("1.00");
    }

    @Test
    void analyze_noEligibleSpend_isEmpty() {
        assertThat(analyzer(List.of()).analyze(null, Set.of(), List.of())).isEmpty();
    }

    @Test
    void analyze_fewDays_saysConfidenceIsLower() {
        List<EligibleUsage> rows = bill().stream()
                .filter(u -> u.start().isAfter(TODAY.minusDays(6).atStartOfDay(ZoneOffset.UTC).toInstant())).toList();
        CommitmentAnalysis a = analyzer(rows).analyze("acme", Set.of(), List.of()).orElseThrow();
        assertThat(a.hours()).isEqualTo(5 * 24);
        assertThat(a.gaps()).anyMatch(g -> g.startsWith("only 5.0 days"));
    }

    @Test
    void best_allUpfront_breaksEvenInTheMonthTheSavingCoversIt() {
        CommitmentOption allUpfront = CommitmentOption.computeSavingsPlanDefaults().get(2);
        BigDecimal[] sorted = new BigDecimal[100];
        Arrays.fill(sorted, BigDecimal.ONE);
        BigDecimal[] prefix = prefix(sorted);
        CommitmentOutcome o = CommitmentAnalyzer.best(allUpfront, sorted, prefix, prefix[100], USD);
        // upfront 0.67 × 730 × 12; each month avoids 730 of on-demand: 8.04 months, so month 9
        assertThat(o.upfront().amount()).isEqualByComparingTo("5869.20");
        assertThat(o.breakEvenMonth()).hasValue(9);
    }

    @Test
    void best_neverClaimsMoreThanTheDiscountOfTheSpend_andBeatsNeighbouringCommitments() {
        Random random = new Random(42);
        CommitmentOption option = CommitmentOption.computeSavingsPlanDefaults().get(0);
        for (int run = 0; run < 200; run++) {
            int n = 24 + random.nextInt(500);
            BigDecimal[] sorted = new BigDecimal[n];
            for (int i = 0; i < n; i++) {
                sorted[i] = random.nextInt(4) == 0 ? BigDecimal.ZERO
                        : BigDecimal.valueOf(random.nextInt(10_000), 3);
            }
            Arrays.sort(sorted);
            BigDecimal[] prefix = prefix(sorted);
            CommitmentOutcome o = CommitmentAnalyzer.best(option, sorted, prefix, prefix[n], USD);
            BigDecimal perHour = o.monthlySaving().amount().divide(CommitmentAnalyzer.HOURS_PER_MONTH, 8, RoundingMode.HALF_EVEN);
            BigDecimal ceiling = prefix[n].multiply(option.discount()).divide(BigDecimal.valueOf(n), 8, RoundingMode.HALF_EVEN);
            assertThat(perHour).isLessThanOrEqualTo(ceiling.add(new BigDecimal("0.0001")));
            assertThat(o.monthlySaving().amount().signum()).isGreaterThanOrEqualTo(0);
            BigDecimal c = o.coveredOnDemandHourly().amount();
            for (BigDecimal delta : List.of(new BigDecimal("0.05"), new BigDecimal("-0.05"))) {
                BigDecimal other = c.add(delta).max(BigDecimal.ZERO);
                assertThat(saving(sorted, other, option.discount()))
                        .isLessThanOrEqualTo(saving(sorted, c, option.discount()).add(new BigDecimal("0.000001")));
            }
        }
    }

    @Test
    void analyze_costExplorerAdvice_isComparedInWords() {
        SavingsPlanAdvice advice = new SavingsPlanAdvice("COMPUTE_SP", "1", "ONE_YEAR", "NO_UPFRONT", null, null,
                Money.of("1.08", "USD"), Money.of("0", "USD"), Money.of("250", "USD"), new BigDecimal("28"),
                new BigDecimal("99"));
        CommitmentAnalysis a = analyzer(bill()).analyze("acme", Set.of("i-idle"), List.of(advice)).orElseThrow();
        assertThat(a.comparison()).hasValueSatisfying(s -> {
            assertThat(s).contains("1.080 USD/hour").contains("0.720 USD/hour").contains("smaller commitment");
        });
    }

    private static BigDecimal saving(BigDecimal[] h, BigDecimal c, BigDecimal discount) {
        BigDecimal s = BigDecimal.ZERO;
        for (BigDecimal v : h) {
            s = s.add(v.min(c));
        }
        return s.subtract(c.multiply(BigDecimal.ONE.subtract(discount)).multiply(BigDecimal.valueOf(h.length)));
    }

    private static BigDecimal[] prefix(BigDecimal[] sorted) {
        BigDecimal[] p = new BigDecimal[sorted.length + 1];
        p[0] = BigDecimal.ZERO;
        for (int i = 0; i < sorted.length; i++) {
            p[i + 1] = p[i].add(sorted[i]);
        }
        return p;
    }
}
