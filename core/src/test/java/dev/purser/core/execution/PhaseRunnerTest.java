package dev.purser.core.execution;

import static dev.purser.core.execution.ExecFixture.MANDIBLE;
import static dev.purser.core.execution.ExecFixture.SSO;
import static dev.purser.core.execution.ExecFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.cloud.prometheus.PrometheusClient;
import dev.purser.core.cloud.prometheus.PrometheusSettings;
import dev.purser.core.plan.Trigger;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PhaseRunnerTest {

    static final Trigger P95 = new Trigger("query_p95_ms", Trigger.Comparison.ABOVE, new BigDecimal("1.5"), true,
            Duration.ofMinutes(5));
    static final PhaseRunner.Timing TIMING = new PhaseRunner.Timing(Duration.ofMinutes(30), Duration.ofMinutes(30),
            Duration.ofMinutes(30), Duration.ofMinutes(1), Duration.ofMinutes(30));

    static PurserDatabase db;
    ExecFixture f;
    DatabaseResizeExecutor executor;
    PhaseRunner runner;

    @BeforeAll
    static void open() {
        db = TestDatabase.fresh();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void setUp() {
        f = new ExecFixture(db);
        executor = new DatabaseResizeExecutor(f.client, f.ledger);
        PrometheusClient prometheus = new PrometheusClient(f.sim.baseUri(), PrometheusSettings.defaults()
                .withHttp(ExecFixture.ONE_ATTEMPT), null, f.clock, f.clock.sleeper());
        MetricSource source = new PrometheusMetricSource(prometheus,
                Map.of("query_p95_ms", "query_p95_ms{cluster=\"{resource}\"}"), Duration.ofMinutes(1));
        runner = new PhaseRunner(executor, new SoakEvaluator(source, f.clock, f.clock.sleeper()), f.ledger);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void run_breachDuringSoak_rollsBackThroughTheSameExecutor() {
        f.sim.breachAfterResize("mandible-prod", "query_p95_ms", 40, 96);
        PreparedChange p = executor.prepare(ExecFixture.mandibleToOneNode());
        IdempotencyKey k = key("plan:1/phase:3/run-breach");

        PhaseRunner.Outcome o = runner.run(p, k, "mandible-prod", List.of(P95), TIMING);

        assertThat(o.result()).isEqualTo(PhaseRunner.Result.ROLLED_BACK);
        assertThat(o.message()).contains("query_p95_ms above 1.5x baseline for PT5M fired").contains("baseline 40")
                .contains("rolled back to db-s-2vcpu-4gb x 2 nodes");
        assertThat(o.baseline().orElseThrow().value("query_p95_ms").orElseThrow().doubleValue())
                .isBetween(39.0, 41.0);
        assertThat(f.sim.cluster(MANDIBLE).orElseThrow().nodes()).isEqualTo(2);
        assertThat(f.sim.count("PUT", "/v2/databases/" + MANDIBLE + "/resize")).isEqualTo(2);
        assertThat(f.audit.events()).extracting(e -> e.kind())
                .containsSubsequence("phase.baseline", "executor.call", "phase.soak", "phase.breach", "executor.call");
    }

    @Test
    void run_again_afterARollback_repeatsNoCall() {
        f.sim.breachAfterResize("mandible-prod", "query_p95_ms", 40, 96);
        PreparedChange p = executor.prepare(ExecFixture.mandibleToOneNode());
        IdempotencyKey k = key("plan:1/phase:3/run-twice");
        runner.run(p, k, "mandible-prod", List.of(P95), TIMING);

        PhaseRunner.Outcome again = runner.run(p, k, "mandible-prod", List.of(P95), TIMING);

        assertThat(again.result()).isEqualTo(PhaseRunner.Result.ROLLED_BACK);
        assertThat(f.sim.count("PUT", "/v2/databases/" + MANDIBLE + "/resize")).isEqualTo(2);
        assertThat(f.sim.cluster(MANDIBLE).orElseThrow().nodes()).isEqualTo(2);
    }

    @Test
    void run_steadyMetrics_isDoneAfterTheWholeSoak() {
        f.sim.steady("sso-prod", "query_p95_ms", 12);
        PreparedChange p = executor.prepare(ExecFixture.clusterResize(SSO, "sso-prod", "db-s-1vcpu-2gb", 2,
                "db-s-1vcpu-2gb", 1));
        IdempotencyKey k = key("plan:1/phase:2/run-steady");

        PhaseRunner.Outcome o = runner.run(p, k, "sso-prod", List.of(P95), TIMING);

        assertThat(o.result()).isEqualTo(PhaseRunner.Result.DONE);
        assertThat(o.message()).contains("soak passed");
        assertThat(o.verdict().orElseThrow().observed().get("query_p95_ms")).isEqualTo(31);
        assertThat(f.sim.cluster(SSO).orElseThrow().nodes()).isEqualTo(1);
    }

    @Test
    void run_noMetrics_asksAPersonAndKeepsTheChange() {
        PreparedChange p = executor.prepare(ExecFixture.clusterResize(SSO, "sso-prod", "db-s-1vcpu-2gb", 2,
                "db-s-1vcpu-2gb", 1));
        IdempotencyKey k = key("plan:1/phase:2/run-nodata");

        PhaseRunner.Outcome o = runner.run(p, k, "sso-prod", List.of(P95), TIMING);

        assertThat(o.result()).isEqualTo(PhaseRunner.Result.ASK_PERSON);
        assertThat(o.message()).contains("could not verify");
        assertThat(f.sim.cluster(SSO).orElseThrow().nodes()).isEqualTo(1);
    }

    @Test
    void run_resizeRefused_failsWithoutSoaking() {
        f.sim.failNext("PUT", "/v2/databases/" + MANDIBLE + "/resize", 422, 1, Duration.ZERO);
        PreparedChange p = executor.prepare(ExecFixture.mandibleToOneNode());

        PhaseRunner.Outcome o = runner.run(p, key("plan:1/phase:3/run-422"), "mandible-prod", List.of(P95), TIMING);

        assertThat(o.result()).isEqualTo(PhaseRunner.Result.FAILED);
        assertThat(o.verdict()).isEmpty();
        assertThat(o.message()).contains("422");
    }
}
