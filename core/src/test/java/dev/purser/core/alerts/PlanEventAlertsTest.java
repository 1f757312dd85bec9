package dev.purser.core.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.analysis.catalog.PriceCatalogs;
import dev.purser.core.analysis.recommendations.RightsizingService;
import dev.purser.core.analysis.rightsizing.Recommendation;
import dev.purser.core.analysis.rightsizing.RecommendationKind;
import dev.purser.core.analysis.rightsizing.RightsizingEngine;
import dev.purser.core.analysis.rightsizing.RightsizingRules;
import dev.purser.core.config.AlertRouteConfig;
import dev.purser.core.demo.DemoScenarios;
import dev.purser.core.demo.Scenario;
import dev.purser.core.plan.ApprovalPolicies;
import dev.purser.core.plan.InventoryPlanInputs;
import dev.purser.core.plan.PlanService;
import dev.purser.core.plan.PlanSettings;
import dev.purser.core.plan.Signer;
import dev.purser.core.store.InventoryRepository;
import dev.purser.core.store.JdbcAlertLedger;
import dev.purser.core.store.JdbcAuditTrail;
import dev.purser.core.store.JdbcPlanStore;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A plan's change of state reaches the migration routes once; collecting sign-offs does not. */
class PlanEventAlertsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);

    private PurserDatabase db;
    private PlanService plans;
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private PlanEventAlerts listener;
    private List<String> ids;

    @BeforeEach
    void setUp() {
        db = TestDatabase.fresh();
        InventoryRepository inventory = new InventoryRepository(db.dataSource());
        Scenario mandible = DemoScenarios.generate("mandible", LocalDate.of(2026, 11, 22));
        inventory.replaceScenario(mandible.name(), mandible.inventory(), mandible.usage());
        RightsizingService rightsizing = new RightsizingService(inventory, new RightsizingEngine(PriceCatalogs.bundled(),
                RightsizingRules.defaults(), CLOCK), null, CLOCK);
        ids = rightsizing.recommendations("mandible").stream()
                .filter(r -> r.kind() == RecommendationKind.DATABASE_CLUSTER).map(Recommendation::id).toList();
        PlanSettings settings = PlanSettings.defaults(ZoneOffset.UTC);
        plans = new PlanService(new JdbcPlanStore(db.dataSource()), new JdbcAuditTrail(db.dataSource(), CLOCK),
                new InventoryPlanInputs(rightsizing, inventory, settings.trafficWindow(), CLOCK), settings,
                new ApprovalPolicies(List.of()), CLOCK);
        AlertService alerts = new AlertService(List.of(new AlertRouteConfig("migration", "*", "slack", "C0PLANS")),
                new JdbcAlertLedger(db.dataSource()), (route, message) -> sent.add(route.channel() + " " + message.title()
                        + " | " + String.join(" | ", message.lines()) + " | " + message.explain()), CLOCK);
        listener = new PlanEventAlerts(plans, alerts, Runnable::run);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static Signer signer(String who, String... roles) {
        return new Signer("slack", "U-" + who, who, who, Set.of(roles), true, Optional.empty());
    }

    @Test
    void aCancelledPlan_isAlertedOnce_andAPlanAwaitingApproval_isNot() {
        long id = plans.create(ids, Optional.empty(), Optional.empty(), signer("alice", "requester")).plan().id();

        listener.accept("plan:" + id);
        assertThat(sent).as("still collecting sign-offs").isEmpty();

        plans.cancel(id, "not this quarter", signer("alice", "requester"));
        listener.accept("plan:" + id);
        listener.accept("plan:" + id);
        listener.accept("budget:ignored");

        assertThat(sent).hasSize(1);
        assertThat(sent.get(0)).startsWith("C0PLANS Plan " + id + " cancelled: ")
                .contains("Approvals: ").contains("USD a month").contains("purser migration status " + id);
    }
}
