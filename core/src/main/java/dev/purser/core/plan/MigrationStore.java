package dev.purser.core.plan;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where the states of running plans and their phases are kept. The store implements it.
 *
 * <p>Concurrency: {@link #move} runs its work with the plan's row locked, checks every move it
 * returns against {@link PlanTransitions} and writes them in one transaction, so two instances (a
 * scheduler and a person typing {@code migration pause}) are decided one after the other, and a
 * move the table refuses writes nothing.
 */
public interface MigrationStore {

    /** Every phase of the plan's current revision with its state, in order. */
    List<PhaseStatus> phases(Plan plan);

    /**
     * Runs {@code work} on the plan and its phases as stored, with the plan row locked.
     *
     * @throws dev.purser.core.error.PurserException NOT_FOUND for no such plan; BAD_ARGUMENT with
     *         the table's reason when a move is not allowed (nothing is written)
     */
    <T> Moved<T> move(long planId, Work<T> work);

    @FunctionalInterface
    interface Work<T> {
        Moves<T> apply(Plan plan, List<PhaseStatus> phases);
    }

    /**
     * What to write.
     *
     * @param result       handed back
     * @param plan         the plan's new state; null to leave it
     * @param phases       new states by phase number
     * @param reason       why, kept with each phase and in the audit trail
     * @param by           who (a principal, or {@code purser} for the scheduler)
     * @param releaseLocks whether the plan's resource locks end
     * @param at           when
     */
    record Moves<T>(T result, PlanState plan, Map<Integer, PlanState> phases, String reason, String by,
            boolean releaseLocks, Instant at) {
        public Moves {
            phases = Map.copyOf(phases);
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(at, "at");
        }
    }

    /** One move as written: phase 0 is the plan itself. */
    record Transition(int phase, PlanState from, PlanState to) {
        public PlanTransitions.Scope scope() {
            return phase == 0 ? PlanTransitions.Scope.PLAN : PlanTransitions.Scope.PHASE;
        }
    }

    /** What {@link #move} wrote, plan first then phases in order, and the plan as it is now. */
    record Moved<T>(T result, Plan plan, List<Transition> transitions) {
        public Moved {
            transitions = List.copyOf(transitions);
        }
    }
}
