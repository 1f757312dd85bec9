package dev.purser.core.plan;

import static dev.purser.core.plan.PlanTesting.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.purser.core.audit.AuditEntry;
import dev.purser.core.cloud.digitalocean.DigitalOceanClient;
import dev.purser.core.cloud.http.HttpSettings;
import dev.purser.core.cloud.http.RateLimitRecorder;
import dev.purser.core.cloud.prometheus.PrometheusClient;
import dev.purser.core.cloud.prometheus.PrometheusSettings;
import dev.purser.core.config.ApprovalPolicyConfig;
import dev.purser.core.config.ApprovalScope;
import dev.purser.core.config.ExecutionConfig;
import dev.purser.core.config.PrometheusConfig;
import dev.purser.core.demo.dosim.DigitalOceanSimulator;
import dev.purser.core.engine.SecretSource;
import dev.purser.core.error.PurserException;
import dev.purser.core.execution.CompressedTime;
import dev.purser.core.execution.ExecutorCall;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each way a phase can end, through the composition and the {@code plan-phase} task, into the
 * persisted state machine: the cloud faults of the DigitalOcean simulator (401, 404, 422, 429 with
 * its reset, a resize that never settles by its deadline), a soak breach rolled back, a rollback
 * that fails, and an error before any call. Executors run in compressed time (600x); the task is
 * fired as Quartz fires it.
 */
class PlanPhaseOutcomesTest {

