package dev.purser.core.execution;

import static dev.purser.core.execution.ExecFixture.MANDIBLE;
import static dev.purser.core.execution.ExecFixture.SSO;
import static dev.purser.core.execution.ExecFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.cloud.digitalocean.DatabaseCluster;
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

class DatabaseRehearsalTest {

    static final Trigger P95 = new Trigger("query_p95_ms", Trigger.Comparison.ABOVE, new BigDecimal("1.5"), true,
            Duration.ofMinutes(5));
    static final DatabaseRehearsal.Timing TIMING = new DatabaseRehearsal.Timing(Duration.ofMinutes(30),
            Duration.ofMinutes(30), Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofMinutes(30));

    static PurserDatabase db;
    ExecFixture f;
    DatabaseRehearsal rehearsal;
    DatabaseResizeExecutor executor;

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
        PrometheusClient prometheus = new PrometheusClient(f.sim.baseUri(), PrometheusSettings.defaults()
                .withHttp(ExecFixture.ONE_ATTEMPT), null, f.clock, f.clock.sleeper());
        MetricSource source = new PrometheusMetricSource(prometheus,
                Map.of("query_p95_ms", "query_p95_ms{cluster=\"{resource}\"}"), Duration.ofMinutes(1));
        rehearsal = new DatabaseRehearsal(f.client, f.ledger, new SoakEvaluator(source, f.clock, f.clock.sleeper()));
        executor = new DatabaseResizeExecutor(f.client, f.ledger);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void rehearse_forksResizesChecksAndDeletesTheFork() {
        IdempotencyKey k = key("plan:1/phase:1/rehearsal-a");
        String fork = DatabaseRehearsal.forkName("mandible-prod", k);
        f.sim.steady("mandible-prod", "query_p95_ms", 40);
        f.sim.steady(fork, "query_p95_ms", 42);

        DatabaseRehearsal.Report r = rehearsal.rehearse(executor.prepare(ExecFixture.mandibleToOneNode()), k,
                List.of(P95), TIMING);

        assertThat(r.outcome()).as(r.message()).isEqualTo(DatabaseRehearsal.Outcome.PASSED);
        assertThat(r.forkDeleted()).isTrue();
        assertThat(r.backupAt()).contains(ExecFixture.START.minus(Duration.ofHours(5)));
        assertThat(r.forkReadyIn().orElseThrow()).isPositive();
        assertThat(r.resizeTook().orElseThrow()).isPositive();
        assertThat(r.message()).contains("soak passed").contains("fork deleted");
        assertThat(f.sim.clusters()).extracting(DatabaseCluster -> DatabaseCluster.name())
                .containsExactly("mandible-prod", "sso-prod");
        assertThat(f.sim.cluster(MANDIBLE).orElseThrow().nodes()).isEqualTo(2);
        assertThat(f.sim.count("POST", "/v2/databases")).isEqualTo(1);
        assertThat(f.sim.count("DELETE", "/v2/databases/.*")).isEqualTo(1);
    }

    @Test
    void rehearse_forkBreaches_reportsTheTriggerAndStillDeletesTheFork() {
        IdempotencyKey k = key("plan:1/phase:1/rehearsal-b");
        String fork = DatabaseRehearsal.forkName("mandible-prod", k);
        f.sim.steady("mandible-prod", "query_p95_ms", 40);
        f.sim.breachAfterResize(fork, "query_p95_ms", 40, 96);

        DatabaseRehearsal.Report r = rehearsal.rehearse(executor.prepare(ExecFixture.mandibleToOneNode()), k,
                List.of(P95), TIMING);

        assertThat(r.outcome()).isEqualTo(DatabaseRehearsal.Outcome.BREACHED);
        assertThat(r.checks().orElseThrow().breaches().get(0).limit().doubleValue()).isBetween(58.0, 62.0);
        assertThat(r.forkDeleted()).isTrue();
        assertThat(f.sim.clusters()).hasSize(2);
    }

    @Test
    void rehearse_crashAfterTheForkWasRequested_findsTheForkInsteadOfForkingAgain() {
        IdempotencyKey k = key("plan:1/phase:1/rehearsal-c");
        String fork = DatabaseRehearsal.forkName("mandible-prod", k);
        f.sim.steady("mandible-prod", "query_p95_ms", 40);
        f.sim.steady(fork, "query_p95_ms", 41);
        f.journal.record(k.value() + "/fork", "digitalocean.database.rehearsal", "fork", "database_cluster",
                "fork:" + fork, "{\"name\":\"" + fork + "\",\"backup_restore\":{\"database_name\":\"mandible-prod\"}}",
                f.clock.instant());
        f.journal.sending(k.value() + "/fork", f.clock.instant());
        f.client.forkDatabaseCluster(f.client.databaseCluster(MANDIBLE), fork, ExecFixture.START.minus(
                Duration.ofHours(5)));

        DatabaseRehearsal.Report r = rehearsal.rehearse(executor.prepare(ExecFixture.mandibleToOneNode()), k,
                List.of(P95), TIMING);

        assertThat(r.outcome()).as(r.message()).isEqualTo(DatabaseRehearsal.Outcome.PASSED);
        assertThat(f.sim.count("POST", "/v2/databases")).isEqualTo(1);
        assertThat(f.sim.clusters()).hasSize(2);
    }

    @Test
    void rehearse_noBackup_failsWithoutForking() {
        IdempotencyKey k = key("plan:1/phase:1/rehearsal-d");
        DatabaseRehearsal.Report r = rehearsal.rehearse(executor.prepare(ExecFixture.clusterResize(SSO, "sso-prod",
                "db-s-1vcpu-2gb", 2, "db-s-1vcpu-2gb", 1)), k, List.of(P95), TIMING);

        assertThat(r.outcome()).isEqualTo(DatabaseRehearsal.Outcome.FAILED);
        assertThat(r.message()).contains("no backup to fork from");
        assertThat(f.sim.count("POST", "/v2/databases")).isZero();
    }

    @Test
    void rehearse_forkRefused422_failsAndLeavesNothing() {
        IdempotencyKey k = key("plan:1/phase:1/rehearsal-e");
        f.sim.failNext("POST", "/v2/databases", 422, 1, Duration.ZERO);

        DatabaseRehearsal.Report r = rehearsal.rehearse(executor.prepare(ExecFixture.mandibleToOneNode()), k,
                List.of(P95), TIMING);

        assertThat(r.outcome()).isEqualTo(DatabaseRehearsal.Outcome.FAILED);
        assertThat(r.message()).contains("422");
        assertThat(f.sim.clusters()).hasSize(2);
    }
}
