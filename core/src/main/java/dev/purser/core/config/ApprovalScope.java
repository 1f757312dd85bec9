package dev.purser.core.config;

/** What one approval covers. */
public enum ApprovalScope {
    /** Each phase of a plan needs its own approvals before it runs. */
    PER_PHASE,
    /** Approvals of the plan cover all its phases. */
    PER_PLAN
}
