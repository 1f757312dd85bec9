package dev.purser.core.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.purser.core.analysis.rightsizing.Configuration;
import dev.purser.core.analysis.rightsizing.Level;
import dev.purser.core.analysis.rightsizing.RecommendationKind;
import dev.purser.core.analysis.rightsizing.RightsizingChange;
import dev.purser.core.cloud.digitalocean.DigitalOceanClient;
import dev.purser.core.cloud.http.RateLimitRecorder;
import dev.purser.core.cloud.prometheus.PrometheusClient;
import dev.purser.core.cloud.prometheus.PrometheusSettings;
import dev.purser.core.config.ExecutionConfig;
import dev.purser.core.config.PrometheusConfig;
import dev.purser.core.demo.dosim.DigitalOceanSimulator;
import dev.purser.core.engine.SecretSource;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.plan.MaintenanceWindow;
import dev.purser.core.plan.Phase;
import dev.purser.core.plan.PhaseTarget;
import dev.purser.core.plan.Plan;
import dev.purser.core.plan.PlanContent;
import dev.purser.core.plan.PlanState;
import dev.purser.core.plan.PlannedChange;
import dev.purser.core.plan.Trigger;
import dev.purser.core.plan.WindowSlot;
import dev.purser.core.store.JdbcExecutorCallJournal;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The composition over the seeded DigitalOcean simulator (its API and its Prometheus-shaped
 * metrics), real PostgreSQL for the journal, in compressed time: phases built as plans build them,
 * run as the {@code plan-phase} task runs them.
 */
class PlanExecutionTest {

    static final Trigger P95 = new Trigger("query_p95_ms", Trigger.Comparison.ABOVE, new BigDecimal("1.5"), true,
            Duration.ofMinutes(5));
    static final Trigger CPU = new Trigger("cpu_percent", Trigger.Comparison.ABOVE, new BigDecimal("80"), false,
            Duration.ofMinutes(5));
    static final Map<String, String> QUERIES = Map.of("query_p95_ms", "query_p95_ms{cluster=\"{resource}\"}");

    @TempDir
    Path home;

    PurserDatabase db;
    CompressedTime time;
    DigitalOceanSimulator sim;
    RecordingAuditTrail audit;
    JdbcExecutorCallJournal journal;
    DigitalOceanClient client;
    PrometheusClient prometheus;

    @BeforeEach
    void open() {
        db = TestDatabase.fresh();
        // 600x: a 30-minute soak takes 3 real seconds
        time = new CompressedTime(Clock.systemUTC(), Instant.parse("2026-12-05T02:00:00Z"), 600);
        sim = DigitalOceanSimulator.start(time).seedMandible();
        audit = new RecordingAuditTrail();
        journal = new JdbcExecutorCallJournal(db.dataSource());
        client = new DigitalOceanClient(sim.baseUri(), DigitalOceanSimulator.TOKEN, ExecFixture.ONE_ATTEMPT,
                new RateLimitRecorder(), time, time.sleeper());
        prometheus = new PrometheusClient(sim.baseUri(), PrometheusSettings.defaults().withHttp(ExecFixture.ONE_ATTEMPT),
                null, time, time.sleeper());
    }

    @AfterEach
    void close() {
        sim.close();
        db.close();
    }

    static ExecutionConfig config(String mode) {
        return ExecutionConfig.defaults().withMode(mode)
                .withPrometheus(new ExecutionConfig.Prometheus(null, QUERIES))
                .withTiming(new ExecutionConfig.Timing(Duration.ofMinutes(30), Duration.ofMinutes(30),
                        Duration.ofMinutes(30), Duration.ofMinutes(1), Duration.ofMinutes(30), Duration.ofSeconds(10)));
    }

    PlanExecution execution(ExecutionConfig config) {
        return PlanExecution.create(config, home, PlanExecution.Clients.of(client, prometheus), journal, audit, time,
                time.sleeper());
    }

