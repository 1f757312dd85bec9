package dev.purser.core.plan;

import static dev.purser.core.plan.PlanTesting.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.core.analysis.inventory.InventorySource;
import dev.purser.core.analysis.recommendations.RightsizingService;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Money;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seed story: mandible's two clusters, rehearsal first, then by measured traffic. */
class PlanBuilderTest {

    static InventorySource inventory;
    static RightsizingService rightsizing;
    static List<String> ids;
    static List<PhaseTarget> targets;
    static final MaintenanceWindow BERLIN = MaintenanceWindow.parse("Sat 02:00-04:00 Europe/Berlin", ZoneOffset.UTC);
    final PlanBuilder builder = new PlanBuilder(PlanSettings.defaults(ZoneOffset.UTC));

    @BeforeAll
    static void load() {
        inventory = PlanTesting.mandible();
        rightsizing = PlanTesting.rightsizing(inventory);
        ids = PlanTesting.databaseIds(rightsizing);
        targets = new PlanBuilder(PlanSettings.defaults(ZoneOffset.UTC)).targets(
                new InventoryPlanInputs(rightsizing, inventory, Duration.ofDays(30), PlanTesting.CLOCK).candidates(ids));
    }

    @Test
    void mandibleDatabases_rehearsalThenSsoProdThenMandibleProd() {
        PlanContent plan = builder.content(targets, ids, BERLIN, Optional.empty(), NOW);

        assertThat(plan.phases()).extracting(Phase::name).containsExactly("rehearsal", "sso-prod", "mandible-prod");
        Phase rehearsal = plan.phases().get(0);
        assertThat(rehearsal.rehearsal()).isTrue();
        assertThat(rehearsal.targets()).extracting(PhaseTarget::label)
                .containsExactly("sso-prod (rehearsal fork)", "mandible-prod (rehearsal fork)");
        assertThat(rehearsal.targets()).allSatisfy(t -> {
            assertThat(t.change().executor()).isEqualTo("digitalocean.database.rehearsal");
            assertThat(t.monthlySaving()).isEmpty();
        });
        assertThat(rehearsal.soak()).isEqualTo(Duration.ofHours(1));
        assertThat(plan.phases().get(1).tier()).isEqualTo("production");
        assertThat(plan.phases().get(1).soak()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void order_isByMeanConnections_andSaysSo() {
        PlanContent plan = builder.content(targets, ids, BERLIN, Optional.empty(), NOW);
        Traffic sso = plan.phases().get(1).targets().get(0).traffic().orElseThrow();
        Traffic main = plan.phases().get(2).targets().get(0).traffic().orElseThrow();
        assertThat(sso.metric()).isEqualTo("connections");
        assertThat(sso.mean()).isLessThan(main.mean());
        assertThat(plan.orderedBy()).contains("mean connections over the last 30d")
                .contains("sso-prod " + sso.mean().toPlainString()).contains("mandible-prod " + main.mean().toPlainString())
                .contains("rehearsal");
    }

    @Test
    void windows_areSuccessiveSaturdaysAfterEachSoak() {
        PlanContent plan = builder.content(targets, ids, BERLIN, Optional.empty(), NOW);
        assertThat(plan.phases()).extracting(p -> p.window().start()).containsExactly(
                Instant.parse("2026-11-28T01:00:00Z"), Instant.parse("2026-12-05T01:00:00Z"),
                Instant.parse("2026-12-12T01:00:00Z"));
        assertThat(plan.phases().get(1).window().label()).isEqualTo("Sat 2026-12-05 02:00-04:00 Europe/Berlin");
    }

    @Test
    void eachPhase_hasChecksTriggersAndInverseRollback() {
        PlanContent plan = builder.content(targets, ids, BERLIN, Optional.empty(), NOW);
        Phase sso = plan.phases().get(1);
        assertThat(sso.preChecks()).extracting(PreCheck::kind).containsExactly(PreCheck.Kind.BACKUP_NEWER_THAN,
                PreCheck.Kind.METRICS_IN_BAND, PreCheck.Kind.NO_OTHER_PLAN_LOCK);
        assertThat(sso.preChecks().get(0).label()).isEqualTo("backup newer than 1d");
        assertThat(sso.triggers()).extracting(Trigger::canonical).containsExactly(
                "cpu_percent above 80 for PT5M", "memory_percent above 90 for PT5M",
                "query_p95_ms above 1.5x baseline for PT10M", "connection_errors above 5 for PT5M");
        PhaseTarget t = sso.targets().get(0);
        assertThat(t.change().executor()).isEqualTo("digitalocean.database.resize");
        assertThat(t.change().change().from().nodes().getAsInt()).isEqualTo(2);
        assertThat(t.change().change().to().nodes().getAsInt()).isEqualTo(1);
        assertThat(t.change().parameters()).containsEntry("nodes", "1").containsEntry("size", "db-s-1vcpu-2gb");
        assertThat(t.rollback().change().to()).isEqualTo(t.change().change().from());
        assertThat(t.decisionMatrix()).isPresent();
    }

    @Test
    void savings_areTheProductionPhasesSum() {
        PlanContent plan = builder.content(targets, ids, BERLIN, Optional.empty(), NOW);
        Money sso = plan.phases().get(1).monthlySaving().orElseThrow();
        Money main = plan.phases().get(2).monthlySaving().orElseThrow();
        assertThat(plan.phases().get(0).monthlySaving()).isEmpty();
        assertThat(plan.monthlySaving()).contains(sso.plus(main));
        assertThat(sso.amount()).isPositive();
    }

    @Test
    void phasesOption_groupsAsGiven() {
        PlanContent plan = builder.content(targets, ids, BERLIN, Optional.of("sso-prod+mandible-prod"), NOW);
        assertThat(plan.phases()).hasSize(1);
        assertThat(plan.phases().get(0).name()).isEqualTo("sso-prod+mandible-prod");
        assertThat(plan.orderedBy()).isEqualTo("as given by --phases sso-prod+mandible-prod");
        assertThat(builder.content(targets, ids, BERLIN, Optional.of("mandible-prod, rehearsal, sso-prod"), NOW)
                .phases()).extracting(Phase::name).containsExactly("mandible-prod", "rehearsal", "sso-prod");
    }

    @Test
    void phasesOption_unknownMissingOrTwice_isABadArgument() {
        assertThatThrownBy(() -> builder.content(targets, ids, BERLIN, Optional.of("sso-prod,billing-prod"), NOW))
                .hasMessageContaining("'billing-prod', which is not a target")
                .extracting(e -> ((PurserException) e).code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThatThrownBy(() -> builder.content(targets, ids, BERLIN, Optional.of("sso-prod"), NOW))
                .hasMessageContaining("leaves out mandible-prod");
        assertThatThrownBy(() -> builder.content(targets, ids, BERLIN, Optional.of("sso-prod,sso-prod+mandible-prod"),
                NOW)).hasMessageContaining("names sso-prod twice");
    }

    @Test
    void nonProductionTargets_goFirst() {
        PlanBuilder staging = new PlanBuilder(PlanSettings.defaults(ZoneOffset.UTC).withTiers(Map.of("mandible-prod",
                "staging")));
        List<PhaseTarget> t = staging.targets(new InventoryPlanInputs(rightsizing, inventory, Duration.ofDays(30),
                PlanTesting.CLOCK).candidates(ids));
        PlanContent plan = staging.content(t, ids, BERLIN, Optional.empty(), NOW);
        assertThat(plan.phases()).extracting(Phase::name).containsExactly("mandible-prod", "rehearsal", "sso-prod");
        assertThat(plan.phases().get(0).tier()).isEqualTo("staging");
    }

    @Test
    void inputs_unknownOrMalformedId_isRefused() {
        InventoryPlanInputs inputs = new InventoryPlanInputs(rightsizing, inventory, Duration.ofDays(30),
                PlanTesting.CLOCK);
        assertThatThrownBy(() -> inputs.candidates(List.of("rs-0000000000")))
                .extracting(e -> ((PurserException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThatThrownBy(() -> inputs.candidates(List.of("sp-1")))
                .hasMessageContaining("not a right-sizing recommendation id");
    }
}
