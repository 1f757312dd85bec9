package dev.purser.core.plan;

import static dev.purser.core.plan.PlanState.APPROVED;
import static dev.purser.core.plan.PlanState.AWAITING_APPROVAL;
import static dev.purser.core.plan.PlanState.CANCELLED;
import static dev.purser.core.plan.PlanState.DONE;
import static dev.purser.core.plan.PlanState.FAILED;
import static dev.purser.core.plan.PlanState.PAUSED;
import static dev.purser.core.plan.PlanState.REJECTED;
import static dev.purser.core.plan.PlanState.ROLLED_BACK;
import static dev.purser.core.plan.PlanState.RUNNING;
import static dev.purser.core.plan.PlanState.SCHEDULED;
import static dev.purser.core.plan.PlanState.VERIFYING;

import dev.purser.core.error.PurserException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one transition table of running plans, for a plan and for each of its phases. Pure: it
 * decides, the store writes, the service audits.
 *
 * <p>A plan is proposed by being created, so "proposed" is its first stored state,
 * {@link PlanState#AWAITING_APPROVAL}. The lifecycle is then approved → scheduled → running →
 * verifying → done, or rolled back / failed / cancelled / paused. A plan goes back from verifying
 * to scheduled when a phase is done and another remains; a phase never does (it is done once).
 * Ended states (cancelled, done, rolled back, failed) have no way out. A running or verifying
 * plan cannot be paused or cancelled halfway through a change: it is rolled back instead, so no
 * resource is left between two sizes without a decision.
 */
public final class PlanTransitions {

    /** Whose state moves. */
    public enum Scope {
        PLAN, PHASE;

        public String word() {
            return this == PLAN ? "plan" : "phase";
        }
    }

    private static final Map<PlanState, Set<PlanState>> PLAN = new EnumMap<>(PlanState.class);
    private static final Map<PlanState, Set<PlanState>> PHASE = new EnumMap<>(PlanState.class);

    static {
        PLAN.put(AWAITING_APPROVAL, EnumSet.of(APPROVED, REJECTED, CANCELLED));
        PLAN.put(REJECTED, EnumSet.of(AWAITING_APPROVAL, CANCELLED));
        PLAN.put(APPROVED, EnumSet.of(AWAITING_APPROVAL, SCHEDULED, PAUSED, CANCELLED));
        PLAN.put(SCHEDULED, EnumSet.of(RUNNING, PAUSED, CANCELLED, ROLLED_BACK));
        PLAN.put(RUNNING, EnumSet.of(VERIFYING, PAUSED, ROLLED_BACK, FAILED));
        PLAN.put(VERIFYING, EnumSet.of(SCHEDULED, DONE, PAUSED, ROLLED_BACK, FAILED));
        PLAN.put(PAUSED, EnumSet.of(SCHEDULED, CANCELLED, ROLLED_BACK));
        for (PlanState s : EnumSet.of(CANCELLED, DONE, ROLLED_BACK, FAILED)) {
            PLAN.put(s, EnumSet.noneOf(PlanState.class));
        }

        PHASE.put(AWAITING_APPROVAL, EnumSet.of(APPROVED, CANCELLED));
        PHASE.put(REJECTED, EnumSet.noneOf(PlanState.class));
        PHASE.put(APPROVED, EnumSet.of(AWAITING_APPROVAL, SCHEDULED, CANCELLED));
        PHASE.put(SCHEDULED, EnumSet.of(RUNNING, PAUSED, CANCELLED));
        PHASE.put(RUNNING, EnumSet.of(VERIFYING, PAUSED, ROLLED_BACK, FAILED));
        PHASE.put(VERIFYING, EnumSet.of(DONE, PAUSED, ROLLED_BACK, FAILED));
        PHASE.put(PAUSED, EnumSet.of(SCHEDULED, CANCELLED, ROLLED_BACK));
        PHASE.put(DONE, EnumSet.of(ROLLED_BACK));
        for (PlanState s : EnumSet.of(CANCELLED, ROLLED_BACK, FAILED)) {
            PHASE.put(s, EnumSet.noneOf(PlanState.class));
        }
    }

    private PlanTransitions() {
    }

    /** Whether the table allows {@code from → to} for {@code scope}. */
    public static boolean allowed(Scope scope, PlanState from, PlanState to) {
        return refusal(scope, from, to).isEmpty();
    }

    /** The states {@code from} may move to. */
    public static Set<PlanState> next(Scope scope, PlanState from) {
        Set<PlanState> to = table(scope).get(from);
        return to.isEmpty() ? EnumSet.noneOf(PlanState.class) : EnumSet.copyOf(to);
    }

    /**
     * Why the table refuses {@code from → to}; empty when it allows it.
     */
    public static Optional<String> refusal(Scope scope, PlanState from, PlanState to) {
        if (table(scope).get(from).contains(to)) {
            return Optional.empty();
        }
        String why;
        if (from == to) {
            why = "it is already " + words(to);
        } else if (scope == Scope.PLAN && from.ended() || scope == Scope.PHASE && table(scope).get(from).isEmpty()) {
            why = words(from) + " is final";
        } else if ((from == RUNNING || from == VERIFYING) && to == CANCELLED) {
            why = "a change is in progress; it finishes or is rolled back, it is not abandoned halfway";
        } else if (to == RUNNING || to == VERIFYING || to == DONE) {
            why = "a " + scope.word() + " reaches " + words(to) + " only from "
                    + String.join(" or ", predecessors(scope, to).stream().map(PlanTransitions::words).toList());
        } else if (to == ROLLED_BACK) {
            why = "nothing has been changed yet to roll back; cancel it instead";
        } else if (to == PAUSED) {
            why = "only a scheduled or running " + scope.word() + " can be paused";
        } else {
            why = "allowed next: " + (table(scope).get(from).isEmpty() ? "nothing"
                    : String.join(", ", table(scope).get(from).stream().map(PlanTransitions::words).toList()));
        }
        return Optional.of("a " + scope.word() + " cannot go from " + words(from) + " to " + words(to) + ": " + why);
    }

    /**
     * @throws PurserException BAD_ARGUMENT with the reason when the table refuses the move
     */
    public static void check(Scope scope, PlanState from, PlanState to) {
        Optional<String> why = refusal(scope, from, to);
        if (why.isPresent()) {
            throw PurserException.badArgument(why.get());
        }
    }

    private static Set<PlanState> predecessors(Scope scope, PlanState to) {
        Set<PlanState> from = EnumSet.noneOf(PlanState.class);
        table(scope).forEach((f, tos) -> {
            if (tos.contains(to)) {
                from.add(f);
            }
        });
        return from;
    }

    private static Map<PlanState, Set<PlanState>> table(Scope scope) {
        return scope == Scope.PLAN ? PLAN : PHASE;
    }

    /** {@code awaiting approval}. */
    public static String words(PlanState s) {
        return s.word().replace('_', ' ');
    }
}