    static PhaseTarget cluster(String id, String name, String size, int from, int to, String executor) {
        RightsizingChange change = new RightsizingChange(
                Configuration.machine(size, Double.NaN, Double.NaN, OptionalInt.of(from), Optional.empty()),
                Configuration.machine(size, Double.NaN, Double.NaN, OptionalInt.of(to), Optional.empty()));
        PlannedChange c = new PlannedChange(executor, change);
        return new PhaseTarget(id, name, RecommendationKind.DATABASE_CLUSTER, "mandible", "production",
                executor.equals(PlanExecution.DATABASE_REHEARSAL), "rec-" + name, c, c.inverse(), Optional.empty(),
                Level.LOW, List.of(), Optional.empty(), Optional.empty());
    }

    static PhaseTarget sso(String executor) {
        return cluster(DigitalOceanSimulator.SSO_PROD_ID, "sso-prod", "db-s-1vcpu-2gb", 2, 1, executor);
    }

    static PhaseTarget mandible(String executor) {
        return cluster(DigitalOceanSimulator.MANDIBLE_PROD_ID, "mandible-prod", "db-s-2vcpu-4gb", 2, 1, executor);
    }

    static Phase phase(int number, List<Trigger> triggers, PhaseTarget... targets) {
        boolean rehearsal = targets[0].rehearsal();
        WindowSlot slot = new WindowSlot(Instant.parse("2026-12-05T02:00:00Z"), Instant.parse("2026-12-05T04:00:00Z"),
                ZoneOffset.UTC);
        return new Phase(number, rehearsal ? "rehearsal" : targets[0].name(), rehearsal, "production",
                List.of(targets), slot, List.of(), Duration.ofMinutes(30), triggers);
    }

    static Plan plan(Phase... phases) {
        PlanContent content = new PlanContent("mandible", List.of("rec"), MaintenanceWindow.parse("Sat 02:00-04:00 UTC",
                ZoneOffset.UTC), "traffic", List.of(phases));
        Instant at = Instant.parse("2026-12-01T00:00:00Z");
        return Plan.of(1, 1, "alice", "Alice", PlanState.RUNNING, at, at, content);
    }

    @Test
    void run_live_ssoProdDone_mandibleProdBreachesAndIsRolledBack() {
        PlanExecution execution = execution(config(ExecutionConfig.LIVE));
        Phase ssoPhase = phase(1, List.of(P95), sso(PlanExecution.DATABASE_RESIZE));
        Phase mandiblePhase = phase(2, List.of(P95), mandible(PlanExecution.DATABASE_RESIZE));
        Plan plan = plan(ssoPhase, mandiblePhase);

        PhaseRunner.Outcome done = execution.phaseWork().run(plan, ssoPhase, PlanPhaseTask.key(1, 1));
        PhaseRunner.Outcome back = execution.phaseWork().run(plan, mandiblePhase, PlanPhaseTask.key(1, 2));

        assertThat(done.result()).as(done.message()).isEqualTo(PhaseRunner.Result.DONE);
        assertThat(done.baseline().orElseThrow().value("query_p95_ms")).isPresent();
        assertThat(back.result()).as(back.message()).isEqualTo(PhaseRunner.Result.ROLLED_BACK);
        assertThat(back.message()).contains("query_p95_ms above 1.5x baseline for PT5M fired");
        assertThat(sim.cluster(DigitalOceanSimulator.SSO_PROD_ID).orElseThrow().nodes()).isEqualTo(1);
        assertThat(sim.cluster(DigitalOceanSimulator.MANDIBLE_PROD_ID).orElseThrow().nodes()).isEqualTo(2);
        assertThat(sim.count("PUT", "/v2/databases/" + DigitalOceanSimulator.MANDIBLE_PROD_ID + "/resize")).isEqualTo(2);
        assertThat(journal.find("plan:1/phase:2/apply/rollback").orElseThrow().state())
                .isEqualTo(ExecutorCall.State.SETTLED);
    }

