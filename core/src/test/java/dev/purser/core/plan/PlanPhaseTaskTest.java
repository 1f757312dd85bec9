package dev.purser.core.plan;

import static dev.purser.core.plan.PlanTesting.person;
import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.analysis.inventory.InventorySource;
import dev.purser.core.analysis.recommendations.RightsizingService;
import dev.purser.core.analysis.rightsizing.Configuration;
import dev.purser.core.analysis.rightsizing.RightsizingChange;
import dev.purser.core.cloud.digitalocean.DigitalOceanClient;
import dev.purser.core.cloud.http.HttpSettings;
import dev.purser.core.cloud.http.RateLimitRecorder;
import dev.purser.core.cloud.prometheus.PrometheusClient;
import dev.purser.core.cloud.prometheus.PrometheusSettings;
import dev.purser.core.config.ApprovalPolicyConfig;
import dev.purser.core.config.ApprovalScope;
import dev.purser.core.demo.dosim.DigitalOceanSimulator;
import dev.purser.core.execution.CallLedger;
import dev.purser.core.execution.ChangeRequest;
import dev.purser.core.execution.CompressedTime;
import dev.purser.core.execution.DatabaseResizeExecutor;
import dev.purser.core.execution.PhaseRunner;
import dev.purser.core.execution.PlanPhaseTask;
import dev.purser.core.execution.PrometheusMetricSource;
import dev.purser.core.execution.SoakEvaluator;
import dev.purser.core.execution.Target;
import dev.purser.core.live.SubjectChanges;
import dev.purser.core.schedule.JobService;
import dev.purser.core.schedule.MisfirePolicy;
import dev.purser.core.schedule.OneOffTask;
import dev.purser.core.schedule.PurserScheduler;
import dev.purser.core.store.JdbcExecutorCallJournal;
import dev.purser.core.store.JdbcJobRuns;
import dev.purser.core.store.JdbcMigrationStore;
import dev.purser.core.store.JdbcPlanStore;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code plan-phase} task on two clustered schedulers over one real PostgreSQL (as two Purser
 * replicas), running a phase against the DigitalOcean simulator in compressed time. Quartz fires
 * on the wall clock, so the test waits for states with a deadline.
 */
class PlanPhaseTaskTest {

