package dev.purser.bot.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.Principal;
import dev.purser.commands.Role;
import dev.purser.commands.reply.Reply;
import dev.purser.core.analysis.rightsizing.Recommendation;
import dev.purser.core.analysis.rightsizing.RecommendationKind;
import dev.purser.core.demo.DemoScenarios;
import dev.purser.core.demo.Scenario;
import dev.purser.core.demo.dosim.DigitalOceanSimulator;
import dev.purser.core.execution.PlanPhaseTask;
import dev.purser.core.plan.MigrationService;
import dev.purser.core.plan.PhaseStatus;
import dev.purser.core.plan.PlanState;
import dev.purser.core.schedule.PurserScheduler;
import dev.purser.core.store.InventoryRepository;
import dev.purser.core.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An approved plan runs through the real runtime, as {@code purser} processes do: a CLI process
 * creates and approves a plan whose window opens seconds later (its scheduler never starts; the
 * approval alone puts the phase on the schedule in the database), then a serving process starts its
 * scheduler, fires the phase at its window, resizes sso-prod in the DigitalOcean simulator (live
 * mode, token from the environment), soaks it against the simulator's Prometheus series and records
 * it done; the next phase waits, armed, for the window's next occurrence.
 */
class RuntimePlanRunTest {

    static final Principal ALICE = new Principal("alice", "alice", EnumSet.of(Role.VIEWER, Role.REQUESTER), true);
    static final Principal BOB = new Principal("bob", "bob", EnumSet.of(Role.VIEWER, Role.APPROVER), true);
    static final Principal DANA = new Principal("dana", "dana", EnumSet.of(Role.VIEWER, Role.ADMIN), true);

    @TempDir
    Path home;

    @Test
    void approve_schedulesThePhase_servingInstanceFiresItAtItsWindow_phaseDone_thenRollbackUndoesIt()
            throws Exception {
        try (DigitalOceanSimulator sim = DigitalOceanSimulator.start(Clock.systemUTC()).seedMandible()) {
            Path config = home.resolve("purser.yaml");
            Files.writeString(config, """
                    plans:
                      soak: 3s
                      rehearsal_soak: 3s
                    execution:
                      mode: live
                      require_every_trigger: false
                      digitalocean:
                        base_url: %1$s
                      prometheus:
                        url: %1$s
                        queries:
                          query_p95_ms: 'query_p95_ms{cluster="{resource}"}'
                      timing:
                        baseline_window: 10m
                        check_interval: 1s
                        poll_interval: 1s
                        settle_deadline: 2m
                        rollback_deadline: 2m
                    """.formatted(sim.baseUri()));
            Map<String, String> env = Map.of("PURSER_HOME", home.toString(), "PURSER_DATABASE_URL",
                    TestDatabase.freshJdbcUrl(), "PURSER_DATABASE_USER", "postgres", "PURSER_CONFIG", config.toString(),
                    "DIGITALOCEAN_TOKEN", DigitalOceanSimulator.TOKEN);
            PurserSettings settings = PurserSettings.fromEnvironment(env, home);
            assertThat(settings.config().execution().live()).isTrue();

            long id;
            Instant opens;
            try (PurserRuntime cli = new PurserRuntime(settings, Clock.systemUTC())) {
                Scenario mandible = DemoScenarios.generate("mandible", LocalDate.now(ZoneOffset.UTC));
                new InventoryRepository(cli.dataSource()).replaceScenario(mandible.name(), mandible.inventory(),
                        mandible.usage());
                List<String> ids = cli.engine().rightsizing().orElseThrow().recommendations("mandible").stream()
                        .filter(r -> r.kind() == RecommendationKind.DATABASE_CLUSTER).map(Recommendation::id).toList();
                // a daily window opening seconds from now (plan create must finish before it); a zone
                // offset with seconds puts its start on any second
                opens = Instant.now().plusSeconds(12).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
                ZoneOffset zone = ZoneOffset.ofTotalSeconds(-(int) (opens.getEpochSecond() % 60));
                ZonedDateTime local = opens.atZone(zone);
                DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
                String window = "daily " + hhmm.format(local) + "-" + hhmm.format(local.plusHours(1)) + " "
                        + zone.getId();
                Reply created = cli.dispatcher().run(ALICE, "cli", "plan create " + String.join(" ", ids)
                        + " --window \"" + window + "\" --phases sso-prod,mandible-prod");
                assertThat(created.isError()).as(created.summary()).isFalse();
                id = cli.engine().plans().orElseThrow().list(false).get(0).id();
                Reply approved = cli.dispatcher().run(BOB, "cli", "approve " + id);
                assertThat(approved.isError()).as(approved.summary()).isFalse();

                // the approval put the plan on the schedule from a process that never fires anything
                MigrationService.Status s = cli.engine().migration().orElseThrow().status(id);
                assertThat(s.plan().state()).isEqualTo(PlanState.SCHEDULED);
                assertThat(s.plan().content().phases().get(0).window().start()).isEqualTo(opens);
                assertThat(cli.planPhases().orElseThrow().due(id, 1)).hasValue(opens);
                assertThat(cli.scheduler().isStarted()).isFalse();
            }
            assertThat(sim.count("PUT", ".*/resize")).isZero();

            try (PurserRuntime serve = new PurserRuntime(settings, Clock.systemUTC())) {
                PurserScheduler scheduler = serve.scheduler();
                scheduler.start();
                assertThat(serve.followPlans()).isEqualTo(1);
                MigrationService migration = serve.engine().migration().orElseThrow();
                await(Duration.ofSeconds(90), () -> migration.status(id).phases().get(0).state() == PlanState.DONE);

                MigrationService.Status s = migration.status(id);
                assertThat(s.phases()).extracting(PhaseStatus::state).containsExactly(PlanState.DONE,
                        PlanState.SCHEDULED);
                assertThat(s.plan().state()).isEqualTo(PlanState.SCHEDULED);
                assertThat(sim.count("PUT", "/v2/databases/" + DigitalOceanSimulator.SSO_PROD_ID + "/resize"))
                        .isEqualTo(1);
                assertThat(sim.cluster(DigitalOceanSimulator.SSO_PROD_ID).orElseThrow().nodes()).isEqualTo(1);
                assertThat(s.phases().get(0).reason()).contains("soak passed");
                // the next phase waits for the next day's window
                assertThat(serve.planPhases().orElseThrow().due(id, 2)).hasValue(
                        s.plan().content().phases().get(1).window().start());

                // migration rollback undoes it through the same executor, and the next phase is disarmed
                Reply back = serve.dispatcher().run(DANA, "cli", "migration rollback " + id);
                assertThat(back.isError()).as(back.summary()).isFalse();
                assertThat(sim.cluster(DigitalOceanSimulator.SSO_PROD_ID).orElseThrow().nodes()).isEqualTo(2);
                assertThat(migration.status(id).plan().state()).isEqualTo(PlanState.ROLLED_BACK);
                assertThat(serve.planPhases().orElseThrow().due(id, 2)).isEmpty();
                assertThat(serve.engine().audit().orElseThrow().verify().intact()).isTrue();
            }
        }
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