    @Test
    void run_dryRun_readsTheTargetButSendsNoChange() {
        PlanExecution execution = execution(config(ExecutionConfig.DRY_RUN));
        Phase p = phase(1, List.of(P95), sso(PlanExecution.DATABASE_RESIZE));

        PhaseRunner.Outcome o = execution.run(plan(p), p, PlanPhaseTask.key(1, 1));

        assertThat(o.result()).as(o.message()).isEqualTo(PhaseRunner.Result.DONE);
        assertThat(o.message()).startsWith("dry run:").contains("soak passed");
        assertThat(o.steps().get(0).message()).contains("dry run: would make 2 calls");
        assertThat(sim.count("PUT", ".*")).isZero();
        assertThat(sim.count("GET", "/v2/databases/" + DigitalOceanSimulator.SSO_PROD_ID)).isPositive();
        assertThat(sim.cluster(DigitalOceanSimulator.SSO_PROD_ID).orElseThrow().nodes()).isEqualTo(2);
        assertThat(journal.find("plan:1/phase:1/apply").orElseThrow().executor())
                .isEqualTo("dry-run:" + PlanExecution.DATABASE_RESIZE);
        assertThat(audit.states("plan:1/phase:1/apply")).contains("would-send", "settled");
    }

    @Test
    void run_liveRehearsal_forksResizesChecksAndDeletes_figuresInTheOutcome() {
        PlanExecution execution = execution(config(ExecutionConfig.LIVE));
        Phase p = phase(1, List.of(P95), mandible(PlanExecution.DATABASE_REHEARSAL));

        PhaseRunner.Outcome o = execution.run(plan(p), p, PlanPhaseTask.key(1, 1));

        assertThat(o.result()).as(o.message()).isEqualTo(PhaseRunner.Result.DONE);
        assertThat(o.verdict().orElseThrow().outcome()).isEqualTo(SoakVerdict.Outcome.PASSED);
        Map<String, String> facts = o.steps().get(0).facts();
        assertThat(facts).containsEntry("fork_deleted", "true").containsEntry("checks", "passed")
                .containsKeys("fork_name", "fork_id", "backup_at", "fork_ready_seconds", "resize_seconds");
        // the source is untouched and the fork is gone
        assertThat(sim.clusters()).hasSize(2);
        assertThat(sim.cluster(DigitalOceanSimulator.MANDIBLE_PROD_ID).orElseThrow().nodes()).isEqualTo(2);
        assertThat(sim.count("PUT", "/v2/databases/" + DigitalOceanSimulator.MANDIBLE_PROD_ID + "/resize")).isZero();
        assertThat(sim.count("DELETE", "/v2/databases/.*")).isEqualTo(1);
    }

    @Test
    void run_dryRunRehearsal_journalsTheForkButMakesNone() {
        PlanExecution execution = execution(config(ExecutionConfig.DRY_RUN));
        Phase p = phase(1, List.of(P95), mandible(PlanExecution.DATABASE_REHEARSAL));

        PhaseRunner.Outcome o = execution.run(plan(p), p, PlanPhaseTask.key(1, 1));

        assertThat(o.result()).isEqualTo(PhaseRunner.Result.DONE);
        assertThat(o.message()).startsWith("dry run: would fork mandible-prod");
        assertThat(sim.count("POST", ".*")).isZero();
        assertThat(sim.clusters()).hasSize(2);
        assertThat(journal.find("plan:1/phase:1/apply").orElseThrow().request()).contains("POST /v2/databases")
                .contains("DELETE /v2/databases/{fork id}");
    }