    static final Trigger P95 = new Trigger("query_p95_ms", Trigger.Comparison.ABOVE, new BigDecimal("1.5"), true,
            Duration.ofMinutes(5));
    static final HttpSettings ONE_ATTEMPT = new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(10), 1,
            Duration.ofMillis(10), Duration.ofMillis(10), Duration.ZERO);

    PurserDatabase db;
    DigitalOceanSimulator sim;
    CompressedTime time;
    PlanTesting.RecordingAuditTrail audit;
    PlanService plans;
    PlanService pastPlans;
    MigrationService migration;
    PhaseRunner runner;
    DatabaseResizeExecutor executor;
    final List<String> ran = new CopyOnWriteArrayList<>();
    final List<String> announced = new CopyOnWriteArrayList<>();
    final SubjectChanges changes = new SubjectChanges();
    final List<PurserScheduler> schedulers = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        db = TestDatabase.fresh();
        time = new CompressedTime(Clock.systemUTC(), Instant.parse("2026-12-05T02:00:00Z"), 600);
        sim = DigitalOceanSimulator.start(time).seedMandible();
        audit = new PlanTesting.RecordingAuditTrail();
        InventorySource inventory = PlanTesting.mandible();
        RightsizingService rightsizing = PlanTesting.rightsizing(inventory);
        JdbcPlanStore store = new JdbcPlanStore(db.dataSource());
        PlanSettings settings = PlanSettings.defaults(ZoneOffset.UTC);
        InventoryPlanInputs inputs = new InventoryPlanInputs(rightsizing, inventory, settings.trafficWindow(),
                PlanTesting.CLOCK);
        ApprovalPolicies policies = new ApprovalPolicies(List.of(new ApprovalPolicyConfig("*", 1, Set.of("approver"),
                List.of(), ApprovalScope.PER_PLAN, Duration.ofDays(14))));
        // Quartz fires on the wall clock: plans made now have windows ahead of it, plans made on
        // the fixture's day (2026-11-22) have windows behind it
        plans = new PlanService(store, audit, inputs, settings, policies, Clock.systemUTC());
        pastPlans = new PlanService(store, audit, inputs, settings, policies, PlanTesting.CLOCK);
        migration = new MigrationService(store, new JdbcMigrationStore(db.dataSource(), store), audit,
                Clock.systemUTC(), null);
        CallLedger ledger = new CallLedger(new JdbcExecutorCallJournal(db.dataSource()), audit, time, time.sleeper(),
                Duration.ofSeconds(10), "test", Duration.ofMinutes(2));
        DigitalOceanClient client = new DigitalOceanClient(sim.baseUri(), DigitalOceanSimulator.TOKEN, ONE_ATTEMPT,
                new RateLimitRecorder(), time, time.sleeper());
        PrometheusClient prometheus = new PrometheusClient(sim.baseUri(),
                PrometheusSettings.defaults().withHttp(ONE_ATTEMPT), null, time, time.sleeper());
        SoakEvaluator soak = new SoakEvaluator(new PrometheusMetricSource(prometheus,
                Map.of("query_p95_ms", "query_p95_ms{cluster=\"{resource}\"}"), Duration.ofMinutes(1)), time,
                time.sleeper());
        executor = new DatabaseResizeExecutor(client, ledger);
        changes.subscribe(announced::add);
        runner = new PhaseRunner(executor, soak, ledger);
    }

    @AfterEach
    void close() {
        schedulers.forEach(PurserScheduler::close);
        sim.close();
        db.close();
    }

    /** The phase's one cluster in the simulator, from its nodes to one fewer, soaked on its p95. */
    PhaseRunner.Outcome work(String instance, Plan plan, Phase phase, dev.purser.core.execution.IdempotencyKey key) {
        ran.add(instance + ":" + key.value());
        String name = phase.targets().get(0).name();
        DigitalOceanSimulator.ClusterView c = sim.clusters().stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow();
        ChangeRequest request = new ChangeRequest(new Target(Target.Kind.DATABASE_CLUSTER, c.id(), name),
                new RightsizingChange(Configuration.machine(c.size(), Double.NaN, Double.NaN, OptionalInt.of(c.nodes()),
                        Optional.empty()), Configuration.machine(c.size(), Double.NaN, Double.NaN,
                                OptionalInt.of(c.nodes() - 1), Optional.empty())));
        return runner.run(executor.prepare(request), key, name, List.of(P95), new PhaseRunner.Timing(
                Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofMinutes(1),
                Duration.ofMinutes(30)));
    }

    PurserScheduler scheduler(String instance) {
        JdbcJobRuns runs = new JdbcJobRuns(db.dataSource());
        PurserScheduler s = PurserScheduler.create(db.dataSource(), new PurserScheduler.Settings("purser", instance, 2,
                Duration.ofSeconds(1), Duration.ofSeconds(1)), new JobService(List.of(), Map.of(), runs, null,
                        Clock.systemUTC(), instance), runs);
        schedulers.add(s);
        return s;
    }

    long approvedPlan(PlanService plans, String phases) {
        Plan plan = plans.create(PlanTesting.databaseIds(PlanTesting.rightsizing(PlanTesting.mandible())),
                Optional.of("Sat 02:00-04:00 UTC"), Optional.of(phases), person("alice", "requester")).plan();
        plans.approve(plan.id(), person("bob", "approver"), Optional.empty(), OptionalInt.empty(), OptionalInt.empty(),
                "ok");
        return plan.id();
    }

    static void await(Duration limit, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not reached within " + limit);
            }
            Thread.sleep(100);
        }
    }

    @Test
    void twoSchedulers_runAPhaseOnce_mapItsResult_andScheduleTheNext() throws Exception {
        long id = approvedPlan(plans, "sso-prod,mandible-prod");
        PurserScheduler a = scheduler("node-a");
        PurserScheduler b = scheduler("node-b");
        PlanPhaseTask taskA = PlanPhaseTask.register(migration, a, changes, (plan, phase, key) -> work("node-a", plan, phase, key));
        PlanPhaseTask.register(migration, b, changes, (plan, phase, key) -> work("node-b", plan, phase, key));
        a.start();
        b.start();
        assertThat(migration.schedule(id, MigrationService.SCHEDULER)).isPresent();
        // the window opens now on both replicas: each asks to schedule it; Quartz keeps one
        Map<String, String> data = Map.of("plan", Long.toString(id), "phase", "1");
        Instant now = Instant.now();
        boolean first = a.scheduleOnce(PlanPhaseTask.HANDLER, PlanPhaseTask.id(id, 1), now, data, MisfirePolicy.SKIP);
        boolean second = b.scheduleOnce(PlanPhaseTask.HANDLER, PlanPhaseTask.id(id, 1), now, data, MisfirePolicy.SKIP);
        assertThat(List.of(first, second)).containsExactlyInAnyOrder(true, false);

        // the task announces after it moved the phase: wait for both
        await(Duration.ofSeconds(60), () -> migration.status(id).phases().get(0).state() == PlanState.DONE
                && announced.size() >= 2);
        // a late duplicate firing (as a second replica would make) finds the phase done and does nothing
        taskA.run(new OneOffTask.Firing(PlanPhaseTask.HANDLER, PlanPhaseTask.id(id, 1), now, Instant.now(), data, false));

        MigrationService.Status s = migration.status(id);
        assertThat(ran).hasSize(1);
        assertThat(ran.get(0)).endsWith(":plan:" + id + "/phase:1/apply");
        assertThat(sim.count("PUT", ".*/resize")).isEqualTo(1);
        assertThat(sim.clusters().stream().filter(c -> c.name().equals("sso-prod")).findFirst().orElseThrow().nodes())
                .isEqualTo(1);
        assertThat(s.plan().state()).isEqualTo(PlanState.SCHEDULED);
        assertThat(s.phases()).extracting(PhaseStatus::state).containsExactly(PlanState.DONE, PlanState.SCHEDULED);
        assertThat(audit.kinds()).containsSubsequence("phase.running", "phase.verifying", "phase.done");
        assertThat(announced).containsOnly("plan:" + id).hasSizeGreaterThanOrEqualTo(2);
        assertThat(audit.kinds().stream().filter("phase.running"::equals)).hasSize(1);
        assertThat(audit.last("phase.done").details()).containsEntry("result", "done").containsKey("baseline");
        // the next phase waits for its own window
        Phase next = s.plan().content().phases().get(1);
        assertThat(next.window().start()).isAfter(Instant.now());
        assertThat(a.onceDue(PlanPhaseTask.HANDLER, PlanPhaseTask.id(id, 2))).hasValue(next.window().start());
    }

    @Test
    void missedWindow_isNotRunLate_phaseAndPlanPaused() throws Exception {
        long id = approvedPlan(pastPlans, "sso-prod,mandible-prod");
        PurserScheduler a = scheduler("node-a");
        PlanPhaseTask task = PlanPhaseTask.register(migration, a, changes, (plan, phase, key) -> work("node-a", plan, phase, key));
        a.start();
        // the plan's first window (Saturday after 2026-11-22) is long past on the wall clock
        assertThat(task.schedule(id)).isTrue();
        assertThat(task.schedule(id)).isFalse();
        await(Duration.ofSeconds(30), () -> migration.status(id).plan().state() == PlanState.PAUSED);
        MigrationService.Status s = migration.status(id);
        assertThat(ran).isEmpty();
        assertThat(announced).contains("plan:" + id);
        assertThat(sim.count("PUT", ".*/resize")).isZero();
        assertThat(s.phases()).extracting(PhaseStatus::state).containsExactly(PlanState.PAUSED, PlanState.SCHEDULED);
        assertThat(s.phases().get(0).reason()).contains("not started late").contains("migration resume " + id);
        assertThat(audit.last("phase.paused").details()).containsKeys("window_start", "fired_at");
    }

    @Test
    void follow_approvedPlanIsScheduled_pauseRemovesTheTrigger_resumeRearmsIt_cancelRemovesIt() {
        long id = approvedPlan(plans, "sso-prod,mandible-prod");
        PurserScheduler a = scheduler("node-a");
        PlanPhaseTask task = PlanPhaseTask.register(migration, a, changes, (plan, phase, key) -> work("node-a", plan,
                phase, key));
        Instant window = migration.status(id).plan().content().phases().get(0).window().start();

        // what a face's announcement of plan:N does in any process: the approved plan goes on the schedule
        task.listener().accept("plan:" + id);
        assertThat(migration.status(id).plan().state()).isEqualTo(PlanState.SCHEDULED);
        assertThat(task.due(id, 1)).hasValue(window);
        assertThat(task.due(id, 2)).isEmpty();

        migration.pause(id, "freeze", person("bob", "approver"));
        task.follow(id);
        assertThat(task.due(id, 1)).isEmpty();

        migration.resume(id, "", person("bob", "approver"));
        task.follow(id);
        task.follow(id);
        assertThat(task.due(id, 1)).hasValue(window);

        migration.cancel(id, "not now", person("bob", "approver"));
        task.follow(id);
        assertThat(task.due(id, 1)).isEmpty();
        assertThat(task.due(id, 2)).isEmpty();
        assertThat(ran).isEmpty();
        // other subjects and unknown plans are ignored, never thrown at the announcer
        task.listener().accept("budget:7");
        task.listener().accept("plan:9999");
    }

    @Test
    void follow_resumedAfterItsWindowPassed_armsTheNextOccurrenceOfTheWindow() {
        long id = approvedPlan(pastPlans, "sso-prod,mandible-prod");
        PurserScheduler a = scheduler("node-a");
        PlanPhaseTask task = PlanPhaseTask.register(migration, a, changes, (plan, phase, key) -> work("node-a", plan,
                phase, key));
        assertThat(migration.schedule(id, MigrationService.SCHEDULER)).isPresent();
        // as missed() leaves it when its window passed with no Purser running
        migration.advance(id, 1, PlanState.SCHEDULED, PlanState.PAUSED, PlanState.PAUSED, "missed", "purser", Map.of());
        Phase first = migration.status(id).plan().content().phases().get(0);
        assertThat(first.window().end()).isBefore(Instant.now());

        migration.resume(id, "", person("bob", "approver"));
        Instant before = Instant.now();
        task.follow(id);

        MaintenanceWindow w = migration.status(id).plan().content().window();
        WindowSlot open = w.next(before.minus(w.length()));
        Instant due = task.due(id, 1).orElseThrow();
        if (!open.start().isAfter(before) && before.isBefore(open.end())) {
            // a window is open right now: the phase starts at once
            assertThat(due).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
        } else {
            assertThat(due).isEqualTo(w.next(before).start()).isAfter(before);
        }
        assertThat(migration.status(id).phases().get(0).state()).isEqualTo(PlanState.SCHEDULED);
    }
}
