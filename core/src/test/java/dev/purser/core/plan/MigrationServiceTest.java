package dev.purser.core.plan;

import static dev.purser.core.plan.PlanTesting.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.core.analysis.inventory.InventorySource;
import dev.purser.core.analysis.recommendations.RightsizingService;
import dev.purser.core.config.ApprovalPolicyConfig;
import dev.purser.core.config.ApprovalScope;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.store.JdbcMigrationStore;
import dev.purser.core.store.JdbcPlanStore;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Running-plan moves over the real stores (embedded PostgreSQL, V6 + V13) and a recording audit trail. */
class MigrationServiceTest {

    static PurserDatabase db;
    static InventorySource inventory;
    static RightsizingService rightsizing;
    static List<String> ids;

    PlanTesting.RecordingAuditTrail audit;
    PlanService plans;
    JdbcPlanStore planStore;
    JdbcMigrationStore store;
    List<String> reverted;
    MigrationService migration;

    final Signer alice = person("alice", "requester", "approver");
    final Signer bob = person("bob", "approver");
    final Signer viewer = person("vic", "viewer");
    final Signer admin = person("dana", "admin");

    @BeforeAll
    static void open() {
        db = TestDatabase.fresh();
        inventory = PlanTesting.mandible();
        rightsizing = PlanTesting.rightsizing(inventory);
        ids = PlanTesting.databaseIds(rightsizing);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void wipe() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE plan, plan_revision, plan_phase, plan_signoff, resource_lock, plan_phase_state "
                    + "RESTART IDENTITY CASCADE");
        }
        audit = new PlanTesting.RecordingAuditTrail();
        planStore = new JdbcPlanStore(db.dataSource());
        store = new JdbcMigrationStore(db.dataSource(), planStore);
        ApprovalPolicies policies = new ApprovalPolicies(List.of(
                new ApprovalPolicyConfig("*", 1, Set.of("approver"), List.of(), ApprovalScope.PER_PLAN,
                        Duration.ofDays(14))));
        PlanSettings settings = PlanSettings.defaults(ZoneOffset.UTC);
        plans = new PlanService(planStore, audit, new InventoryPlanInputs(rightsizing, inventory, settings.trafficWindow(),
                PlanTesting.CLOCK), settings, policies, PlanTesting.CLOCK);
        reverted = new ArrayList<>();
        migration = service((plan, phase) -> {
            reverted.add(phase.name());
            return "resized " + phase.name() + " back";
        });
    }

    MigrationService service(MigrationService.PhaseReverter reverter) {
        return new MigrationService(planStore, store, audit, PlanTesting.CLOCK, reverter);
    }

    long approved() {
        Plan plan = plans.create(ids, Optional.of("Sat 02:00-04:00 Europe/Berlin"), Optional.empty(), alice).plan();
        plans.approve(plan.id(), bob, Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), "ok");
        return plan.id();
    }

    long scheduled() {
        long id = approved();
        assertThat(migration.schedule(id, MigrationService.SCHEDULER)).isPresent();
        return id;
    }

    /** Runs phase {@code n} through running and verifying to done, as the scheduler would. */
    void runPhase(long id, int n, boolean last) {
        assertThat(migration.advance(id, n, PlanState.SCHEDULED, PlanState.RUNNING, PlanState.RUNNING, "window opened",
                "purser", Map.of())).isPresent();
        assertThat(migration.advance(id, n, PlanState.RUNNING, PlanState.VERIFYING, PlanState.VERIFYING, "applied",
                "purser", Map.of())).isPresent();
        assertThat(migration.advance(id, n, PlanState.VERIFYING, PlanState.DONE, last ? PlanState.DONE : PlanState.SCHEDULED,
                "soak passed", "purser", Map.of("cpu_p95", "41.2"))).isPresent();
    }

    List<PlanState> phaseStates(long id) {
        return migration.status(id).phases().stream().map(PhaseStatus::state).toList();
    }

    @Test
    void status_newPlan_phasesAwaitApproval_approvedPlan_phasesApproved() {
        Plan plan = plans.create(ids, Optional.empty(), Optional.empty(), alice).plan();
        assertThat(phaseStates(plan.id())).containsOnly(PlanState.AWAITING_APPROVAL).hasSize(3);
        plans.approve(plan.id(), bob, Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), "ok");
        MigrationService.Status s = migration.status(plan.id());
        assertThat(s.plan().state()).isEqualTo(PlanState.APPROVED);
        assertThat(s.phases()).extracting(PhaseStatus::name).containsExactly("rehearsal", "sso-prod", "mandible-prod");
        assertThat(s.phases()).extracting(PhaseStatus::state).containsOnly(PlanState.APPROVED);
        assertThat(s.current()).get().extracting(PhaseStatus::number).isEqualTo(1);
    }

    @Test
    void status_unknownPlan_notFound() {
        assertThatThrownBy(() -> migration.status(99)).isInstanceOfSatisfying(PurserException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void schedule_movesPlanAndPhases_once() {
        long id = approved();
        assertThat(migration.schedule(id, "purser")).get().extracting(s -> s.plan().state())
                .isEqualTo(PlanState.SCHEDULED);
        assertThat(migration.schedule(id, "purser")).isEmpty();
        assertThat(phaseStates(id)).containsOnly(PlanState.SCHEDULED);
        assertThat(audit.kinds()).containsSubsequence("plan.approved", "plan.scheduled", "phase.scheduled",
                "phase.scheduled", "phase.scheduled");
        assertThat(audit.last("phase.scheduled").details()).containsEntry("from", "approved").containsEntry("to", "scheduled")
                .containsEntry("phase", "3").containsEntry("phase_name", "mandible-prod");
    }

    @Test
    void pause_thenResume_movesPlanAndScheduledPhases_andAuditsEach() {
        long id = scheduled();
        MigrationService.Status paused = migration.pause(id, "freeze week", bob);
        assertThat(paused.plan().state()).isEqualTo(PlanState.PAUSED);
        assertThat(paused.phases()).extracting(PhaseStatus::state).containsOnly(PlanState.PAUSED);
        assertThat(paused.phases().get(0).reason()).isEqualTo("freeze week");
        assertThat(audit.last("plan.paused").details()).containsEntry("from", "scheduled").containsEntry("reason",
                "freeze week").containsEntry("platform", "slack");
        assertThat(audit.last("plan.paused").actor()).isEqualTo("bob");

        MigrationService.Status resumed = migration.resume(id, null, admin);
        assertThat(resumed.plan().state()).isEqualTo(PlanState.SCHEDULED);
        assertThat(resumed.phases()).extracting(PhaseStatus::state).containsOnly(PlanState.SCHEDULED);
        assertThat(audit.last("plan.scheduled").details()).containsEntry("from", "paused")
                .containsEntry("reason", "resumed by dana");
        assertThat(planStore.locks()).isNotEmpty();
    }

    @Test
    void pause_byViewer_forbidden_andNothingWritten() {
        long id = scheduled();
        int before = audit.entries.size();
        assertThatThrownBy(() -> migration.pause(id, "", viewer)).isInstanceOfSatisfying(PurserException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> migration.cancel(id, "", viewer)).isInstanceOfSatisfying(PurserException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThat(migration.status(id).plan().state()).isEqualTo(PlanState.SCHEDULED);
        assertThat(audit.entries).hasSize(before);
    }

    @Test
    void resume_notPaused_refusedWithTheTablesReason_andNothingWritten() {
        long id = scheduled();
        int before = audit.entries.size();
        assertThatThrownBy(() -> migration.resume(id, "", bob)).isInstanceOfSatisfying(PurserException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
            assertThat(e.getMessage()).isEqualTo("a plan cannot go from scheduled to scheduled: it is already scheduled");
        });
        assertThat(phaseStates(id)).containsOnly(PlanState.SCHEDULED);
        assertThat(audit.entries).hasSize(before);
    }

    @Test
    void applied_marksTheRunningPhasesChange_approverOnly_refusedWhenNothingRuns_orNoExecutors() {
        List<String> marked = new ArrayList<>();
        MigrationService withApplier = new MigrationService(planStore, store, audit, PlanTesting.CLOCK, null,
                (plan, phase, actor) -> {
                    marked.add(phase.name() + " by " + actor);
                    return phase.name();
                });
        long id = scheduled();

        assertThatThrownBy(() -> withApplier.applied(id, bob)).isInstanceOfSatisfying(PurserException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
            assertThat(e.getMessage()).contains("has no running phase").contains("phase 1, rehearsal, is scheduled");
        });
        migration.advance(id, 1, PlanState.SCHEDULED, PlanState.RUNNING, PlanState.RUNNING, "window opened", "purser",
                Map.of());
        assertThatThrownBy(() -> withApplier.applied(id, viewer)).isInstanceOfSatisfying(PurserException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> migration.applied(id, bob)).isInstanceOfSatisfying(PurserException.class,
                e -> assertThat(e.getMessage()).contains("no executors configured"));
        assertThat(marked).isEmpty();

        assertThat(withApplier.applied(id, bob).phases().get(0).state()).isEqualTo(PlanState.RUNNING);
        assertThat(marked).containsExactly("rehearsal by " + bob.principal());
    }

    @Test
    void applied_phaseVerifying_reachesTheApplier_forARollbackWaitingForAPerson() {
        List<String> marked = new ArrayList<>();
        MigrationService withApplier = new MigrationService(planStore, store, audit, PlanTesting.CLOCK, null,
                (plan, phase, actor) -> {
                    marked.add(phase.name() + " by " + actor);
                    return phase.name();
                });
        long id = scheduled();
        migration.advance(id, 1, PlanState.SCHEDULED, PlanState.RUNNING, PlanState.RUNNING, "window opened", "purser",
                Map.of());
        migration.advance(id, 1, PlanState.RUNNING, PlanState.VERIFYING, PlanState.VERIFYING, "applied", "purser",
                Map.of());

        withApplier.applied(id, bob);

        assertThat(marked).containsExactly("rehearsal by " + bob.principal());
    }

    @Test
    void pauseAndCancel_midChange_refused_andNothingWritten() {
        long id = scheduled();
        migration.advance(id, 1, PlanState.SCHEDULED, PlanState.RUNNING, PlanState.RUNNING, "window opened", "purser",
                Map.of());
        int before = audit.entries.size();
        for (var attempt : List.<Runnable>of(() -> migration.pause(id, "", bob), () -> migration.cancel(id, "", bob),
                () -> migration.rollback(id, "", admin))) {
            assertThatThrownBy(attempt::run).isInstanceOfSatisfying(PurserException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
                assertThat(e.getMessage()).contains("phase 1 (rehearsal) is running");
            });
        }
        assertThat(migration.status(id).plan().state()).isEqualTo(PlanState.RUNNING);
        assertThat(phaseStates(id)).containsExactly(PlanState.RUNNING, PlanState.SCHEDULED, PlanState.SCHEDULED);
        assertThat(audit.entries).hasSize(before);
    }

    @Test
    void advance_fromAnotherState_writesNothing_soAPhaseStartsOnce() {
        long id = scheduled();
        assertThat(migration.advance(id, 1, PlanState.SCHEDULED, PlanState.RUNNING, PlanState.RUNNING, "window opened",
                "purser", Map.of())).isPresent();
        assertThat(migration.advance(id, 1, PlanState.SCHEDULED, PlanState.RUNNING, PlanState.RUNNING, "window opened",
                "purser", Map.of())).isEmpty();
        assertThat(audit.kinds().stream().filter("phase.running"::equals)).hasSize(1);
    }

    @Test
    void advance_disallowedMove_refused() {
        long id = scheduled();
        assertThatThrownBy(() -> migration.advance(id, 2, PlanState.SCHEDULED, PlanState.DONE, null, "skip", "purser",
                Map.of())).isInstanceOfSatisfying(PurserException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("phase 2 (sso-prod): a phase cannot go from scheduled to done: a phase reaches done "
                                + "only from verifying"));
        assertThat(phaseStates(id)).containsOnly(PlanState.SCHEDULED);
    }

    @Test
    void wholeRun_endsDone_releasesLocks_andKeepsTheFigures() {
        long id = scheduled();
        runPhase(id, 1, false);
        runPhase(id, 2, false);
        runPhase(id, 3, true);
        MigrationService.Status s = migration.status(id);
        assertThat(s.plan().state()).isEqualTo(PlanState.DONE);
        assertThat(s.phases()).extracting(PhaseStatus::state).containsOnly(PlanState.DONE);
        assertThat(s.current()).isEmpty();
        assertThat(planStore.locks()).isEmpty();
        assertThat(audit.last("phase.done").details()).containsEntry("cpu_p95", "41.2").containsEntry("phase", "3");
        assertThat(audit.last("plan.done").details()).containsEntry("from", "verifying");
    }

    @Test
    void cancel_cancelsPhasesNotRun_keepsDoneOnes_andReleasesLocks() {
        long id = scheduled();
        runPhase(id, 1, false);
        MigrationService.Status s = migration.cancel(id, "budget moved", alice);
        assertThat(s.plan().state()).isEqualTo(PlanState.CANCELLED);
        assertThat(s.phases()).extracting(PhaseStatus::state).containsExactly(PlanState.DONE, PlanState.CANCELLED,
                PlanState.CANCELLED);
        assertThat(planStore.locks()).isEmpty();
        assertThatThrownBy(() -> migration.resume(id, "", bob)).isInstanceOfSatisfying(PurserException.class,
                e -> assertThat(e.getMessage()).endsWith("cancelled is final"));
    }

    @Test
    void rollback_undoesDonePhasesLastFirst_cancelsTheRest_andEndsRolledBack() {
        long id = scheduled();
        runPhase(id, 1, false);
        runPhase(id, 2, false);
        MigrationService.Status s = migration.rollback(id, "latency regression", admin);
        assertThat(reverted).containsExactly("sso-prod", "rehearsal");
        assertThat(s.plan().state()).isEqualTo(PlanState.ROLLED_BACK);
        assertThat(s.phases()).extracting(PhaseStatus::state).containsExactly(PlanState.ROLLED_BACK,
                PlanState.ROLLED_BACK, PlanState.CANCELLED);
        assertThat(s.phases().get(1).reason()).isEqualTo("latency regression; resized sso-prod back");
        assertThat(planStore.locks()).isEmpty();
        assertThat(audit.kinds()).containsSubsequence("plan.paused", "phase.rolled_back", "phase.rolled_back",
                "plan.rolled_back", "phase.cancelled");
    }

    @Test
    void rollback_notAdmin_forbidden_noExecutor_refused_nothingDone_refused() {
        long id = scheduled();
        assertThatThrownBy(() -> migration.rollback(id, "", bob)).isInstanceOfSatisfying(PurserException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> service(null).rollback(id, "", admin)).isInstanceOfSatisfying(PurserException.class,
                e -> assertThat(e.getMessage()).contains("no executors configured"));
        assertThatThrownBy(() -> migration.rollback(id, "", admin)).isInstanceOfSatisfying(PurserException.class,
                e -> assertThat(e.getMessage()).contains("has changed nothing yet"));
        assertThat(migration.status(id).plan().state()).isEqualTo(PlanState.SCHEDULED);
    }

    @Test
    void rollback_inverseFails_planStaysPaused_withWhatWasUndone() {
        long id = scheduled();
        runPhase(id, 1, false);
        runPhase(id, 2, false);
        MigrationService failing = service((plan, phase) -> {
            if (phase.name().equals("rehearsal")) {
                throw new PurserException(ErrorCode.EXTERNAL_API_ERROR, "DigitalOcean answered 422");
            }
            return "resized back";
        });
        assertThatThrownBy(() -> failing.rollback(id, "", admin)).isInstanceOfSatisfying(PurserException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR);
            assertThat(e.getMessage()).startsWith("undoing phase 1 (rehearsal) failed: DigitalOcean answered 422");
        });
        MigrationService.Status s = migration.status(id);
        assertThat(s.plan().state()).isEqualTo(PlanState.PAUSED);
        assertThat(s.phases()).extracting(PhaseStatus::state).containsExactly(PlanState.DONE, PlanState.ROLLED_BACK,
                PlanState.SCHEDULED);
    }
}