    static final HttpSettings ONE_ATTEMPT = new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(10), 1,
            Duration.ofMillis(10), Duration.ofMillis(10), Duration.ZERO);
    static final String SSO_RESIZE = "/v2/databases/" + DigitalOceanSimulator.SSO_PROD_ID + "/resize";
    static final String MANDIBLE_RESIZE = "/v2/databases/" + DigitalOceanSimulator.MANDIBLE_PROD_ID + "/resize";

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
        // a 30-minute soak: 3 real seconds at 600x
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

    static ExecutionConfig config() {
        return ExecutionConfig.defaults().withMode(ExecutionConfig.LIVE).withRequireEveryTrigger(false)
                .withPrometheus(new ExecutionConfig.Prometheus(null,
                        Map.of("query_p95_ms", "query_p95_ms{cluster=\"{resource}\"}")))
                .withTiming(new ExecutionConfig.Timing(Duration.ofMinutes(30), Duration.ofMinutes(30),
                        Duration.ofMinutes(30), Duration.ofMinutes(1), Duration.ofMinutes(30), Duration.ofSeconds(10)));
    }

    PlanPhaseTask task(ExecutionConfig config, PlanExecution.Clients clients) {
        PlanExecution execution = PlanExecution.create(config, home, clients, new JdbcExecutorCallJournal(db.dataSource()),
                audit, time, time.sleeper(), store::locks);
        JdbcPlanStore s = store;
        migration = new MigrationService(s, new JdbcMigrationStore(db.dataSource(), s), audit, Clock.systemUTC(),
                execution.reverter());
        return PlanPhaseTask.register(migration, scheduler, changes, execution.phaseWork());
    }

    PlanPhaseTask task() {
        return task(config(), PlanExecution.Clients.of(
                new DigitalOceanClient(sim.baseUri(), DigitalOceanSimulator.TOKEN, ONE_ATTEMPT, new RateLimitRecorder(),
                        time, time.sleeper()),
                new PrometheusClient(sim.baseUri(), PrometheusSettings.defaults().withHttp(ONE_ATTEMPT), null, time,
                        time.sleeper())));
    }

    /** An approved, scheduled plan of the two mandible clusters in the given order. */
    long scheduledPlan(PlanPhaseTask task, String phases) {
        Plan plan = plans.create(PlanTesting.databaseIds(PlanTesting.rightsizing(PlanTesting.mandible())),
                Optional.of("Sat 02:00-04:00 UTC"), Optional.of(phases), person("alice", "requester")).plan();
        plans.approve(plan.id(), person("bob", "approver"), Optional.empty(), OptionalInt.empty(), OptionalInt.empty(),
                "ok");
        assertThat(task.schedule(plan.id())).isTrue();
        return plan.id();
    }

    /** Fires phase 1 now, as Quartz does at its window. */
    static void fire(PlanPhaseTask task, long id) {
        task.run(new OneOffTask.Firing(PlanPhaseTask.HANDLER, PlanPhaseTask.id(id, 1), Instant.now(), Instant.now(),
                Map.of("plan", Long.toString(id), "phase", "1"), false));
    }

    MigrationService.Status status(long id) {
        return migration.status(id);
    }

    Map<String, String> last(long id, String kind) {
        List<AuditEntry> entries = audit.entries(Plan.subject(id)).stream().filter(e -> e.event().kind().equals(kind))
                .toList();
        assertThat(entries).as(kind).isNotEmpty();
        return entries.get(entries.size() - 1).event().details();
    }

    @Test
    void unauthorized401_onTheResize_pausesPhaseAndPlanForAPerson() {
        PlanPhaseTask task = task();
        long id = scheduledPlan(task, "sso-prod,mandible-prod");
        sim.failNext("PUT", SSO_RESIZE, 401, 1, Duration.ZERO);

        fire(task, id);

        MigrationService.Status s = status(id);
        assertThat(s.plan().state()).isEqualTo(PlanState.PAUSED);
        assertThat(s.phases()).extracting(PhaseStatus::state).containsExactly(PlanState.PAUSED, PlanState.SCHEDULED);
        assertThat(last(id, "phase.paused")).containsEntry("result", "ask_person");
        assertThat(sim.cluster(DigitalOceanSimulator.SSO_PROD_ID).orElseThrow().nodes()).isEqualTo(2);
        // paused: the next phase's trigger is not left armed
        task.follow(id);
        assertThat(task.due(id, 1)).isEmpty();
        assertThat(task.due(id, 2)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {404, 422})
    void refused_onTheResize_failsThePlan_laterPhasesCancelled(int status) {
        PlanPhaseTask task = task();
        long id = scheduledPlan(task, "sso-prod,mandible-prod");
        sim.failNext("PUT", SSO_RESIZE, status, 1, Duration.ZERO);

        fire(task, id);

        MigrationService.Status s = status(id);
        assertThat(s.plan().state()).isEqualTo(PlanState.FAILED);
        assertThat(s.phases()).extracting(PhaseStatus::state).containsExactly(PlanState.FAILED, PlanState.CANCELLED);
        assertThat(last(id, "phase.failed")).containsEntry("result", "failed")
                .containsEntry("http_status", Integer.toString(status));
        assertThat(new JdbcExecutorCallJournal(db.dataSource()).find(PlanPhaseTask.key(id, 1).value()).orElseThrow()
                .state()).isEqualTo(ExecutorCall.State.FAILED);
    }

    @Test
    void rateLimited429_onTheResize_retriedAtItsReset_thenDone() throws Exception {
        PlanPhaseTask task = task();
        long id = scheduledPlan(task, "sso-prod,mandible-prod");
        sim.failNext("PUT", SSO_RESIZE, 429, 1, Duration.ofMinutes(5));

        fire(task, id);
        assertThat(status(id).phases().get(0).state()).isEqualTo(PlanState.RUNNING);
        assertThat(sim.cluster(DigitalOceanSimulator.SSO_PROD_ID).orElseThrow().nodes()).isEqualTo(2);

        // the retry is a one-off trigger at the reset; the scheduler fires it (resuming the phase)
        scheduler.start();
        await(Duration.ofSeconds(60), () -> status(id).phases().get(0).state() == PlanState.DONE);
        assertThat(sim.count("PUT", SSO_RESIZE)).isEqualTo(2);
        assertThat(sim.cluster(DigitalOceanSimulator.SSO_PROD_ID).orElseThrow().nodes()).isEqualTo(1);
        assertThat(status(id).plan().state()).isEqualTo(PlanState.SCHEDULED);
    }

    @Test
    void resizeNeverSettles_pollingDeadline_failsThePlan_aPersonAsked() {
        PlanPhaseTask task = task();
        long id = scheduledPlan(task, "sso-prod,mandible-prod");
        sim.resizePolls(1_000_000);

        fire(task, id);

        MigrationService.Status s = status(id);
        assertThat(s.plan().state()).isEqualTo(PlanState.FAILED);
        assertThat(s.phases().get(0).reason()).contains("has not settled by its deadline")
                .contains("a person must check");
        assertThat(sim.count("PUT", SSO_RESIZE)).isEqualTo(1);
    }

    @Test
    void soakBreach_rollsBack_planRolledBack_figuresInTheAudit() {
        PlanPhaseTask task = task();
        long id = scheduledPlan(task, "mandible-prod,sso-prod");

        fire(task, id);

        MigrationService.Status s = status(id);
        assertThat(s.plan().state()).isEqualTo(PlanState.ROLLED_BACK);
        assertThat(s.phases()).extracting(PhaseStatus::state).containsExactly(PlanState.ROLLED_BACK,
                PlanState.CANCELLED);
        assertThat(s.phases().get(0).reason()).contains("query_p95_ms above 1.5x baseline").contains("rolled back");
        assertThat(last(id, "phase.rolled_back")).containsEntry("result", "rolled_back").containsKeys("baseline",
                "verdict");
        assertThat(last(id, "phase.breach")).containsKeys("trigger", "limit", "baseline", "peak");
        // verifying from the moment the change settled, while it soaked: before the soak's breach, not after it
        assertThat(last(id, "phase.verifying")).containsEntry("from", "running").containsEntry("to", "verifying")
                .containsKey("baseline.query_p95_ms");
        assertThat(last(id, "phase.rolled_back")).containsEntry("from", "verifying");
        List<String> kinds = audit.entries(Plan.subject(id)).stream().map(e -> e.event().kind()).toList();
        assertThat(kinds.indexOf("phase.verifying")).isGreaterThan(kinds.indexOf("phase.running"))
                .isLessThan(kinds.indexOf("phase.breach"));
        assertThat(sim.cluster(DigitalOceanSimulator.MANDIBLE_PROD_ID).orElseThrow().nodes()).isEqualTo(2);
        assertThat(sim.count("PUT", MANDIBLE_RESIZE)).isEqualTo(2);
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void soakBreach_rollbackRefused_failsThePlan() throws Exception {
        PlanPhaseTask task = task();
        long id = scheduledPlan(task, "mandible-prod,sso-prod");
        // the forward resize goes through; the inverse one is refused
        Thread arm = new Thread(() -> {
            try {
                await(Duration.ofSeconds(60), () -> sim.count("PUT", MANDIBLE_RESIZE) >= 1);
                sim.failNext("PUT", MANDIBLE_RESIZE, 422, 1, Duration.ZERO);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        arm.start();

        fire(task, id);
        arm.join();

        MigrationService.Status s = status(id);
        assertThat(s.plan().state()).isEqualTo(PlanState.FAILED);
        assertThat(s.phases().get(0).state()).isEqualTo(PlanState.FAILED);
        assertThat(s.phases().get(0).reason()).contains("did not settle").contains("A person must put it back now");
        assertThat(last(id, "phase.failed")).containsEntry("result", "rollback_failed");
        assertThat(sim.cluster(DigitalOceanSimulator.MANDIBLE_PROD_ID).orElseThrow().nodes()).isEqualTo(1);
    }

    @Test
    void errorBeforeAnyCall_noToken_failsThePhase() {
        PlanPhaseTask task = task(config(), PlanExecution.Clients.fromConfig(config(), PrometheusConfig.defaults(),
                SecretSource.NONE::secret, new RateLimitRecorder(), time, time.sleeper()));
        long id = scheduledPlan(task, "sso-prod,mandible-prod");

        PurserException e = catchThrowableOfType(PurserException.class, () -> fire(task, id));

        assertThat(e.getMessage()).contains("DIGITALOCEAN_TOKEN");
        MigrationService.Status s = status(id);
        assertThat(s.plan().state()).isEqualTo(PlanState.FAILED);
        assertThat(s.phases().get(0).reason()).contains("the phase stopped with an error").contains("DIGITALOCEAN_TOKEN");
        assertThat(sim.count("PUT", ".*")).isZero();
    }

    @Test
    void phaseWithoutItsOwnApprovals_isHeldAtItsWindow_thenRunsOnceApprovedAndResumed() {
        PlanSettings defaults = PlanSettings.defaults(ZoneOffset.UTC);
        PlanService perPhase = new PlanService(store, audit, new InventoryPlanInputs(
                PlanTesting.rightsizing(PlanTesting.mandible()), PlanTesting.mandible(), defaults.trafficWindow(),
                PlanTesting.CLOCK), new PlanSettings(defaults.defaultWindow(), defaults.backupMaxAge(),
                        Duration.ofMinutes(30), Duration.ofMinutes(30), defaults.tiers(), defaults.trafficWindow()),
                new ApprovalPolicies(List.of(new ApprovalPolicyConfig("*", 1, Set.of("approver"), List.of(),
                        ApprovalScope.PER_PHASE, Duration.ofDays(14)))), Clock.systemUTC());
        PlanExecution execution = PlanExecution.create(config(), home, PlanExecution.Clients.of(
                new DigitalOceanClient(sim.baseUri(), DigitalOceanSimulator.TOKEN, ONE_ATTEMPT, new RateLimitRecorder(),
                        time, time.sleeper()),
                new PrometheusClient(sim.baseUri(), PrometheusSettings.defaults().withHttp(ONE_ATTEMPT), null, time,
                        time.sleeper())), new JdbcExecutorCallJournal(db.dataSource()), audit, time, time.sleeper(),
                store::locks);
        migration = new MigrationService(store, new JdbcMigrationStore(db.dataSource(), store), audit, Clock.systemUTC(),
                execution.reverter());
        PlanPhaseTask task = PlanPhaseTask.register(migration, scheduler, changes, execution.phaseWork(),
                PlanPhaseTask.PhaseGate.approvals(perPhase));
        Plan plan = perPhase.create(PlanTesting.databaseIds(PlanTesting.rightsizing(PlanTesting.mandible())),
                Optional.of("Sat 02:00-04:00 UTC"), Optional.of("mandible-prod,sso-prod"), person("alice", "requester"))
                .plan();
        long id = plan.id();
        perPhase.approve(id, person("bob", "approver"), Optional.empty(), OptionalInt.empty(), OptionalInt.of(1), "ok");
        assertThat(task.schedule(id)).isTrue();
        Map<String, String> phase2 = Map.of("plan", Long.toString(id), "phase", "2");

        task.run(new OneOffTask.Firing(PlanPhaseTask.HANDLER, PlanPhaseTask.id(id, 2), Instant.now(), Instant.now(),
                phase2, false));

        MigrationService.Status held = status(id);
        assertThat(held.phases().get(1).state()).isEqualTo(PlanState.PAUSED);
        assertThat(held.plan().state()).isEqualTo(PlanState.PAUSED);
        assertThat(held.phases().get(1).reason()).contains("phase 2 does not have its approvals (0 of 1)")
                .contains("approve " + id + " --phase 2");
        assertThat(sim.count("PUT", ".*")).isZero();

        assertThat(perPhase.approve(id, person("carol", "approver"), Optional.empty(), OptionalInt.empty(),
                OptionalInt.of(2), "ok")).isInstanceOf(ApprovalOutcome.Accepted.class);
        migration.resume(id, "", person("bob", "approver"));
        task.run(new OneOffTask.Firing(PlanPhaseTask.HANDLER, PlanPhaseTask.id(id, 2), Instant.now(), Instant.now(),
                phase2, false));

        assertThat(status(id).phases().get(1).state()).isEqualTo(PlanState.DONE);
        assertThat(sim.count("PUT", SSO_RESIZE)).isEqualTo(1);
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
