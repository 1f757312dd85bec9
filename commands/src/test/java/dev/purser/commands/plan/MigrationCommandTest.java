package dev.purser.commands.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.CommandRegistry;
import dev.purser.commands.Principal;
import dev.purser.commands.Role;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.testing.Renderings;
import dev.purser.core.analysis.catalog.PriceCatalogs;
import dev.purser.core.analysis.recommendations.RightsizingService;
import dev.purser.core.analysis.rightsizing.Recommendation;
import dev.purser.core.analysis.rightsizing.RecommendationKind;
import dev.purser.core.analysis.rightsizing.RightsizingEngine;
import dev.purser.core.analysis.rightsizing.RightsizingRules;
import dev.purser.core.audit.AuditEntry;
import dev.purser.core.demo.DemoScenarios;
import dev.purser.core.demo.Scenario;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.live.SubjectChanges;
import dev.purser.core.plan.ApprovalPolicies;
import dev.purser.core.plan.InventoryPlanInputs;
import dev.purser.core.plan.MigrationService;
import dev.purser.core.plan.PlanService;
import dev.purser.core.plan.PlanSettings;
import dev.purser.core.plan.PlanState;
import dev.purser.core.store.InventoryRepository;
import dev.purser.core.store.JdbcAuditTrail;
import dev.purser.core.store.JdbcMigrationStore;
import dev.purser.core.store.JdbcPlanStore;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code migration} through the dispatcher, as every face runs it, over the real stores and the
 * real audit chain: roles, each move, refusals with their reasons, and the announcement that
 * re-renders the plan's chat messages.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrationCommandTest {

    private static final SubjectChanges CHANGES = new SubjectChanges();
    private static final List<String> ANNOUNCED = new CopyOnWriteArrayList<>();
    private static final List<String> REVERTED = new CopyOnWriteArrayList<>();

    static final LocalDate LAST_DAY = LocalDate.of(2026, 11, 22);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);

    static final Principal ALICE = new Principal("alice", "alice", EnumSet.of(Role.VIEWER, Role.REQUESTER), true);
    static final Principal BOB = new Principal("bob", "bob", EnumSet.of(Role.VIEWER, Role.APPROVER), true);
    static final Principal ADMIN = new Principal("dana", "dana", EnumSet.of(Role.VIEWER, Role.ADMIN), true);
    static final Principal VIEWER = new Principal("vera", "vera", EnumSet.of(Role.VIEWER), true);

    static PurserDatabase db;
    static CommandDispatcher dispatcher;
    static MigrationService migration;
    static JdbcAuditTrail audit;

    @BeforeAll
    static void load() {
        db = TestDatabase.fresh();
        InventoryRepository inventory = new InventoryRepository(db.dataSource());
        Scenario s = DemoScenarios.generate("mandible", LAST_DAY);
        inventory.replaceScenario(s.name(), s.inventory(), s.usage());
        RightsizingService rightsizing = new RightsizingService(inventory, new RightsizingEngine(PriceCatalogs.bundled(),
                RightsizingRules.defaults(), CLOCK), null, CLOCK);
        List<String> ids = rightsizing.recommendations("mandible").stream()
                .filter(r -> r.kind() == RecommendationKind.DATABASE_CLUSTER).map(Recommendation::id).toList();
        PlanSettings settings = PlanSettings.defaults(ZoneOffset.UTC);
        audit = new JdbcAuditTrail(db.dataSource(), CLOCK);
        JdbcPlanStore planStore = new JdbcPlanStore(db.dataSource());
        PlanService plans = new PlanService(planStore, audit,
                new InventoryPlanInputs(rightsizing, inventory, settings.trafficWindow(), CLOCK), settings,
                new ApprovalPolicies(List.of()), CLOCK);
        migration = new MigrationService(planStore, new JdbcMigrationStore(db.dataSource(), planStore), audit, CLOCK,
                (plan, phase) -> {
                    REVERTED.add(phase.name());
                    return phase.name() + " resized back";
                });
        CHANGES.subscribe(ANNOUNCED::add);
        dispatcher = new CommandDispatcher(CommandRegistry.of(List.of(PlanCommand.create(plans, CHANGES),
                ApproveCommand.create(plans, CHANGES), MigrationCommand.create(migration, CHANGES))));
        assertThat(run(ALICE, "plan create " + String.join(" ", ids) + " --window \"Sat 02:00-04:00 Europe/Berlin\"")
                .isError()).isFalse();
        assertThat(run(BOB, "approve 1").isError()).isFalse();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    static Reply run(Principal who, String line) {
        return dispatcher.run(who, "slack", line);
    }

    static List<String> states(Reply r) {
        Table t = r.tables().stream().filter(x -> x.key().equals("phases")).findFirst().orElseThrow();
        return t.rows().stream().map(row -> String.valueOf(row.get(3).raw())).toList();
    }

    @Test
    @Order(1)
    void status_viewer_showsPlanAndPhases_asGolden() {
        Reply r = run(VIEWER, "migration status 1");
        assertThat(r.isError()).as("%s", r.error()).isFalse();
        assertThat(r.title()).isEqualTo("Plan 1 is approved");
        assertThat(states(r)).containsExactly("approved", "approved", "approved");
        assertThat(r.live()).get().extracting(l -> l.subject()).isEqualTo("plan:1");
        Renderings.assertMatchGolden("migration-status", r);
    }

    @Test
    @Order(2)
    void pause_viewerOrRequester_forbidden_nothingAnnounced() {
        migration.schedule(1, MigrationService.SCHEDULER);
        ANNOUNCED.clear();
        for (Principal who : List.of(VIEWER, ALICE)) {
            Reply r = run(who, "migration pause 1");
            assertThat(r.error().code()).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(r.error().message()).contains("approver or admin");
        }
        assertThat(ANNOUNCED).isEmpty();
        assertThat(migration.status(1).plan().state()).isEqualTo(PlanState.SCHEDULED);
    }

    @Test
    @Order(3)
    void pause_thenResume_byApproverAndAdmin_announceThePlan() {
        Reply paused = run(BOB, "migration pause 1 --reason \"freeze week\"");
        assertThat(paused.isError()).as("%s", paused.error()).isFalse();
        assertThat(paused.title()).isEqualTo("Plan 1 paused");
        assertThat(states(paused)).containsOnly("paused");
        assertThat(ANNOUNCED).containsExactly("plan:1");
        Reply again = run(BOB, "migration pause 1");
        assertThat(again.error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(again.error().message()).isEqualTo("a plan cannot go from paused to paused: it is already paused");
        Reply resumed = run(ADMIN, "migration resume 1");
        assertThat(resumed.title()).isEqualTo("Plan 1 resumed");
        assertThat(states(resumed)).containsOnly("scheduled");
        assertThat(ANNOUNCED).containsExactly("plan:1", "plan:1");
    }

    @Test
    @Order(4)
    void rollback_midChange_refused_approver_forbidden() {
        migration.advance(1, 1, PlanState.SCHEDULED, PlanState.RUNNING, PlanState.RUNNING, "window opened",
                MigrationService.SCHEDULER, Map.of());
        assertThat(run(BOB, "migration rollback 1").error().code()).isEqualTo(ErrorCode.FORBIDDEN);
        Reply r = run(ADMIN, "migration rollback 1");
        assertThat(r.error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(r.error().message()).contains("phase 1 (rehearsal) is running");
        assertThat(run(BOB, "migration cancel 1").error().message()).contains("phase 1 (rehearsal) is running");
        assertThat(REVERTED).isEmpty();
    }

    @Test
    @Order(5)
    void rollback_admin_undoesDonePhases_andTheAuditChainVerifies() {
        migration.advance(1, 1, PlanState.RUNNING, PlanState.VERIFYING, PlanState.VERIFYING, "applied",
                MigrationService.SCHEDULER, Map.of());
        migration.advance(1, 1, PlanState.VERIFYING, PlanState.DONE, PlanState.SCHEDULED, "soak passed",
                MigrationService.SCHEDULER, Map.of());
        ANNOUNCED.clear();
        Reply r = run(ADMIN, "migration rollback 1 --reason \"latency\"");
        assertThat(r.isError()).as("%s", r.error()).isFalse();
        assertThat(r.title()).isEqualTo("Plan 1 rolled back");
        assertThat(states(r)).containsExactly("rolled_back", "cancelled", "cancelled");
        assertThat(REVERTED).containsExactly("rehearsal");
        assertThat(ANNOUNCED).containsExactly("plan:1");
        assertThat(audit.entries("plan:1")).extracting(AuditEntry::event).extracting(e -> e.kind())
                .containsSubsequence("plan.approved", "plan.scheduled", "plan.paused", "plan.scheduled", "phase.running",
                        "phase.verifying", "phase.done", "plan.paused", "phase.rolled_back", "plan.rolled_back");
        assertThat(audit.verify().intact()).isTrue();
        assertThat(run(BOB, "migration resume 1").error().message()).endsWith("rolled back is final");
    }

    @Test
    @Order(6)
    void badOrUnknownPlan_clearErrors() {
        assertThat(run(VIEWER, "migration status seven").error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(run(VIEWER, "migration status 42").error().code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(run(VIEWER, "migration explode 1").error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
    }
}
