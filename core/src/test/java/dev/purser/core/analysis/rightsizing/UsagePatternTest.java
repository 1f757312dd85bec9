package dev.purser.core.analysis.rightsizing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.model.UsageSeries;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UsagePatternTest {

    private static final Instant NOW = RightsizingEngineTest.NOW;
    private final RightsizingRules rules = RightsizingRules.defaults();
    private final UsageAnalyzer analyzer = new UsageAnalyzer(rules);

    private PatternAnalysis classify(UsageSeries s, double capacity) {
        Instant from = NOW.minus(rules.window());
        UsageAnalyzer.Extract e = analyzer.extract(s, MetricKind.of(s), from, NOW, capacity);
        return analyzer.pattern(e, analyzer.stats(e), from, NOW, capacity, true);
    }

    @Test
    void pattern_eachShapeRecognised() {
        SeriesGenerator g = new SeriesGenerator(42);
        assertThat(classify(g.cpu("a", NOW, 30, SeriesGenerator.Shape.STEADY, 1), 4).pattern())
                .isEqualTo(WorkloadPattern.STEADY);
        assertThat(classify(g.cpu("a", NOW, 30, SeriesGenerator.Shape.DAILY, 1), 4).pattern())
                .isEqualTo(WorkloadPattern.PERIODIC);
        assertThat(classify(g.cpu("a", NOW, 30, SeriesGenerator.Shape.BURSTY, 0.3), 4).pattern())
                .isEqualTo(WorkloadPattern.BURSTY);
        assertThat(classify(g.cpu("a", NOW, 30, SeriesGenerator.Shape.TRENDING, 1), 4).pattern())
                .isEqualTo(WorkloadPattern.TRENDING);
        assertThat(classify(g.cpu("a", NOW, 30, SeriesGenerator.Shape.IDLE, 1), 4).pattern())
                .isEqualTo(WorkloadPattern.IDLE);
    }

    @Test
    void pattern_weeklyCycle_periodic() {
        UsageSeries weekly = SeriesGenerator.of("w", "cpu_cores", "cores", NOW, 30 * 288,
                i -> (i / 288) % 7 < 5 ? 1.0 : 0.2);
        PatternAnalysis p = classify(weekly, 4);
        assertThat(p.pattern()).isEqualTo(WorkloadPattern.PERIODIC);
        assertThat(p.weeklyAutocorrelation()).isGreaterThan(0.5);
    }

    @Test
    void pattern_trending_projectsThirtyDaysAhead() {
        // 1.0 → 2.0 cores over 30 days: 30 days later the line reaches about 3.0.
        UsageSeries rising = SeriesGenerator.of("t", "cpu_cores", "cores", NOW, 30 * 288, i -> 1.0 + i / (30.0 * 288));
        PatternAnalysis p = classify(rising, 8);
        assertThat(p.pattern()).isEqualTo(WorkloadPattern.TRENDING);
        assertThat(p.projected()).isBetween(2.9, 3.1);
        assertThat(p.growthFactor()).isBetween(1.45, 1.6);
    }

    @Test
    void stats_percentilesAndGaps() {
        UsageSeries s = SeriesGenerator.of("s", "cpu_cores", "cores", NOW, 101, i -> i);
        Instant from = NOW.minus(rules.window());
        UsageAnalyzer.Extract e = analyzer.extract(s, MetricKind.of(s), from, NOW, Double.NaN);
        UsageStats st = analyzer.stats(e);
        assertThat(st.p50()).isEqualTo(50.0);
        assertThat(st.p95()).isEqualTo(95.0);
        assertThat(st.p99()).isEqualTo(99.0);
        assertThat(st.max()).isEqualTo(100.0);
        assertThat(st.missingSamples()).isZero();
    }
}
