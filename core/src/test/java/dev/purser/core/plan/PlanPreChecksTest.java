package dev.purser.core.plan;

import static dev.purser.core.plan.PlanTesting.person;
import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.alerts.AlertMessage;
import dev.purser.core.alerts.PhaseMoveNotes;
import dev.purser.core.audit.AuditEntry;
import dev.purser.core.cloud.digitalocean.DigitalOceanClient;
import dev.purser.core.cloud.http.HttpSettings;
import dev.purser.core.cloud.http.RateLimitRecorder;
import dev.purser.core.cloud.prometheus.PrometheusClient;
import dev.purser.core.cloud.prometheus.PrometheusSettings;
import dev.purser.core.config.ApprovalPolicyConfig;
import dev.purser.core.config.ApprovalScope;
import dev.purser.core.config.ExecutionConfig;
import dev.purser.core.demo.dosim.DigitalOceanSimulator;
import dev.purser.core.execution.CompressedTime;
import dev.purser.core.execution.PlanExecution;
import dev.purser.core.execution.PlanPhaseTask;
import dev.purser.core.live.SubjectChanges;
import dev.purser.core.schedule.JobService;
import dev.purser.core.schedule.OneOffTask;
import dev.purser.core.schedule.PurserScheduler;
import dev.purser.core.store.JdbcAuditTrail;
import dev.purser.core.store.JdbcExecutorCallJournal;
import dev.purser.core.store.JdbcJobRuns;
import dev.purser.core.store.JdbcMigrationStore;
import dev.purser.core.store.JdbcPlanStore;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A phase's pre-checks as the {@code plan-phase} task runs them: real PostgreSQL (plans, locks,
 * journal, audit), the DigitalOcean simulator (WireMock serving the documented backups, resize and
 * Prometheus {@code query_range} shapes, with documented 404/429 errors) in compressed time. Each
 * check passes and fails; a failed check pauses the phase with no call to change anything, and a
 * resume after the cause is fixed runs it.
 */
class PlanPreChecksTest {

