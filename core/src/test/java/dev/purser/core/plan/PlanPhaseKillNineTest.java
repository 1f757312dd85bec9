package dev.purser.core.plan;

import static dev.purser.core.plan.PlanTesting.person;
import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.audit.AuditEntry;
import dev.purser.core.demo.dosim.DigitalOceanSimulator;
import dev.purser.core.execution.ExecutorCall;
import dev.purser.core.execution.PlanPhaseTask;
import dev.purser.core.schedule.JobService;
import dev.purser.core.schedule.MisfirePolicy;
import dev.purser.core.schedule.PurserScheduler;
import dev.purser.core.store.DatabaseSettings;
import dev.purser.core.store.JdbcAuditTrail;
import dev.purser.core.store.JdbcExecutorCallJournal;
import dev.purser.core.store.JdbcJobRuns;
import dev.purser.core.store.JdbcMigrationStore;
import dev.purser.core.store.JdbcPlanStore;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A real {@code kill -9} of a Purser process in the middle of a plan phase fired by its scheduler:
 * after DigitalOcean accepted the resize, before it settled. A second process over the same
 * database recovers the firing (Quartz's recovery of a job whose instance died), resumes the phase
 * from the journal and the provider's state, and finishes it: one {@code PUT .../resize} in all, the
 * phase done, the plan waiting for its next phase, the audit chain intact.
 */
class PlanPhaseKillNineTest {

    static final String RESIZE = "/v2/databases/" + DigitalOceanSimulator.SSO_PROD_ID + "/resize";

    @Test
    void killNineMidPhase_anotherInstanceRecoversIt_oneResizeAndThePhaseDone() throws Exception {
        String url = TestDatabase.freshJdbcUrl();
        Process first = null;
        Process second = null;
        try (DigitalOceanSimulator sim = DigitalOceanSimulator.start(Clock.systemUTC()).seedMandible();
                PurserDatabase db = PurserDatabase.open(new DatabaseSettings(url, "postgres", null,
                        Path.of(System.getProperty("java.io.tmpdir"))))) {
            // the resize is accepted but does not finish while the first process polls it
            sim.resizePolls(1_000_000);
            JdbcAuditTrail audit = new JdbcAuditTrail(db.dataSource(), Clock.systemUTC());
            JdbcPlanStore store = new JdbcPlanStore(db.dataSource());
            MigrationService migration = new MigrationService(store, new JdbcMigrationStore(db.dataSource(), store),
                    audit, Clock.systemUTC(), null);
            long id = approvedPlan(store, audit);
            assertThat(migration.schedule(id, MigrationService.SCHEDULER)).isPresent();
            // this process schedules (as a CLI process does) without firing: the phase is due in 2 s
            JdbcJobRuns runs = new JdbcJobRuns(db.dataSource());
            try (PurserScheduler cli = PurserScheduler.create(db.dataSource(), PurserScheduler.Settings.defaults(),
                    new JobService(List.of(), Map.of(), runs, null, Clock.systemUTC(), "cli"), runs)) {
                assertThat(cli.scheduleOnce(PlanPhaseTask.HANDLER, PlanPhaseTask.id(id, 1), Instant.now().plusSeconds(2),
                        Map.of("plan", Long.toString(id), "phase", "1"), MisfirePolicy.SKIP)).isTrue();
            }

            first = child(url, sim, "node-a");
            await(Duration.ofSeconds(60), () -> sim.count("GET", "/v2/databases/" + DigitalOceanSimulator.SSO_PROD_ID)
                    >= 4 && sim.count("PUT", RESIZE) == 1);
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).isEqualTo(137);
            MigrationService.Status mid = migration.status(id);
            assertThat(mid.phases().get(0).state()).isEqualTo(PlanState.RUNNING);
            assertThat(sim.cluster(DigitalOceanSimulator.SSO_PROD_ID).orElseThrow().status()).isEqualTo("resizing");
            ExecutorCall accepted = new JdbcExecutorCallJournal(db.dataSource()).find(PlanPhaseTask.key(id, 1).value())
                    .orElseThrow();
            assertThat(accepted.state()).isEqualTo(ExecutorCall.State.ACCEPTED);

            sim.finishAfter(DigitalOceanSimulator.SSO_PROD_ID, 3);
            second = child(url, sim, "node-b");
            // a move is committed before its audit entries are appended: wait for both
            await(Duration.ofSeconds(120), () -> migration.status(id).phases().get(0).state() == PlanState.DONE
                    && audit.entries(Plan.subject(id)).stream().anyMatch(e -> e.event().kind().equals("phase.done")));

            MigrationService.Status end = migration.status(id);
            assertThat(sim.count("PUT", RESIZE)).isEqualTo(1);
            assertThat(sim.cluster(DigitalOceanSimulator.SSO_PROD_ID).orElseThrow().nodes()).isEqualTo(1);
            assertThat(sim.cluster(DigitalOceanSimulator.SSO_PROD_ID).orElseThrow().status()).isEqualTo("online");
            assertThat(end.phases()).extracting(PhaseStatus::state).containsExactly(PlanState.DONE, PlanState.SCHEDULED);
            assertThat(end.plan().state()).isEqualTo(PlanState.SCHEDULED);
            ExecutorCall call = new JdbcExecutorCallJournal(db.dataSource()).find(PlanPhaseTask.key(id, 1).value())
                    .orElseThrow();
            assertThat(call.state()).isEqualTo(ExecutorCall.State.SETTLED);
            assertThat(call.attempts()).isEqualTo(1);
            List<String> kinds = audit.entries(Plan.subject(id)).stream().map(e -> e.event().kind()).toList();
            assertThat(kinds.stream().filter("phase.running"::equals)).hasSize(1);
            assertThat(kinds).containsSubsequence("phase.running", "phase.baseline", "phase.verifying", "phase.done");
            AuditEntry done = audit.entries(Plan.subject(id)).stream().filter(e -> e.event().kind().equals("phase.done"))
                    .findFirst().orElseThrow();
            assertThat(done.event().details()).containsEntry("result", "done").containsKey("baseline");
            assertThat(audit.verify().intact()).isTrue();
        } finally {
            for (Process p : new Process[] {first, second}) {
                if (p != null) {
                    p.destroyForcibly();
                    p.waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** The mandible database plan, sso-prod first; soaks of 3 s so the recovered phase ends within the test. */
    static long approvedPlan(JdbcPlanStore store, JdbcAuditTrail audit) {
        InventoryPlanInputs inputs = new InventoryPlanInputs(PlanTesting.rightsizing(PlanTesting.mandible()),
                PlanTesting.mandible(), Duration.ofDays(30), PlanTesting.CLOCK);
        PlanSettings defaults = PlanSettings.defaults(ZoneOffset.UTC);
        PlanSettings settings = new PlanSettings(defaults.defaultWindow(), defaults.backupMaxAge(), Duration.ofSeconds(3),
                Duration.ofSeconds(3), defaults.tiers(), defaults.trafficWindow());
        PlanService plans = new PlanService(store, audit, inputs, settings, new ApprovalPolicies(List.of(
                new dev.purser.core.config.ApprovalPolicyConfig("*", 1, java.util.Set.of("approver"), List.of(),
                        dev.purser.core.config.ApprovalScope.PER_PLAN, Duration.ofDays(14)))), Clock.systemUTC());
        Plan plan = plans.create(PlanTesting.databaseIds(PlanTesting.rightsizing(PlanTesting.mandible())),
                Optional.of("Sat 02:00-04:00 UTC"), Optional.of("sso-prod,mandible-prod"),
                person("alice", "requester")).plan();
        plans.approve(plan.id(), person("bob", "approver"), Optional.empty(), OptionalInt.empty(), OptionalInt.empty(),
                "ok");
        return plan.id();
    }

    private static Process child(String url, DigitalOceanSimulator sim, String instance) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx160m", "-cp", System.getProperty("java.class.path"),
                PhaseTaskChild.class.getName(), url, sim.baseUri().toString(), instance);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", "phase-task-child-" + instance + ".log")
                .toFile()));
        return pb.start();
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
}
