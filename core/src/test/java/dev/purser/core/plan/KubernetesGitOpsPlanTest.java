package dev.purser.core.plan;

import static dev.purser.core.plan.PlanTesting.person;
import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.analysis.recommendations.RightsizingService;
import dev.purser.core.analysis.rightsizing.Recommendation;
import dev.purser.core.analysis.rightsizing.RecommendationKind;
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
import dev.purser.core.execution.ExecutorCall;
import dev.purser.core.execution.PlanExecution;
import dev.purser.core.execution.PlanPhaseTask;
import dev.purser.core.live.SubjectChanges;
import dev.purser.core.model.Resource;
import dev.purser.core.model.ResourceFacts;
import dev.purser.core.model.UsageSeries;
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
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Kubernetes container's right-sizing planned, approved and run through the {@code plan-phase}
 * task and the real composition in live mode: the phase writes the patched manifest and its diff,
 * waits, a person says {@code migration applied}, and the phase soaks and is done.
 */
class KubernetesGitOpsPlanTest {

    static final long MIB = 1L << 20;
    static final long GIB = 1L << 30;
    static final Duration STEP = Duration.ofMinutes(5);
    static final int POINTS = 30 * 288;
    static final String MANIFEST = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: checkout
              namespace: shop
            spec:
              template:
                spec:
                  containers:
                    - name: app
                      resources:
                        requests:
                          cpu: "2"          # sized before we measured
                          memory: 4Gi
                        limits:
                          cpu: "4"
                          memory: 8Gi
            """;

    @TempDir
    Path tmp;

    PurserDatabase db;
    CompressedTime time;
    JdbcAuditTrail audit;
    JdbcPlanStore store;
    PurserScheduler scheduler;
    Path source;
    Path home;

    @BeforeEach
    void open() throws Exception {
        db = TestDatabase.fresh();
        time = new CompressedTime(Clock.systemUTC(), Instant.parse("2026-12-05T02:00:00Z"), 600);
        audit = new JdbcAuditTrail(db.dataSource(), Clock.systemUTC());
        store = new JdbcPlanStore(db.dataSource());
        JdbcJobRuns runs = new JdbcJobRuns(db.dataSource());
        scheduler = PurserScheduler.create(db.dataSource(), new PurserScheduler.Settings("purser", "node-a", 2,
                Duration.ofSeconds(1), Duration.ofMinutes(1)), new JobService(List.of(), Map.of(), runs, null,
                        Clock.systemUTC(), "node-a"), runs);
        source = Files.createDirectories(tmp.resolve("infra"));
        Files.createDirectories(source.resolve("apps/shop"));
        Files.writeString(source.resolve("apps/shop/checkout.yaml"), MANIFEST);
        home = Files.createDirectories(tmp.resolve("home"));
    }

    @AfterEach
    void close() {
        scheduler.close();
        db.close();
    }

    /** The checkout Deployment's app container, stored as {@code import prometheus} lands it, with 30 days of usage. */
    static PlanTesting.MemoryInventory inventory() {
        ResourceFacts facts = ResourceFacts.builder()
                .kubernetes(new ResourceFacts.KubernetesContainer(Optional.of("prod"), "shop", "Deployment", "checkout",
                        "app", ResourceFacts.ContainerResources.of(2, 4 * GIB), ResourceFacts.ContainerResources.of(4,
                                8 * GIB)))
                .scaling(new ResourceFacts.Scaling(2, Optional.empty()))
                .build();
        Resource app = new Resource("shop", "k8s/shop/checkout/app", "shop/checkout/app", "Kubernetes", "container",
                null, null, null, Map.of("env", "production"), facts);
        List<UsageSeries> usage = List.of(
                series("k8s/shop/checkout/app", "cpu_cores", "cores", i -> 0.3 + 0.1 * Math.sin(i * 2 * Math.PI / 288)),
                series("k8s/shop/checkout/app", "memory_bytes", "bytes", i -> 600 * MIB + (i % 29) * MIB));
        return new PlanTesting.MemoryInventory(List.of(app), usage);
    }

    static UsageSeries series(String id, String metric, String unit, IntToDoubleFunction value) {
        List<UsageSeries.Sample> samples = new ArrayList<>(POINTS);
        Instant start = PlanTesting.NOW.minus(STEP.multipliedBy(POINTS));
        for (int i = 0; i < POINTS; i++) {
            samples.add(new UsageSeries.Sample(start.plus(STEP.multipliedBy(i)), value.applyAsDouble(i)));
        }
        return new UsageSeries(id, metric, unit, STEP, samples);
    }

    /** The composition over the database, a plan of the app container approved and scheduled. */
    final class Run {
        final JdbcExecutorCallJournal journal = new JdbcExecutorCallJournal(db.dataSource());
        final MigrationService migration;
        final PlanPhaseTask task;
        final PhaseTarget target;
        final long id;

        Run(ExecutionConfig config, PlanExecution.Clients clients) {
            PlanTesting.MemoryInventory inventory = inventory();
            RightsizingService rightsizing = PlanTesting.rightsizing(inventory);
            Recommendation rec = rightsizing.recommendations(null).stream()
                    .filter(r -> r.kind() == RecommendationKind.KUBERNETES_CONTAINER).findFirst().orElseThrow();
            PlanSettings defaults = PlanSettings.defaults(ZoneOffset.UTC);
            PlanSettings settings = new PlanSettings(defaults.defaultWindow(), defaults.backupMaxAge(),
                    Duration.ofMinutes(30), Duration.ofMinutes(30), defaults.tiers(), defaults.trafficWindow());
            PlanService plans = new PlanService(store, audit, new InventoryPlanInputs(rightsizing, inventory,
                    settings.trafficWindow(), PlanTesting.CLOCK), settings, new ApprovalPolicies(List.of(
                            new ApprovalPolicyConfig("*", 1, Set.of("approver"), List.of(), ApprovalScope.PER_PLAN,
                                    Duration.ofDays(14)))), Clock.systemUTC());
            PlanExecution execution = PlanExecution.create(config, home, clients, journal, audit, time, time.sleeper(),
                    plans::locks);
            migration = new MigrationService(store, new JdbcMigrationStore(db.dataSource(), store), audit,
                    Clock.systemUTC(), execution.reverter(), execution.applier());
            task = PlanPhaseTask.register(migration, scheduler, new SubjectChanges(), execution.phaseWork());
            Plan plan = plans.create(List.of(rec.id()), Optional.of("Sat 02:00-04:00 UTC"), Optional.empty(),
                    person("alice", "requester")).plan();
            target = plan.content().phases().get(0).targets().get(0);
            plans.approve(plan.id(), person("bob", "approver"), Optional.empty(), OptionalInt.empty(),
                    OptionalInt.empty(), "ok");
            assertThat(task.schedule(plan.id())).isTrue();
            id = plan.id();
        }

        /** Fires phase 1 on a thread of its own, as Quartz does at the window; the thread is returned started. */
        Thread fire(AtomicReference<Throwable> failed) {
            Thread window = new Thread(() -> {
                try {
                    task.run(new OneOffTask.Firing(PlanPhaseTask.HANDLER, PlanPhaseTask.id(id, 1), Instant.now(),
                            Instant.now(), Map.of("plan", Long.toString(id), "phase", "1"), false));
                } catch (Throwable t) {
                    failed.set(t);
                }
            });
            window.start();
            return window;
        }

        void awaitWaiting(String key) throws InterruptedException {
            PlanPhaseOutcomesTest.await(Duration.ofSeconds(30), () -> journal.find(key)
                    .map(c -> c.state() == ExecutorCall.State.ACCEPTED).orElse(false));
        }
    }

    static ExecutionConfig config(Map<String, String> queries) {
        return ExecutionConfig.defaults().withMode(ExecutionConfig.LIVE).withRequireEveryTrigger(false)
                .withPrometheus(new ExecutionConfig.Prometheus(null, queries))
                .withTiming(new ExecutionConfig.Timing(Duration.ofMinutes(30), Duration.ofHours(2),
                        Duration.ofMinutes(30), Duration.ofMinutes(1), Duration.ofHours(2), Duration.ofSeconds(10)));
    }

    @Test
    void kubernetesPhase_writesTheManifest_waitsForMigrationApplied_thenSoaksAndIsDone() throws Exception {
        // live, GitOps from the checkout (the manifest found by searching it); no metrics configured
        ExecutionConfig config = config(Map.of()).withGitops(new ExecutionConfig.GitOps(source, null, null, Map.of(),
                null));
        HttpSettings oneAttempt = new HttpSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 1, Duration.ofMillis(10),
                Duration.ofMillis(10), Duration.ZERO);
        DigitalOceanClient unused = new DigitalOceanClient(URI.create("http://127.0.0.1:9"), "unused", oneAttempt,
                new RateLimitRecorder(), time, time.sleeper());
        Run run = new Run(config, PlanExecution.Clients.of(unused, null));
        assertThat(run.target.change().executor()).isEqualTo(PlanExecution.GITOPS_KUBERNETES);
        assertThat(run.target.resourceId()).isEqualTo("shop/checkout/app");
        // the stored container (k8s/shop/checkout/app, env=production) is found for the plan
        assertThat(run.target.tier()).isEqualTo("production");
        long id = run.id;
        String key = PlanPhaseTask.key(id, 1).value();

        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread window = run.fire(failed);
        run.awaitWaiting(key);

        // written, waiting: the phase runs, the checkout is untouched
        Path dir = home.resolve("gitops").resolve(PlanPhaseTask.key(id, 1).slug());
        String patched = Files.readString(dir.resolve("checkout.yaml"));
        String diff = Files.readString(dir.resolve("checkout.yaml.diff"));
        assertThat(run.migration.status(id).phases().get(0).state()).isEqualTo(PlanState.RUNNING);
        assertThat(Files.readString(source.resolve("apps/shop/checkout.yaml"))).isEqualTo(MANIFEST);
        assertThat(diff).startsWith("--- a/apps/shop/checkout.yaml\n+++ b/apps/shop/checkout.yaml\n")
                .contains("-              cpu: \"2\"          # sized before we measured\n");
        for (Map.Entry<String, String> v : run.target.change().parameters().entrySet()) {
            assertThat(patched).as(v.getKey()).contains(v.getValue());
        }
        assertThat(patched).contains("# sized before we measured").doesNotContain("memory: 8Gi");

        MigrationService.Status marked = run.migration.applied(id, person("bob", "approver"));
        window.join(60_000);

        assertThat(failed.get()).isNull();
        assertThat(marked.phases().get(0).state()).isIn(PlanState.RUNNING, PlanState.VERIFYING, PlanState.DONE);
        MigrationService.Status s = run.migration.status(id);
        assertThat(s.phases().get(0).state()).as(s.phases().get(0).reason()).isEqualTo(PlanState.DONE);
        assertThat(s.plan().state()).isEqualTo(PlanState.DONE);
        assertThat(run.journal.find(key).orElseThrow().state()).isEqualTo(ExecutorCall.State.SETTLED);
        List<AuditEntry> entries = audit.entries(Plan.subject(id));
        assertThat(entries).anyMatch(e -> e.event().kind().equals("executor.gitops.applied")
                && e.event().actor().equals("bob"));
        assertThat(entries.stream().map(e -> e.event().kind()).toList()).contains("phase.running", "phase.verifying",
                "phase.done");
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void kubernetesPhase_breachDuringTheSoak_writesTheRollback_whichMigrationAppliedConfirms() throws Exception {
        DigitalOceanSimulator sim = DigitalOceanSimulator.start(time);
        try {
            // CPU at 30 % until the person applies the change, 97 % after: the soak's trigger fires
            AtomicReference<Instant> appliedAt = new AtomicReference<>();
            sim.series("app", "cpu_percent", at -> appliedAt.get() != null && !at.isBefore(appliedAt.get()) ? 97 : 30);
            HttpSettings oneAttempt = new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(10), 1,
                    Duration.ofMillis(10), Duration.ofMillis(10), Duration.ZERO);
            ExecutionConfig config = config(Map.of("cpu_percent", "cpu_percent{cluster=\"{resource}\"}"))
                    .withGitops(new ExecutionConfig.GitOps(source, null, null,
                            Map.of("shop/checkout", "apps/shop/checkout.yaml"), null));
            Run run = new Run(config, PlanExecution.Clients.of(new DigitalOceanClient(sim.baseUri(),
                    DigitalOceanSimulator.TOKEN, oneAttempt, new RateLimitRecorder(), time, time.sleeper()),
                    new PrometheusClient(sim.baseUri(), PrometheusSettings.defaults().withHttp(oneAttempt), null, time,
                            time.sleeper())));
            long id = run.id;
            String key = PlanPhaseTask.key(id, 1).value();
            String rollbackKey = PlanPhaseTask.key(id, 1).child("rollback").value();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            Thread window = run.fire(failed);
            run.awaitWaiting(key);
            // the person applies Purser's manifest and says so
            Path dir = home.resolve("gitops").resolve(PlanPhaseTask.key(id, 1).slug());
            Files.copy(dir.resolve("checkout.yaml"), source.resolve("apps/shop/checkout.yaml"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            appliedAt.set(time.instant());
            run.migration.applied(id, person("bob", "approver"));

            run.awaitWaiting(rollbackKey);
            Path back = home.resolve("gitops").resolve(PlanPhaseTask.key(id, 1).child("rollback").slug());
            assertThat(run.migration.status(id).phases().get(0).state()).isEqualTo(PlanState.VERIFYING);
            assertThat(Files.readString(back.resolve("checkout.yaml"))).isEqualTo(MANIFEST);
            run.migration.applied(id, person("carol", "approver"));
            window.join(60_000);

            assertThat(failed.get()).isNull();
            MigrationService.Status s = run.migration.status(id);
            assertThat(s.phases().get(0).state()).as(s.phases().get(0).reason()).isEqualTo(PlanState.ROLLED_BACK);
            assertThat(s.plan().state()).isEqualTo(PlanState.ROLLED_BACK);
            assertThat(s.phases().get(0).reason()).contains("cpu_percent above 80");
            assertThat(run.journal.find(rollbackKey).orElseThrow().state()).isEqualTo(ExecutorCall.State.SETTLED);
            assertThat(audit.entries(Plan.subject(id))).anyMatch(e -> e.event().kind().equals("executor.gitops.applied")
                    && e.event().actor().equals("carol") && e.event().details().get("key").equals(rollbackKey));
            assertThat(audit.verify().intact()).isTrue();
        } finally {
            sim.close();
        }
    }
}