    @Test
    void rehearsalOutcome_mapsEveryReportToAPhaseResult() {
        Instant retry = Instant.parse("2026-12-05T03:00:00Z");
        Map<DatabaseRehearsal.Outcome, PhaseRunner.Result> expected = Map.of(
                DatabaseRehearsal.Outcome.PASSED, PhaseRunner.Result.DONE,
                DatabaseRehearsal.Outcome.BREACHED, PhaseRunner.Result.ROLLED_BACK,
                DatabaseRehearsal.Outcome.NO_DATA, PhaseRunner.Result.ASK_PERSON,
                DatabaseRehearsal.Outcome.ASK_PERSON, PhaseRunner.Result.ASK_PERSON,
                DatabaseRehearsal.Outcome.FAILED, PhaseRunner.Result.FAILED,
                DatabaseRehearsal.Outcome.RETRY_LATER, PhaseRunner.Result.RETRY_LATER);
        for (DatabaseRehearsal.Outcome r : DatabaseRehearsal.Outcome.values()) {
            DatabaseRehearsal.Report report = new DatabaseRehearsal.Report(r, "rehearsal " + r, "fork-1",
                    Optional.of("f1"), Optional.empty(), Optional.of(Duration.ofSeconds(90)), Optional.empty(),
                    Optional.empty(), r != DatabaseRehearsal.Outcome.FAILED);
            PhaseRunner.Outcome o = PlanExecution.outcome(report, retry);
            assertThat(o.result()).as(r.name()).isEqualTo(expected.get(r));
            assertThat(o.retryAt()).isEqualTo(r == DatabaseRehearsal.Outcome.RETRY_LATER ? Optional.of(retry)
                    : Optional.empty());
            assertThat(o.steps().get(0).facts()).containsEntry("fork_name", "fork-1")
                    .containsEntry("fork_ready_seconds", "90")
                    .containsEntry("fork_deleted", Boolean.toString(r != DatabaseRehearsal.Outcome.FAILED));
        }
    }

    @Test
    void run_twoTargets_laterOneBreaches_bothRolledBack() {
        PlanExecution execution = execution(config(ExecutionConfig.LIVE));
        Phase p = phase(1, List.of(P95), sso(PlanExecution.DATABASE_RESIZE), mandible(PlanExecution.DATABASE_RESIZE));

        PhaseRunner.Outcome o = execution.run(plan(p), p, PlanPhaseTask.key(1, 1));

        assertThat(o.result()).as(o.message()).isEqualTo(PhaseRunner.Result.ROLLED_BACK);
        assertThat(o.message()).contains("sso-prod rolled back too");
        assertThat(sim.cluster(DigitalOceanSimulator.SSO_PROD_ID).orElseThrow().nodes()).isEqualTo(2);
        assertThat(sim.cluster(DigitalOceanSimulator.MANDIBLE_PROD_ID).orElseThrow().nodes()).isEqualTo(2);
        assertThat(journal.find("plan:1/phase:1/apply/target-1/rollback").orElseThrow().state())
                .isEqualTo(ExecutorCall.State.SETTLED);
        assertThat(journal.find("plan:1/phase:1/apply/target-2/rollback").orElseThrow().state())
                .isEqualTo(ExecutorCall.State.SETTLED);
    }

    @Test
    void reverter_undoesADonePhase_throughTheSameExecutor() {
        PlanExecution execution = execution(config(ExecutionConfig.LIVE));
        Phase p = phase(1, List.of(P95), sso(PlanExecution.DATABASE_RESIZE));
        Plan plan = plan(p);
        assertThat(execution.run(plan, p, PlanPhaseTask.key(1, 1)).result()).isEqualTo(PhaseRunner.Result.DONE);

        String said = execution.reverter().revert(plan, p);

        assertThat(said).contains("sso-prod back to");
        assertThat(sim.cluster(DigitalOceanSimulator.SSO_PROD_ID).orElseThrow().nodes()).isEqualTo(2);
        assertThat(sim.count("PUT", "/v2/databases/" + DigitalOceanSimulator.SSO_PROD_ID + "/resize")).isEqualTo(2);
        assertThat(journal.find("plan:1/phase:1/apply/rollback").orElseThrow().state())
                .isEqualTo(ExecutorCall.State.SETTLED);
        // a rehearsal changed only forks
        Phase rehearsal = phase(1, List.of(P95), mandible(PlanExecution.DATABASE_REHEARSAL));
        assertThat(execution.reverter().revert(plan(rehearsal), rehearsal)).contains("nothing to undo");
    }