    static final HttpSettings ONE_ATTEMPT = new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(10), 1,
            Duration.ofMillis(10), Duration.ofMillis(10), Duration.ZERO);
    static final String SSO = DigitalOceanSimulator.SSO_PROD_ID;
    static final String SSO_BACKUPS = "/v2/databases/" + SSO + "/backups";
    static final String RESIZES = "/v2/databases/.*/resize";
    static final Map<String, String> P95 = Map.of("query_p95_ms", "query_p95_ms{cluster=\"{resource}\"}");

    @TempDir
    Path home;

    PurserDatabase db;
    CompressedTime time;
    DigitalOceanSimulator sim;
    JdbcAuditTrail audit;
    JdbcPlanStore store;
    PlanService plans;
    MigrationService migration;
    PurserScheduler scheduler;
    final SubjectChanges changes = new SubjectChanges();

    @BeforeEach
    void open() {
        db = TestDatabase.fresh();
        time = new CompressedTime(Clock.systemUTC(), Instant.parse("2026-12-05T02:00:00Z"), 600);
        sim = DigitalOceanSimulator.start(time).seedMandible();
        audit = new JdbcAuditTrail(db.dataSource(), Clock.systemUTC());
        store = new JdbcPlanStore(db.dataSource());
        PlanSettings defaults = PlanSettings.defaults(ZoneOffset.UTC);
        PlanSettings settings = new PlanSettings(defaults.defaultWindow(), defaults.backupMaxAge(),
                Duration.ofMinutes(30), Duration.ofMinutes(30), defaults.tiers(), defaults.trafficWindow());
        plans = new PlanService(store, audit, new InventoryPlanInputs(PlanTesting.rightsizing(PlanTesting.mandible()),
                PlanTesting.mandible(), settings.trafficWindow(), PlanTesting.CLOCK), settings,
                new ApprovalPolicies(List.of(new ApprovalPolicyConfig("*", 1, Set.of("approver"), List.of(),
                        ApprovalScope.PER_PLAN, Duration.ofDays(14)))), Clock.systemUTC());
        JdbcJobRuns runs = new JdbcJobRuns(db.dataSource());
        scheduler = PurserScheduler.create(db.dataSource(), new PurserScheduler.Settings("purser", "node-a", 2,
                Duration.ofSeconds(1), Duration.ofMinutes(1)), new JobService(List.of(), Map.of(), runs, null,
                        Clock.systemUTC(), "node-a"), runs);
    }

    @AfterEach
    void close() {
        scheduler.close();
        sim.close();
        db.close();
    }

    /** Live, trigger metrics not required (as the outcome tests run), Prometheus queries as given. */
    static ExecutionConfig config(Map<String, String> queries, boolean requireEveryTrigger) {
        return ExecutionConfig.defaults().withMode(ExecutionConfig.LIVE).withRequireEveryTrigger(requireEveryTrigger)
                .withPrometheus(new ExecutionConfig.Prometheus(null, queries))
                .withTiming(new ExecutionConfig.Timing(Duration.ofMinutes(30), Duration.ofMinutes(30),
                        Duration.ofMinutes(30), Duration.ofMinutes(1), Duration.ofMinutes(30), Duration.ofSeconds(10)));
    }

    PlanPhaseTask task(ExecutionConfig config) {
        return task(config, PlanExecution.Clients.of(
                new DigitalOceanClient(sim.baseUri(), DigitalOceanSimulator.TOKEN, ONE_ATTEMPT, new RateLimitRecorder(),
                        time, time.sleeper()),
                new PrometheusClient(sim.baseUri(), PrometheusSettings.defaults().withHttp(ONE_ATTEMPT), null, time,
                        time.sleeper())));
    }

    PlanPhaseTask task(ExecutionConfig config, PlanExecution.Clients clients) {
        PlanExecution execution = PlanExecution.create(config, home, clients, new JdbcExecutorCallJournal(db.dataSource()),
                audit, time, time.sleeper(), store::locks);
        migration = new MigrationService(store, new JdbcMigrationStore(db.dataSource(), store), audit, Clock.systemUTC(),
                execution.reverter());
        return PlanPhaseTask.register(migration, scheduler, changes, execution.phaseWork());
    }

    PlanPhaseTask task() {
        return task(config(P95, false));
    }

    /** An approved, scheduled plan of the two mandible clusters, sso-prod first. */
    long scheduledPlan(PlanPhaseTask task) {
        Plan plan = plans.create(PlanTesting.databaseIds(PlanTesting.rightsizing(PlanTesting.mandible())),
                Optional.of("Sat 02:00-04:00 UTC"), Optional.of("sso-prod,mandible-prod"), person("alice", "requester"))
                .plan();
        plans.approve(plan.id(), person("bob", "approver"), Optional.empty(), OptionalInt.empty(), OptionalInt.empty(),
                "ok");
        assertThat(task.schedule(plan.id())).isTrue();
        return plan.id();
    }

    static void fire(PlanPhaseTask task, long id) {
        task.run(new OneOffTask.Firing(PlanPhaseTask.HANDLER, PlanPhaseTask.id(id, 1), Instant.now(), Instant.now(),
                Map.of("plan", Long.toString(id), "phase", "1"), false));
    }

    PlanState phase1(long id) {
        return migration.status(id).phases().get(0).state();
    }

    String reason1(long id) {
        return migration.status(id).phases().get(0).reason();
    }

    Map<String, String> last(long id, String kind) {
        List<AuditEntry> entries = audit.entries(Plan.subject(id)).stream().filter(e -> e.event().kind().equals(kind))
                .toList();
        assertThat(entries).as(kind).isNotEmpty();
        return entries.get(entries.size() - 1).event().details();
    }

    long count(long id, String kind) {
        return audit.entries(Plan.subject(id)).stream().filter(e -> e.event().kind().equals(kind)).count();
    }

    void resume(long id) {
        migration.resume(id, "cause fixed", person("bob", "approver"));
    }

    // ------------------------------------------------------------------ all pass

    @Test
    void allPass_phaseRuns_auditRecordsEachChecksFigures() {
        // connections has a query, but Prometheus has no series for it: a gap, not a pass
        PlanPhaseTask task = task(config(Map.of("query_p95_ms", "query_p95_ms{cluster=\"{resource}\"}",
                "cpu_percent", "cpu_percent{cluster=\"{resource}\"}",
                "connections", "connections{cluster=\"{resource}\"}"), false));
        Instant start = time.instant();
        sim.series("sso-prod", "cpu_percent", at -> steadyAt(at, 20, start));
        long id = scheduledPlan(task);

        fire(task, id);

        assertThat(phase1(id)).isEqualTo(PlanState.DONE);
        assertThat(sim.count("PUT", RESIZES)).isEqualTo(1);
        Map<String, String> checks = last(id, "phase.prechecks");
        assertThat(checks).containsEntry("outcome", "passed").containsEntry("key", "plan:" + id + "/phase:1/apply");
        assertThat(checks.get("backup_newer_than.sso-prod")).startsWith("passed: latest backup ")
                .containsPattern(", 6h(\\d+m)? old, limit 1d \\(1 backup listed\\)");
        assertThat(checks.get("metrics_in_band.sso-prod.cpu_percent")).startsWith("passed: cpu_percent ")
                .contains(" within p5-p95 ").contains(" over 30d");
        assertThat(checks.get("metrics_in_band.sso-prod.memory_percent")).startsWith("not measured: no source");
        assertThat(checks.get("metrics_in_band.sso-prod.connections")).startsWith("not measured: ")
                .contains("returned no samples over the last 30d for connections of sso-prod");
        assertThat(checks.get("no_other_plan_lock.sso-prod")).startsWith("passed: locked by this plan (" + id + ")");
        // not required: named in the phase's result, not held
        assertThat(last(id, "phase.done").get("reason")).contains("pre-check not measured")
                .contains("memory_percent within p5-p95 of 30d on sso-prod");
    }

    /** A series that wobbles between lo and 2*lo over the window and sits at 1.5*lo from {@code from} on. */
    static double steadyAt(Instant at, double lo, Instant from) {
        return at.isBefore(from.minus(Duration.ofHours(2))) ? lo * (1.5 + 0.5 * Math.sin(at.getEpochSecond() / 900.0))
                : lo * 1.5;
    }

    // ------------------------------------------------------------------ backups

    @Test
    void backupTooOld_pausesWithTheFigures_noResize_thenResumeAfterAFreshBackup_runs() {
        PlanPhaseTask task = task();
        long id = scheduledPlan(task);
        sim.clearBackups(SSO);
        sim.addBackup(SSO, time.instant().minus(Duration.ofHours(30)));

        fire(task, id);

        assertThat(phase1(id)).isEqualTo(PlanState.PAUSED);
        assertThat(migration.status(id).plan().state()).isEqualTo(PlanState.PAUSED);
        assertThat(reason1(id)).contains("pre-check did not hold, nothing was changed")
                .contains("backup newer than 1d on sso-prod: latest backup ").containsPattern(", 30h(\\d+m)? old, limit 1d")
                .contains("migration resume " + id);
        assertThat(last(id, "phase.prechecks")).containsEntry("outcome", "held");
        assertThat(last(id, "phase.paused")).containsEntry("from", "running").containsEntry("result", "ask_person");
        // the plan's thread is told the move with the figures that decided it
        AuditEntry paused = audit.entries(Plan.subject(id)).stream()
                .filter(e -> e.event().kind().equals("phase.paused")).reduce((a, b) -> b).orElseThrow();
        AlertMessage note = PhaseMoveNotes.render(plans.get(id), paused).orElseThrow();
        assertThat(String.join("\n", note.lines()) + note.title()).contains("Phase 1 sso-prod paused: pre-check did not "
                + "hold, nothing was changed: backup newer than 1d on sso-prod: latest backup ");
        assertThat(sim.count("PUT", RESIZES)).isZero();
        assertThat(sim.cluster(SSO).orElseThrow().nodes()).isEqualTo(2);

        sim.addBackup(SSO, time.instant().minus(Duration.ofMinutes(5)));
        resume(id);
        fire(task, id);

        assertThat(phase1(id)).isEqualTo(PlanState.DONE);
        assertThat(count(id, "phase.prechecks")).isEqualTo(2);
        assertThat(last(id, "phase.prechecks")).containsEntry("outcome", "passed");
        assertThat(sim.count("PUT", RESIZES)).isEqualTo(1);
        assertThat(sim.cluster(SSO).orElseThrow().nodes()).isEqualTo(1);
    }

    @Test
    void noBackupsAtAll_pauses_noResize() {
        PlanPhaseTask task = task();
        long id = scheduledPlan(task);
        sim.clearBackups(SSO);

        fire(task, id);

        assertThat(phase1(id)).isEqualTo(PlanState.PAUSED);
        assertThat(reason1(id)).contains("DigitalOcean lists no backup of sso-prod at all; limit 1d");
        assertThat(last(id, "phase.prechecks").get("backup_newer_than.sso-prod")).startsWith("failed: ");
        assertThat(sim.count("PUT", RESIZES)).isZero();
    }

    @Test
    void backupsOfAClusterDigitalOceanDoesNotKnow_404_pauses_noResize() {
        PlanPhaseTask task = task();
        long id = scheduledPlan(task);
        sim.failNext("GET", SSO_BACKUPS, 404, 1, Duration.ZERO);

        fire(task, id);

        assertThat(phase1(id)).isEqualTo(PlanState.PAUSED);
        assertThat(reason1(id)).contains("the backups of sso-prod could not be read").contains("404");
        assertThat(sim.count("PUT", RESIZES)).isZero();
    }

    @Test
    void backupsRateLimited429_retriedAtTheReset_thenRuns() throws Exception {
        PlanPhaseTask task = task();
        long id = scheduledPlan(task);
        sim.failNext("GET", SSO_BACKUPS, 429, 1, Duration.ofMinutes(5));

        fire(task, id);

        // nothing decided yet: still running, nothing changed, a retry armed at the reset
        assertThat(phase1(id)).isEqualTo(PlanState.RUNNING);
        Map<String, String> waited = last(id, "phase.prechecks");
        assertThat(waited).containsEntry("outcome", "retry_later").containsKey("retry_at");
        assertThat(waited.get("backup_newer_than.sso-prod")).startsWith("unavailable: ");
        assertThat(sim.count("PUT", RESIZES)).isZero();

        scheduler.start();
        await(Duration.ofSeconds(60), () -> phase1(id) == PlanState.DONE);
        assertThat(last(id, "phase.prechecks")).containsEntry("outcome", "passed");
        assertThat(sim.count("PUT", RESIZES)).isEqualTo(1);
    }

    @Test
    void resumedAfterItsFirstCall_preChecksNotEvaluatedAgain_theChangeGoesOn() throws Exception {
        PlanPhaseTask task = task();
        long id = scheduledPlan(task);
        sim.failNext("PUT", "/v2/databases/" + SSO + "/resize", 429, 1, Duration.ofMinutes(5));

        fire(task, id);
        assertThat(phase1(id)).isEqualTo(PlanState.RUNNING);
        assertThat(count(id, "phase.prechecks")).isEqualTo(1);
        // the resize was sent under the phase's key; a backup that vanishes now does not stop a change under way
        sim.clearBackups(SSO);

        scheduler.start();
        await(Duration.ofSeconds(60), () -> phase1(id) == PlanState.DONE);
        assertThat(count(id, "phase.prechecks")).isEqualTo(1);
        assertThat(sim.cluster(SSO).orElseThrow().nodes()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ metrics

    @Test
    void metricOutsideItsBand_pauses_noResize_thenRunsOnceItIsBack() {
        PlanPhaseTask task = task(config(Map.of("query_p95_ms", "query_p95_ms{cluster=\"{resource}\"}",
                "connections", "connections{cluster=\"{resource}\"}"), false));
        Instant start = time.instant();
        // 14 days between 10 and 30 connections, then a spike to 95 over the last hour
        Map<String, Double> spike = new HashMap<>(Map.of("now", 95.0));
        sim.series("sso-prod", "connections", at -> at.isAfter(start.minus(Duration.ofHours(1))) ? spike.get("now")
                : 20 + 10 * Math.sin(at.getEpochSecond() / 1800.0));
        long id = scheduledPlan(task);

        fire(task, id);

        assertThat(phase1(id)).isEqualTo(PlanState.PAUSED);
        assertThat(reason1(id)).contains("connections within p5-p95 of 30d on sso-prod: connections 95.0 above p5-p95 ");
        assertThat(last(id, "phase.prechecks").get("metrics_in_band.sso-prod.connections")).startsWith("failed: ");
        assertThat(sim.count("PUT", RESIZES)).isZero();

        spike.put("now", 21.0);
        resume(id);
        fire(task, id);

        assertThat(phase1(id)).isEqualTo(PlanState.DONE);
        assertThat(last(id, "phase.prechecks").get("metrics_in_band.sso-prod.connections"))
                .startsWith("passed: connections 21.0 within p5-p95 ");
        assertThat(sim.count("PUT", RESIZES)).isEqualTo(1);
    }

    @Test
    void metricWithNoSource_everyTriggerRequired_pausesSayingNotMeasured() {
        PlanPhaseTask task = task(config(P95, true));
        long id = scheduledPlan(task);

        fire(task, id);

        assertThat(phase1(id)).isEqualTo(PlanState.PAUSED);
        assertThat(reason1(id)).contains("cpu_percent within p5-p95 of 30d on sso-prod: not measured, no source is "
                + "configured for cpu_percent");
        assertThat(last(id, "phase.prechecks").get("backup_newer_than.sso-prod")).startsWith("passed: ");
        assertThat(sim.count("PUT", RESIZES)).isZero();
    }

    @Test
    void metricsSourceUnreachable_notJudged_triedAgainWhileTheWindowIsOpen_noResize() throws Exception {
        java.net.ServerSocket closed = new java.net.ServerSocket(0);
        java.net.URI nowhere = java.net.URI.create("http://127.0.0.1:" + closed.getLocalPort());
        closed.close();
        PlanPhaseTask task = task(config(Map.of("cpu_percent", "cpu_percent{cluster=\"{resource}\"}"), false),
                PlanExecution.Clients.of(new DigitalOceanClient(sim.baseUri(), DigitalOceanSimulator.TOKEN, ONE_ATTEMPT,
                        new RateLimitRecorder(), time, time.sleeper()), new PrometheusClient(nowhere,
                                PrometheusSettings.defaults().withHttp(ONE_ATTEMPT), null, time, time.sleeper())));
        long id = scheduledPlan(task);

        fire(task, id);

        assertThat(phase1(id)).isEqualTo(PlanState.RUNNING);
        Map<String, String> checks = last(id, "phase.prechecks");
        assertThat(checks).containsEntry("outcome", "retry_later");
        assertThat(checks.get("metrics_in_band.sso-prod.cpu_percent")).startsWith("unavailable: cpu_percent could not "
                + "be read: could not reach Prometheus");
        assertThat(checks.get("backup_newer_than.sso-prod")).startsWith("passed: ");
        assertThat(sim.count("PUT", RESIZES)).isZero();
    }

    // ------------------------------------------------------------------ locks

    @Test
    void anotherPlansLock_pauses_noResize_thenRunsOnceItIsReleased() {
        PlanPhaseTask task = task();
        long first = scheduledPlan(task);
        Signer admin = person("root", "admin");
        // an admin released the first plan's locks, and a second plan on the same clusters was approved
        plans.releaseLock("sso-prod", "sso first in plan 2", admin);
        plans.releaseLock("mandible-prod", "sso first in plan 2", admin);
        Plan second = plans.create(PlanTesting.databaseIds(PlanTesting.rightsizing(PlanTesting.mandible())),
                Optional.of("Sat 02:00-04:00 UTC"), Optional.of("sso-prod,mandible-prod"), person("alice", "requester"))
                .plan();
        plans.approve(second.id(), person("bob", "approver"), Optional.empty(), OptionalInt.empty(),
                OptionalInt.empty(), "ok");
        assertThat(plans.locks()).extracting(ResourceLock::planId).containsOnly(second.id());

        fire(task, first);

        assertThat(phase1(first)).isEqualTo(PlanState.PAUSED);
        assertThat(reason1(first)).contains("no lock by another plan on sso-prod: sso-prod is locked by plan "
                + second.id() + " since ");
        assertThat(sim.count("PUT", RESIZES)).isZero();

        plans.releaseLock("sso-prod", "plan " + first + " goes first after all", admin);
        resume(first);
        fire(task, first);

        assertThat(phase1(first)).isEqualTo(PlanState.DONE);
        assertThat(last(first, "phase.prechecks").get("no_other_plan_lock.sso-prod"))
                .isEqualTo("passed: no plan holds a lock on sso-prod (this plan's lock was released)");
        assertThat(sim.count("PUT", RESIZES)).isEqualTo(1);
    }

    @Test
    void noLockStoreWired_lockCheckIsNotSkipped_pauses() {
        PlanExecution execution = PlanExecution.create(config(P95, false), home, PlanExecution.Clients.of(
                new DigitalOceanClient(sim.baseUri(), DigitalOceanSimulator.TOKEN, ONE_ATTEMPT, new RateLimitRecorder(),
                        time, time.sleeper()), null), new JdbcExecutorCallJournal(db.dataSource()), audit, time,
                time.sleeper());
        migration = new MigrationService(store, new JdbcMigrationStore(db.dataSource(), store), audit, Clock.systemUTC(),
                execution.reverter());
        PlanPhaseTask task = PlanPhaseTask.register(migration, scheduler, changes, execution.phaseWork());
        long id = scheduledPlan(task);

        fire(task, id);

        assertThat(phase1(id)).isEqualTo(PlanState.PAUSED);
        assertThat(reason1(id)).contains("no lock store is wired");
        assertThat(sim.count("PUT", RESIZES)).isZero();
    }

    static void await(Duration limit, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not reached within " + limit);
            }
            Thread.sleep(50);
        }
    }
}
