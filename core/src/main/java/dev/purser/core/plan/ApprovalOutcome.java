package dev.purser.core.plan;

import java.util.Objects;

/** What a click or a typed approve/reject came to: counted, or refused with the reason. */
public sealed interface ApprovalOutcome permits ApprovalOutcome.Accepted, ApprovalOutcome.Refused {

    /**
     * Counted.
     *
     * @param signOff   what is recorded
     * @param newState  the plan's state after it
     * @param takeLocks the plan has just become approved: its resources are to be locked
     * @param tally     the tally with it counted
     */
    record Accepted(SignOff signOff, PlanState newState, boolean takeLocks, Tally tally) implements ApprovalOutcome {
        public Accepted {
            Objects.requireNonNull(signOff, "signOff");
            Objects.requireNonNull(newState, "newState");
            Objects.requireNonNull(tally, "tally");
        }
    }

    /** Not counted; {@code message} says why, for the clicker. */
    record Refused(Refusal reason, String message) implements ApprovalOutcome {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }
}
