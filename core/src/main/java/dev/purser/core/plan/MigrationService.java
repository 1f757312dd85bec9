package dev.purser.core.plan;

import dev.purser.core.audit.AuditEvent;
import dev.purser.core.audit.AuditTrail;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Running plans: where a plan and its phases are, and the moves people make on them (pause,
 * resume, cancel, roll back) or the scheduler makes (a phase starts, verifies, is done, fails).
 *
 * <p>Every move is checked against {@link PlanTransitions} by the store inside the plan's row lock
 * and, once committed, appended to the {@link AuditTrail} (kind {@code plan.<state>} or
 * {@code phase.<state>}, subject {@code plan:<id>}, with from, to, the reason and the figures that
 * decided it), so the trail holds every transition that happened and none that was refused.
 *
 * <p>Who may: status anyone who may read plans; pause, resume and cancel an approver or an admin
 * (the people who let the plan run may hold it); roll back an admin only, since it changes
 * resources again outside the plan's approved order.
 */
public final class MigrationService {

    /** The actor the scheduler's moves are recorded under. */
    public static final String SCHEDULER = "purser";

    /**
     * Undoes a phase that changed resources: the inverse change, through the phase's executor.
     * The composition root provides it where executors are configured.
     */
    @FunctionalInterface
    public interface PhaseReverter {
        /**
         * @return what was done, for the reply and the audit trail
         * @throws PurserException when the inverse change could not be made
         */
        String revert(Plan plan, Phase phase);
    }

    /**
     * Records that a person made a change Purser wrote but does not make itself (a GitOps file
     * applied and redeployed), so the phase waiting for it goes on to its soak.
     */
    @FunctionalInterface
    public interface PhaseApplier {
        /**
         * @return what was marked, for the reply
         * @throws PurserException when the phase has no change waiting for a person
         */
        String markApplied(Plan plan, Phase phase, String actor);
    }

    /** A plan and its phases as they stand. */
    public record Status(Plan plan, List<PhaseStatus> phases) {
        public Status {
            Objects.requireNonNull(plan, "plan");
            phases = List.copyOf(phases);
        }

        /** The phase that is moving or next to move: the first not done; empty when all ended. */
        public Optional<PhaseStatus> current() {
            return phases.stream().filter(p -> p.state() != PlanState.DONE && p.state() != PlanState.CANCELLED
                    && p.state() != PlanState.ROLLED_BACK && p.state() != PlanState.FAILED).findFirst();
        }
    }

    private final PlanStore plans;
    private final MigrationStore store;
    private final AuditTrail audit;
    private final Clock clock;
    private final PhaseReverter reverter;
    private final PhaseApplier applier;

    /** @param reverter how phases are undone; null where no executor is configured (rollback is then refused) */
    public MigrationService(PlanStore plans, MigrationStore store, AuditTrail audit, Clock clock, PhaseReverter reverter) {
        this(plans, store, audit, clock, reverter, null);
    }

    /** @param applier how a person's applied GitOps change is recorded; null where none is configured */
    public MigrationService(PlanStore plans, MigrationStore store, AuditTrail audit, Clock clock, PhaseReverter reverter,
            PhaseApplier applier) {
        this.plans = Objects.requireNonNull(plans, "plans");
        this.store = Objects.requireNonNull(store, "store");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reverter = reverter;
        this.applier = applier;
    }

    /** @throws PurserException NOT_FOUND when there is no such plan */
    public Status status(long id) {
        Plan plan = plans.find(id).orElseThrow(() -> new PurserException(ErrorCode.NOT_FOUND, "there is no plan " + id));
        return new Status(plan, store.phases(plan));
    }

    /**
     * Holds an approved or scheduled plan: no phase starts until it is resumed.
     *
     * @throws PurserException FORBIDDEN without the approver or admin role; BAD_ARGUMENT when the
     *         plan is mid-change or the table refuses
     */
    public Status pause(long id, String reason, Signer by) {
        requireAny(by, "pause", "approver", "admin");
        String why = reason(reason, "paused by " + by.displayName());
        return apply(id, by, why, (plan, phases) -> {
            refuseMidChange(plan, phases, "paused");
            Map<Integer, PlanState> moves = new LinkedHashMap<>();
            phases.stream().filter(p -> p.state() == PlanState.SCHEDULED).forEach(p -> moves.put(p.number(), PlanState.PAUSED));
            return moves(PlanState.PAUSED, moves, why, by, false);
        });
    }