    @Test
    void run_triggerWithoutMetricSource_asksAPersonUnlessAllowedToSkip() {
        Phase p = phase(1, List.of(P95, CPU), sso(PlanExecution.DATABASE_RESIZE));

        PhaseRunner.Outcome strict = execution(config(ExecutionConfig.DRY_RUN)).run(plan(p), p, PlanPhaseTask.key(1, 1));
        PhaseRunner.Outcome lenient = execution(config(ExecutionConfig.DRY_RUN).withRequireEveryTrigger(false))
                .run(plan(p), p, PlanPhaseTask.key(2, 1));

        assertThat(strict.result()).as(strict.message()).isEqualTo(PhaseRunner.Result.ASK_PERSON);
        assertThat(strict.message()).contains("cpu_percent has no samples");
        assertThat(lenient.result()).as(lenient.message()).isEqualTo(PhaseRunner.Result.DONE);
        assertThat(lenient.message()).contains("not checked, no metric source configured: cpu_percent above 80");
    }

    @Test
    void run_noExecutorForTheChange_failsNamingIt() {
        PlanExecution execution = execution(config(ExecutionConfig.LIVE));
        Phase manual = phase(1, List.of(P95), sso("manual"));
        PhaseTarget compose = sso(PlanExecution.GITOPS_COMPOSE);
        Phase gitops = phase(1, List.of(P95), compose);

        PurserException m = catchThrowableOfType(PurserException.class,
                () -> execution.run(plan(manual), manual, PlanPhaseTask.key(1, 1)));
        PurserException g = catchThrowableOfType(PurserException.class,
                () -> execution.run(plan(gitops), gitops, PlanPhaseTask.key(1, 1)));

        assertThat(m.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(m.getMessage()).contains("no executor for manual");
        assertThat(g.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(g.getMessage()).contains("execution.gitops.source_dir");
        assertThat(sim.count("PUT", ".*")).isZero();
    }

    @Test
    void markApplied_phaseWithoutAGitOpsTarget_refusedSayingPurserMakesItsChangeItself() {
        PlanExecution execution = execution(config(ExecutionConfig.LIVE));
        Phase p = phase(1, List.of(P95), sso(PlanExecution.DATABASE_RESIZE));

        PurserException e = catchThrowableOfType(PurserException.class,
                () -> execution.applier().markApplied(plan(p), p, "carol"));

        assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(e.getMessage()).contains("changes nothing through GitOps");
    }

    @Test
    void clientsFromConfig_withoutAToken_failTheRunNamingTheVariable() {
        PlanExecution execution = PlanExecution.create(config(ExecutionConfig.LIVE), home,
                PlanExecution.Clients.fromConfig(config(ExecutionConfig.LIVE), PrometheusConfig.defaults(),
                        SecretSource.NONE::secret, new RateLimitRecorder(), time, time.sleeper()),
                journal, audit, time, time.sleeper());
        Phase p = phase(1, List.of(P95), sso(PlanExecution.DATABASE_RESIZE));

        PurserException e = catchThrowableOfType(PurserException.class,
                () -> execution.run(plan(p), p, PlanPhaseTask.key(1, 1)));

        assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(e.getMessage()).contains("DIGITALOCEAN_TOKEN").doesNotContain(DigitalOceanSimulator.TOKEN);
        assertThat(journal.find("plan:1/phase:1/apply")).isEmpty();
    }
}
