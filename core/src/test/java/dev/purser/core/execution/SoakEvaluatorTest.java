package dev.purser.core.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.model.UsageSeries;
import dev.purser.core.plan.Trigger;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class SoakEvaluatorTest {

    static final Instant T0 = Instant.parse("2026-12-05T02:00:00Z");

    /** Samples every minute from a function of minutes since T0. */
    static final class FunctionSource implements MetricSource {
        final Map<String, DoubleUnaryOperator> byMetric;

        FunctionSource(Map<String, DoubleUnaryOperator> byMetric) {
            this.byMetric = byMetric;
        }

        @Override
        public String describe() {
            return "function source";
        }

        @Override
        public List<UsageSeries.Sample> samples(String resource, String metric, Instant from, Instant to) {
            DoubleUnaryOperator f = byMetric.get(metric);
            List<UsageSeries.Sample> out = new ArrayList<>();
            if (f == null) {
                return out;
            }
            long start = Math.floorDiv(from.getEpochSecond() + 59, 60) * 60;
            for (long t = start; t <= to.getEpochSecond(); t += 60) {
                double minutes = (t - T0.getEpochSecond()) / 60.0;
                out.add(new UsageSeries.Sample(Instant.ofEpochSecond(t), f.applyAsDouble(minutes)));
            }
            return out;
        }
    }

    static final Trigger P95 = new Trigger("query_p95_ms", Trigger.Comparison.ABOVE, new BigDecimal("1.5"), true,
            Duration.ofMinutes(5));
    static final Trigger CPU = new Trigger("cpu_percent", Trigger.Comparison.ABOVE, new BigDecimal("80"), false,
            Duration.ofMinutes(5));

    SoakEvaluator evaluator(Map<String, DoubleUnaryOperator> f) {
        SteppingClock clock = new SteppingClock(T0);
        return new SoakEvaluator(new FunctionSource(f), clock, clock.sleeper());
    }

    @Test
    void baseline_isTheMedianOverTheWindow_soOneSpikeDoesNotMoveIt() {
        SoakEvaluator e = evaluator(Map.of("query_p95_ms", m -> m == -10 ? 900 : 40));
        Baseline b = e.baseline("mandible-prod", List.of(P95), Duration.ofMinutes(30), T0);
        assertThat(b.value("query_p95_ms")).contains(new BigDecimal("40.0"));
        assertThat(b.samples()).containsEntry("query_p95_ms", 31);
    }

    @Test
    void evaluate_relativeTriggerSustained_firesWithTheNumbers() {
        SoakEvaluator e = evaluator(Map.of("query_p95_ms", m -> m < 10 ? 40 : 96));
        Baseline b = e.baseline("mandible-prod", List.of(P95), Duration.ofMinutes(30), T0);

        SoakVerdict v = e.evaluate("mandible-prod", List.of(P95), b, T0, T0.plus(Duration.ofMinutes(30)));

        assertThat(v.outcome()).isEqualTo(SoakVerdict.Outcome.BREACHED);
        Breach br = v.breaches().get(0);
        assertThat(br.limit()).isEqualByComparingTo("60");
        assertThat(br.from()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
        assertThat(br.to()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        assertThat(br.samples()).isEqualTo(6);
        assertThat(br.describe()).contains("query_p95_ms above 1.5x baseline for PT5M fired")
                .contains("baseline 40.0").contains("limit 60.0").contains("peak 96.0");
    }

    @Test
    void evaluate_breachShorterThanSustained_doesNotFire() {
        // above 80 for minutes 10..13 only (4 minutes), then normal
        SoakEvaluator e = evaluator(Map.of("cpu_percent", m -> m >= 10 && m <= 13 ? 95 : 50));
        Baseline b = e.baseline("api", List.of(CPU), Duration.ofMinutes(30), T0);

        SoakVerdict v = e.evaluate("api", List.of(CPU), b, T0, T0.plus(Duration.ofMinutes(30)));

        assertThat(v.outcome()).isEqualTo(SoakVerdict.Outcome.PASSED);
        assertThat(v.observed()).containsEntry("cpu_percent", 31);
    }

    @Test
    void evaluate_belowTrigger_firesOnLowValues() {
        Trigger conns = new Trigger("active_connections", Trigger.Comparison.BELOW, new BigDecimal("0.5"), true,
                Duration.ofMinutes(2));
        SoakEvaluator e = evaluator(Map.of("active_connections", m -> m < 5 ? 20 : 3));
        Baseline b = e.baseline("db", List.of(conns), Duration.ofMinutes(30), T0);

        SoakVerdict v = e.evaluate("db", List.of(conns), b, T0, T0.plus(Duration.ofMinutes(10)));

        assertThat(v.outcome()).isEqualTo(SoakVerdict.Outcome.BREACHED);
        assertThat(v.breaches().get(0).peak()).isEqualTo(3.0);
    }

    @Test
    void evaluate_noSamples_isNoDataNotAPass() {
        SoakEvaluator e = evaluator(Map.of());
        Baseline b = e.baseline("db", List.of(P95, CPU), Duration.ofMinutes(30), T0);

        SoakVerdict v = e.evaluate("db", List.of(P95, CPU), b, T0, T0.plus(Duration.ofMinutes(10)));

        assertThat(b.gaps()).hasSize(2);
        assertThat(v.outcome()).isEqualTo(SoakVerdict.Outcome.NO_DATA);
        assertThat(v.gaps()).anyMatch(g -> g.contains("no baseline for query_p95_ms"))
                .anyMatch(g -> g.contains("cpu_percent has no samples"));
    }

    @Test
    void soak_stopsAtTheFirstBreachWithoutWaitingOutTheSoak() {
        SteppingClock clock = new SteppingClock(T0);
        SoakEvaluator e = new SoakEvaluator(new FunctionSource(Map.of("cpu_percent", m -> m < 3 ? 40 : 99)), clock,
                clock.sleeper());
        Baseline b = new Baseline("api", T0, T0, Map.of(), Map.of(), List.of());

        SoakVerdict v = e.soak("api", List.of(CPU), b, T0, Duration.ofHours(1), Duration.ofMinutes(1));

        assertThat(v.outcome()).isEqualTo(SoakVerdict.Outcome.BREACHED);
        assertThat(clock.instant()).isEqualTo(T0.plus(Duration.ofMinutes(8)));
        assertThat(v.breaches().get(0).baseline()).isEqualTo(Optional.empty());
    }
}