    /**
     * Lets a paused plan run again: it and its paused phases are scheduled for their windows.
     *
     * @throws PurserException FORBIDDEN without the approver or admin role; BAD_ARGUMENT unless paused
     */
    public Status resume(long id, String reason, Signer by) {
        requireAny(by, "resume", "approver", "admin");
        String why = reason(reason, "resumed by " + by.displayName());
        return apply(id, by, why, (plan, phases) -> {
            Map<Integer, PlanState> moves = new LinkedHashMap<>();
            phases.stream().filter(p -> p.state() == PlanState.PAUSED).forEach(p -> moves.put(p.number(), PlanState.SCHEDULED));
            return moves(PlanState.SCHEDULED, moves, why, by, false);
        });
    }

    /**
     * Stops a plan for good: phases not yet run are cancelled, phases done stay done (their change
     * stays made), and the plan's locks end.
     *
     * @throws PurserException FORBIDDEN without the approver or admin role; BAD_ARGUMENT when the
     *         plan is mid-change or has ended
     */
    public Status cancel(long id, String reason, Signer by) {
        requireAny(by, "cancel", "approver", "admin");
        String why = reason(reason, "cancelled by " + by.displayName());
        return apply(id, by, why, (plan, phases) -> {
            refuseMidChange(plan, phases, "cancelled");
            Map<Integer, PlanState> moves = new LinkedHashMap<>();
            phases.stream().filter(p -> PlanTransitions.allowed(PlanTransitions.Scope.PHASE, p.state(), PlanState.CANCELLED))
                    .forEach(p -> moves.put(p.number(), PlanState.CANCELLED));
            return moves(PlanState.CANCELLED, moves, why, by, true);
        });
    }

    /**
     * Undoes every phase that is done, last first, through the {@link PhaseReverter}; the plan ends
     * rolled back, its phases not yet run are cancelled and its locks end. The plan is paused first
     * so no phase starts meanwhile; if an inverse change fails it stays paused, with the phases
     * undone so far marked rolled back, and the error says which.
     *
     * @throws PurserException FORBIDDEN unless admin; BAD_ARGUMENT when no executor is configured,
     *         nothing has been changed, the plan is mid-change or has ended
     */
    public Status rollback(long id, String reason, Signer by) {
        if (!by.has("admin")) {
            throw new PurserException(ErrorCode.FORBIDDEN, "rolling a plan back needs the admin role, which "
                    + by.displayName() + " does not have");
        }
        if (reverter == null) {
            throw PurserException.badArgument("this Purser has no executors configured to undo a phase; nothing was "
                    + "changed");
        }
        String why = reason(reason, "rolled back by " + by.displayName());
        Status before = status(id);
        List<PhaseStatus> done = before.phases().stream().filter(p -> p.state() == PlanState.DONE).toList();
        if (done.isEmpty() && !before.plan().state().ended()) {
            refuseMidChange(before.plan(), before.phases(), "rolled back");
            throw PurserException.badArgument("plan " + id + " has changed nothing yet (no phase is done): cancel it "
                    + "instead");
        }
        if (before.plan().state() != PlanState.PAUSED) {
            apply(id, by, "rolling back: " + why, (plan, phases) -> {
                refuseMidChange(plan, phases, "rolled back");
                return moves(PlanState.PAUSED, Map.of(), "rolling back: " + why, by, false);
            });
        }
        List<PhaseStatus> reversed = new ArrayList<>(done);
        java.util.Collections.reverse(reversed);
        for (PhaseStatus p : reversed) {
            Phase phase = before.plan().content().phases().get(p.number() - 1);
            String what;
            try {
                what = reverter.revert(before.plan(), phase);
            } catch (PurserException e) {
                throw new PurserException(e.code(), "undoing phase " + p.number() + " (" + p.name() + ") failed: "
                        + e.getMessage() + "; plan " + id + " stays paused", e);
            }
            String undone = why + "; " + what;
            apply(id, by, undone, (plan, phases) -> moves(null, Map.of(p.number(), PlanState.ROLLED_BACK), undone, by,
                    false));
        }
        return apply(id, by, why, (plan, phases) -> {
            Map<Integer, PlanState> moves = new LinkedHashMap<>();
            phases.stream().filter(p -> PlanTransitions.allowed(PlanTransitions.Scope.PHASE, p.state(), PlanState.CANCELLED))
                    .forEach(p -> moves.put(p.number(), PlanState.CANCELLED));
            return moves(PlanState.ROLLED_BACK, moves, why, by, true);
        });
    }

