package dev.purser.core.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.cloud.digitalocean.DigitalOceanClient;
import dev.purser.core.cloud.http.RateLimitRecorder;
import dev.purser.core.cloud.prometheus.PrometheusClient;
import dev.purser.core.cloud.prometheus.PrometheusSettings;
import dev.purser.core.demo.dosim.DigitalOceanSimulator;
import dev.purser.core.plan.Trigger;
import dev.purser.core.store.JdbcExecutorCallJournal;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The executor half of the demo's mandible story, in compressed time against the seeded simulator:
 * a rehearsal on a fork of mandible-prod, sso-prod to one node (done), mandible-prod to one node
 * (its p95 breaches during the soak and it is rolled back). This is how the demo should drive it.
 */
class MandibleStoryTest {

    static final Trigger P95 = new Trigger("query_p95_ms", Trigger.Comparison.ABOVE, new BigDecimal("1.5"), true,
            Duration.ofMinutes(5));

    @Test
    void mandibleStory_rehearsalSsoProdDone_mandibleProdRolledBack_inCompressedTime() {
        // 600x: a 30-minute soak takes 3 real seconds; polls every 10 compressed seconds
        CompressedTime time = new CompressedTime(Clock.systemUTC(), Instant.parse("2026-12-05T02:00:00Z"), 600);
        long realStart = System.nanoTime();
        try (PurserDatabase db = TestDatabase.fresh();
                DigitalOceanSimulator sim = DigitalOceanSimulator.start(time).seedMandible()) {
            RecordingAuditTrail audit = new RecordingAuditTrail();
            CallLedger ledger = new CallLedger(new JdbcExecutorCallJournal(db.dataSource()), audit, time,
                    time.sleeper(), Duration.ofSeconds(10), "demo", Duration.ofMinutes(2));
            DigitalOceanClient client = new DigitalOceanClient(sim.baseUri(), DigitalOceanSimulator.TOKEN,
                    ExecFixture.ONE_ATTEMPT, new RateLimitRecorder(), time, time.sleeper());
            PrometheusClient prometheus = new PrometheusClient(sim.baseUri(),
                    PrometheusSettings.defaults().withHttp(ExecFixture.ONE_ATTEMPT), null, time, time.sleeper());
            SoakEvaluator soak = new SoakEvaluator(new PrometheusMetricSource(prometheus,
                    Map.of("query_p95_ms", "query_p95_ms{cluster=\"{resource}\"}"), Duration.ofMinutes(1)), time,
                    time.sleeper());
            DatabaseResizeExecutor executor = new DatabaseResizeExecutor(client, ledger);
            PhaseRunner runner = new PhaseRunner(executor, soak, ledger);
            PhaseRunner.Timing timing = new PhaseRunner.Timing(Duration.ofMinutes(30), Duration.ofMinutes(30),
                    Duration.ofMinutes(30), Duration.ofMinutes(1), Duration.ofMinutes(30));

            PreparedChange mandible = executor.prepare(ExecFixture.clusterResize(
                    DigitalOceanSimulator.MANDIBLE_PROD_ID, "mandible-prod", "db-s-2vcpu-4gb", 2, "db-s-2vcpu-4gb", 1));
            DatabaseRehearsal.Report rehearsal = new DatabaseRehearsal(client, ledger, soak).rehearse(mandible,
                    new IdempotencyKey("plan:1/phase:1/rehearsal", "plan:1"), List.of(P95),
                    new DatabaseRehearsal.Timing(Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofMinutes(10),
                            Duration.ofMinutes(1), Duration.ofMinutes(30)));
            PreparedChange sso = executor.prepare(ExecFixture.clusterResize(DigitalOceanSimulator.SSO_PROD_ID,
                    "sso-prod", "db-s-1vcpu-2gb", 2, "db-s-1vcpu-2gb", 1));
            PhaseRunner.Outcome ssoOutcome = runner.run(sso, new IdempotencyKey("plan:1/phase:2/apply", "plan:1"),
                    "sso-prod", List.of(P95), timing);
            PhaseRunner.Outcome mandibleOutcome = runner.run(mandible,
                    new IdempotencyKey("plan:1/phase:3/apply", "plan:1"), "mandible-prod", List.of(P95), timing);

            assertThat(rehearsal.outcome()).as(rehearsal.message()).isEqualTo(DatabaseRehearsal.Outcome.PASSED);
            assertThat(rehearsal.forkDeleted()).isTrue();
            assertThat(ssoOutcome.result()).as(ssoOutcome.message()).isEqualTo(PhaseRunner.Result.DONE);
            assertThat(mandibleOutcome.result()).as(mandibleOutcome.message())
                    .isEqualTo(PhaseRunner.Result.ROLLED_BACK);
            assertThat(mandibleOutcome.message()).contains("query_p95_ms above 1.5x baseline for PT5M fired");
            assertThat(sim.cluster(DigitalOceanSimulator.SSO_PROD_ID).orElseThrow().nodes()).isEqualTo(1);
            assertThat(sim.cluster(DigitalOceanSimulator.MANDIBLE_PROD_ID).orElseThrow().nodes()).isEqualTo(2);
            assertThat(sim.clusters()).hasSize(2);
            assertThat(Duration.ofNanos(System.nanoTime() - realStart)).isLessThan(Duration.ofSeconds(60));
            System.out.println("mandible story: real " + Duration.ofNanos(System.nanoTime() - realStart).toMillis()
                    + " ms; rehearsal: " + rehearsal.message() + "\nsso-prod: " + ssoOutcome.message()
                    + "\nmandible-prod: " + mandibleOutcome.message());
        }
    }
}
