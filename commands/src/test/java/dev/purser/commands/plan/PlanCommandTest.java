package dev.purser.commands.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.CommandRegistry;
import dev.purser.commands.CommandContext;
import dev.purser.commands.Principal;
import dev.purser.commands.Role;
import dev.purser.commands.reply.ConversationRef;
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
import dev.purser.core.audit.AuditEvent;
import dev.purser.core.audit.AuditTrail;
import dev.purser.core.audit.AuditVerification;
import dev.purser.core.demo.DemoScenarios;
import dev.purser.core.demo.Scenario;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.live.SubjectChanges;
import dev.purser.core.plan.ApprovalPolicies;
import dev.purser.core.plan.InventoryPlanInputs;
import dev.purser.core.plan.PlanService;
import dev.purser.core.plan.PlanSettings;
import dev.purser.core.store.InventoryRepository;
import dev.purser.core.store.JdbcPlanStore;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The seed story through the dispatcher, as every face runs it: create, show, approve, edit, reject. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlanCommandTest {

    private static final SubjectChanges CHANGES = new SubjectChanges();
    private static final List<String> ANNOUNCED = new CopyOnWriteArrayList<>();

    static final LocalDate LAST_DAY = LocalDate.of(2026, 11, 22);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);

    static final Principal ALICE = new Principal("alice", "alice", EnumSet.of(Role.VIEWER, Role.REQUESTER, Role.APPROVER),
            true);
    static final Principal BOB = new Principal("bob", "bob", EnumSet.of(Role.VIEWER, Role.APPROVER), true);
    static final Principal CAROL = new Principal("carol", "carol", EnumSet.of(Role.VIEWER, Role.APPROVER), true);
    static final Principal ADMIN = new Principal("dana", "dana", EnumSet.of(Role.VIEWER, Role.ADMIN), true);
    static final Principal VIEWER = new Principal("vera", "vera", EnumSet.of(Role.VIEWER), true);
    static final Principal TOKEN = new Principal("mcp:cursor", "cursor", EnumSet.of(Role.VIEWER, Role.REQUESTER), false);

    static PurserDatabase db;
    static CommandDispatcher dispatcher;
    static List<String> ids;
    static final List<AuditEvent> AUDIT = new ArrayList<>();

    @BeforeAll
    static void load() {
        db = TestDatabase.fresh();
        InventoryRepository inventory = new InventoryRepository(db.dataSource());
        Scenario s = DemoScenarios.generate("mandible", LAST_DAY);
        inventory.replaceScenario(s.name(), s.inventory(), s.usage());
        RightsizingService rightsizing = new RightsizingService(inventory, new RightsizingEngine(PriceCatalogs.bundled(),
                RightsizingRules.defaults(), CLOCK), null, CLOCK);
        ids = rightsizing.recommendations("mandible").stream()
                .filter(r -> r.kind() == RecommendationKind.DATABASE_CLUSTER).map(Recommendation::id).toList();
        PlanSettings settings = PlanSettings.defaults(ZoneOffset.UTC);
        PlanService plans = new PlanService(new JdbcPlanStore(db.dataSource()), new Recording(),
                new InventoryPlanInputs(rightsizing, inventory, settings.trafficWindow(), CLOCK), settings,
                new ApprovalPolicies(List.of()), CLOCK);
        CHANGES.subscribe(ANNOUNCED::add);
        dispatcher = new CommandDispatcher(CommandRegistry.of(List.of(PlanCommand.create(plans, CHANGES),
                ApproveCommand.create(plans, CHANGES), ApproveCommand.reject(plans, CHANGES))));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    static Reply run(Principal who, String line) {
        return dispatcher.run(who, "slack", line);
    }

    static Table table(Reply r, String key) {
        return r.tables().stream().filter(t -> t.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    @Order(1)
    void create_seedStory_rehearsalThenSsoThenMandible() {
        Reply r = run(ALICE, "plan create " + String.join(" ", ids) + " --window \"Sat 02:00-04:00 Europe/Berlin\"");
        assertThat(r.isError()).as("%s", r.error()).isFalse();
        assertThat(r.title()).startsWith("Plan 1 created");
        assertThat(table(r, "phases").rows()).extracting(row -> String.valueOf(row.get(1).raw()))
                .containsExactly("rehearsal", "sso-prod", "mandible-prod");
        assertThat(r.notes().get(0)).startsWith("Order: a rehearsal on forks").contains("mean connections");
        assertThat(AUDIT).extracting(AuditEvent::kind).containsExactly("plan.created");
    }

    @Test
    @Order(2)
    void show_rendersAsGolden() {
        Reply r = run(VIEWER, "plan show 1");
        assertThat(r.isError()).isFalse();
        Renderings.assertMatchGolden("plan-show", r);
    }

    @Test
    @Order(3)
    void approve_refusals_carryTheirCode() {
        assertThat(run(ALICE, "approve 1").error().message()).startsWith("refused (self_approval)");
        assertThat(run(VIEWER, "approve 1").error().message()).startsWith("refused (missing_role)");
        assertThat(run(ADMIN, "approve 1").error().message()).startsWith("refused (missing_role)");
        Reply token = dispatcher.runNamed(TOKEN, "mcp", "approve", java.util.Map.of("plan", "1"));
        assertThat(token.error().code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(token.error().message()).startsWith("refused (not_human)");
        assertThat(run(BOB, "approve 1@3").error().message()).startsWith("refused (stale_revision)");
    }

    @Test
    @Order(4)
    void approve_counts_andADoubleClickDoesNot() {
        Reply first = dispatcher.run(new CommandContext(BOB, "slack").withConversation(
                new ConversationRef("slack", "C0PLANS", Optional.of("1764500000.000100"))), List.of("approve", "1@1",
                "rehearsal", "first"));
        assertThat(first.isError()).as("%s", first.error()).isFalse();
        assertThat(ANNOUNCED).as("the plan's chat messages are told to follow").endsWith("plan:1");
        ANNOUNCED.clear();
        assertThat(first.summary()).contains("phase 1 (revision 1").contains("1 of 1: @bob").contains("is approved")
                .contains("Still open: phase 2: 0 of 1");
        // the same click again (a button carries its phase) counts once
        assertThat(run(BOB, "approve 1 --phase 1").error().message()).startsWith("refused (already_decided)")
                .contains("one person counts once");
        assertThat(ANNOUNCED).as("a refused click changes nothing to show").isEmpty();
        AuditEvent given = AUDIT.stream().filter(e -> e.kind().equals("approval.given")).findFirst().orElseThrow();
        assertThat(given.details()).containsEntry("platform", "slack").containsEntry("principal", "bob")
                .containsEntry("comment", "rehearsal first").containsEntry("message_link",
                        "slack:C0PLANS/1764500000.000100");
        Reply list = run(VIEWER, "plan list");
        assertThat(list.notes()).anyMatch(n -> n.startsWith("sso-prod is locked by plan 1"));
    }

    @Test
    @Order(5)
    void edit_voidsApprovals_andOldRevisionClicksAreStale() {
        Principal rafa = new Principal("rafa", "rafa", EnumSet.of(Role.VIEWER, Role.REQUESTER), true);
        assertThat(run(rafa, "plan edit 1 --window \"Sun 03:00-05:00 Europe/Berlin\"").error().message())
                .contains("only the requester");
        assertThat(run(BOB, "plan edit 1 --window \"Sun 03:00-05:00 Europe/Berlin\"").error().code())
                .isEqualTo(ErrorCode.FORBIDDEN);
        Reply edited = run(ALICE, "plan edit 1 --window \"Sun 03:00-05:00 Europe/Berlin\"");
        assertThat(edited.title()).isEqualTo("Plan 1 revised: revision 2");
        assertThat(edited.figures()).anyMatch(f -> f.key().equals("approvals") && "phase 1: 0 of 1".equals(f.value().raw()));
        assertThat(run(CAROL, "approve 1@1").error().message()).startsWith("refused (stale_revision)");
        assertThat(run(ALICE, "plan edit 1").error().message()).contains("needs --window or --phases");
    }

    @Test
    @Order(6)
    void reject_stopsThePlan() {
        assertThat(run(CAROL, "reject 1").error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        Reply no = run(CAROL, "reject 1 restore of mandible-prod takes too long");
        assertThat(no.isError()).isFalse();
        assertThat(no.summary()).contains("rejected by @carol").contains("stopped until it is revised");
        assertThat(run(BOB, "approve 1").error().message()).startsWith("refused (already_decided)");
    }

    @Test
    @Order(7)
    void releaseLockAndCancel_needTheirRoles() {
        assertThat(run(BOB, "plan release-lock sso-prod --reason stuck").error().code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(run(ADMIN, "plan release-lock sso-prod").error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(run(VIEWER, "plan create " + ids.get(0)).error().code()).isEqualTo(ErrorCode.FORBIDDEN);
        Reply cancelled = run(ADMIN, "plan cancel 1 --reason \"not this quarter\"");
        assertThat(cancelled.title()).isEqualTo("Plan 1 cancelled");
        assertThat(run(VIEWER, "plan list").summary()).startsWith("No open plans");
        assertThat(run(VIEWER, "plan list --all").tables().get(0).rows()).hasSize(1);
        assertThat(run(VIEWER, "plan show 99").error().code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(run(VIEWER, "plan show seven").error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
    }

    /** Keeps what the service appends. */
    static final class Recording implements AuditTrail {
        @Override
        public synchronized AuditEntry append(AuditEvent event) {
            AUDIT.add(event);
            return new AuditEntry(AUDIT.size(), CLOCK.instant(), event, "0".repeat(64), "0".repeat(64));
        }

        @Override
        public List<AuditEntry> entries(String subject) {
            return List.of();
        }

        @Override
        public AuditVerification verify() {
            return new AuditVerification(AUDIT.size(), Optional.empty(), "");
        }
    }
}