    /**
     * Records that a person applied the change the running phase wrote for them (the patched
     * compose file or Kubernetes manifest): the phase, polling for it, goes on to its soak. A phase
     * soaking (verifying) whose trigger fired waits the same way for its rollback, the inverse file,
     * to be applied. The executor appends the {@code executor.gitops.applied} entry to the audit trail.
     *
     * @return the plan as it stands, and what was marked
     * @throws PurserException FORBIDDEN without the approver or admin role; BAD_ARGUMENT when no
     *         phase is running or verifying, or its change does not wait for a person
     */
    public Status applied(long id, Signer by) {
        requireAny(by, "applied", "approver", "admin");
        if (applier == null) {
            throw PurserException.badArgument("this Purser has no executors configured; nothing waits to be marked "
                    + "applied");
        }
        Status s = status(id);
        PhaseStatus running = s.phases().stream()
                .filter(p -> p.state() == PlanState.RUNNING || p.state() == PlanState.VERIFYING).findFirst()
                .orElseThrow(() -> PurserException.badArgument("plan " + id + " has no running phase waiting for a "
                        + "change to be applied" + s.current().map(c -> " (phase " + c.number() + ", " + c.name()
                                + ", is " + PlanTransitions.words(c.state()) + ")").orElse("")));
        applier.markApplied(s.plan(), s.plan().content().phases().get(running.number() - 1), by.principal());
        return status(id);
    }

    /**
     * Puts an approved plan on the schedule: it and its approved phases wait for their windows.
     * Returns empty, writing nothing, when the plan is not approved (already scheduled by another
     * instance, paused, or ended).
     */
    public Optional<Status> schedule(long id, String actor) {
        Signer scheduler = schedulerSigner(actor);
        String why = "approved; phases wait for their windows";
        MigrationStore.Moved<Boolean> moved = store.move(id, (plan, phases) -> {
            if (plan.state() != PlanState.APPROVED) {
                return new MigrationStore.Moves<>(false, null, Map.of(), why, actor, false, clock.instant());
            }
            Map<Integer, PlanState> moves = new LinkedHashMap<>();
            phases.stream().filter(p -> p.state() == PlanState.APPROVED).forEach(p -> moves.put(p.number(), PlanState.SCHEDULED));
            return new MigrationStore.Moves<>(true, PlanState.SCHEDULED, moves, why, actor, false, clock.instant());
        });
        if (!moved.result()) {
            return Optional.empty();
        }
        record(moved, why, scheduler, Map.of());
        return Optional.of(new Status(moved.plan(), store.phases(moved.plan())));
    }

