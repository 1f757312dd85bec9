package dev.purser.core.plan;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one phase of a plan is in its run.
 *
 * @param number the phase's number, 1 for the first
 * @param name   the phase's name
 * @param state  where it is
 * @param reason why it moved there last (empty before its first move)
 * @param since  when it last moved; empty when it has not moved on its own yet
 */
public record PhaseStatus(int number, String name, PlanState state, String reason, Optional<Instant> since) {

    public PhaseStatus {
        if (number < 1) {
            throw new IllegalArgumentException("phase number must be at least 1: " + number);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(since, "since");
    }

    /**
     * The state of a phase that has not moved: a plan awaiting approval, rejected or cancelled
     * lends it that; any later plan state means the phase was approved with it.
     */
    public static PlanState unmoved(PlanState planState) {
        return switch (planState) {
            case AWAITING_APPROVAL, REJECTED -> PlanState.AWAITING_APPROVAL;
            case CANCELLED -> PlanState.CANCELLED;
            case APPROVED, SCHEDULED, RUNNING, VERIFYING, PAUSED, DONE, ROLLED_BACK, FAILED -> PlanState.APPROVED;
        };
    }
}
