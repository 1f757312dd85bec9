package dev.purser.core.plan;

import java.util.Locale;

/**
 * Where a plan is in its life. This issue moves plans between the first four; the others belong
 * to running plans and are here so that locks and the store know them already.
 */
public enum PlanState {
    /** Proposed; approvals are being collected. */
    AWAITING_APPROVAL,
    /** The approvals its first phase needs are in; its resources are locked against other plans. */
    APPROVED,
    /** An eligible approver rejected it; it stays stopped until it is revised. */
    REJECTED,
    /** Withdrawn; its locks are gone. */
    CANCELLED,
    SCHEDULED,
    RUNNING,
    VERIFYING,
    PAUSED,
    DONE,
    ROLLED_BACK,
    FAILED;

    /** Whether the plan's resources are locked against other plans while it is in this state. */
    public boolean holdsLocks() {
        return switch (this) {
            case APPROVED, SCHEDULED, RUNNING, VERIFYING, PAUSED -> true;
            case AWAITING_APPROVAL, REJECTED, CANCELLED, DONE, ROLLED_BACK, FAILED -> false;
        };
    }

    /** Whether the plan has ended: no edit, approval or cancel applies to it any more. */
    public boolean ended() {
        return switch (this) {
            case CANCELLED, DONE, ROLLED_BACK, FAILED -> true;
            case AWAITING_APPROVAL, APPROVED, REJECTED, SCHEDULED, RUNNING, VERIFYING, PAUSED -> false;
        };
    }

    /** Whether editing may still make a new revision (not once it runs or has ended). */
    public boolean editable() {
        return switch (this) {
            case AWAITING_APPROVAL, APPROVED, REJECTED -> true;
            case CANCELLED, SCHEDULED, RUNNING, VERIFYING, PAUSED, DONE, ROLLED_BACK, FAILED -> false;
        };
    }

    /** {@code awaiting_approval}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PlanState ofWord(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