    /**
     * Moves one phase, and the plan with it, when the phase is where the caller expects (when the
     * plan ends by it, its phases not yet run are cancelled in the same move); the
     * scheduler's and executors' way in. Returns empty, writing nothing, when the phase is
     * elsewhere (another instance moved it first, or a person paused or cancelled the plan).
     *
     * @param planTo  the plan's new state; null to leave it
     * @param figures the numbers that decided the move, kept in the audit entry
     */
    public Optional<Status> advance(long id, int phase, PlanState expected, PlanState to, PlanState planTo,
            String reason, String actor, Map<String, String> figures) {
        Signer scheduler = schedulerSigner(actor);
        MigrationStore.Moved<Boolean> moved = store.move(id, (plan, phases) -> {
            PhaseStatus p = phases.stream().filter(s -> s.number() == phase).findFirst()
                    .orElseThrow(() -> PurserException.badArgument("plan " + id + " has no phase " + phase));
            if (p.state() != expected) {
                return new MigrationStore.Moves<>(false, null, Map.of(), reason, actor, false, clock.instant());
            }
            Map<Integer, PlanState> moves = new LinkedHashMap<>();
            moves.put(phase, to);
            if (planTo != null && planTo.ended()) {
                // the plan stops here: phases that have not run never will
                phases.stream().filter(s -> s.number() != phase)
                        .filter(s -> PlanTransitions.allowed(PlanTransitions.Scope.PHASE, s.state(), PlanState.CANCELLED))
                        .forEach(s -> moves.put(s.number(), PlanState.CANCELLED));
            }
            return new MigrationStore.Moves<>(true, planTo == plan.state() ? null : planTo, moves, reason,
                    actor, planTo != null && !planTo.holdsLocks(), clock.instant());
        });
        if (!moved.result()) {
            return Optional.empty();
        }
        record(moved, reason, scheduler, figures);
        return Optional.of(new Status(moved.plan(), store.phases(moved.plan())));
    }

    /** Runs {@code work} (which gives {@code reason} to its moves) in the store and audits what it moved. */
    private Status apply(long id, Signer by, String reason, MigrationStore.Work<Void> work) {
        MigrationStore.Moved<Void> moved = store.move(id, work);
        record(moved, reason, by, Map.of());
        return new Status(moved.plan(), store.phases(moved.plan()));
    }

    private MigrationStore.Moves<Void> moves(PlanState plan, Map<Integer, PlanState> phases, String reason, Signer by,
            boolean releaseLocks) {
        return new MigrationStore.Moves<>(null, plan, phases, reason, by.principal(), releaseLocks, clock.instant());
    }

    private void record(MigrationStore.Moved<?> moved, String why, Signer by, Map<String, String> figures) {
        Plan plan = moved.plan();
        for (MigrationStore.Transition t : moved.transitions()) {
            Map<String, String> d = new LinkedHashMap<>(figures);
            d.put("from", t.from().word());
            d.put("to", t.to().word());
            d.put("reason", why);
            d.put("revision", String.valueOf(plan.revision()));
            d.put("hash", plan.hash());
            d.put("platform", by.platform());
            if (t.phase() > 0) {
                d.put("phase", String.valueOf(t.phase()));
                d.put("phase_name", plan.content().phases().get(t.phase() - 1).name());
            }
            audit.append(AuditEvent.of(t.scope().word() + "." + t.to().word(), plan.subject(), by.principal(), d));
        }
    }

    private static Signer schedulerSigner(String actor) {
        return new Signer("scheduler", actor, actor, actor, java.util.Set.of(), false, Optional.empty());
    }

    private static void refuseMidChange(Plan plan, List<PhaseStatus> phases, String what) {
        if (plan.state() == PlanState.RUNNING || plan.state() == PlanState.VERIFYING) {
            String phase = phases.stream().filter(p -> p.state() == PlanState.RUNNING || p.state() == PlanState.VERIFYING)
                    .findFirst().map(p -> "phase " + p.number() + " (" + p.name() + ") is " + PlanTransitions.words(p.state()))
                    .orElse("a phase is " + PlanTransitions.words(plan.state()));
            throw PurserException.badArgument("plan " + plan.id() + " cannot be " + what + " now: " + phase
                    + "; a change is not abandoned halfway. It rolls itself back if a trigger fires during its soak; "
                    + "wait for it to finish");
        }
    }

    private static void requireAny(Signer by, String what, String... roles) {
        for (String r : roles) {
            if (by.has(r)) {
                return;
            }
        }
        throw new PurserException(ErrorCode.FORBIDDEN, "migration " + what + " needs the " + String.join(" or ", roles)
                + " role, which " + by.displayName() + " does not have");
    }

    private static String reason(String given, String otherwise) {
        return given == null || given.isBlank() ? otherwise : given.strip();
    }
}
