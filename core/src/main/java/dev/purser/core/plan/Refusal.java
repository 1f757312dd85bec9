package dev.purser.core.plan;

import java.util.Locale;

/** Why a click or a typed approve/reject was not counted; a face shows it to the clicker alone. */
public enum Refusal {
    /** The requester tried to sign their own plan. */
    SELF_APPROVAL,
    /** The signer holds none of the policy's roles and is not one of its named users. */
    MISSING_ROLE,
    /** An AI assistant or other automation without the right to approve. */
    NOT_HUMAN,
    /** The click was for an older revision (its hash no longer matches the plan). */
    STALE_REVISION,
    /** The window the approval would be for has passed. */
    EXPIRED,
    /** The signer already decided, the decision is already complete, or the plan is closed. */
    ALREADY_DECIDED,
    /** A resource of the plan is locked by another approved or running plan. */
    RESOURCE_LOCKED;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
