package dev.purser.core.analysis.rightsizing;

/** The shape of a resource's usage over the window. */
public enum WorkloadPattern {
    /** No usage data at all: nothing is known, which is not the same as idle. */
    UNKNOWN,
    /** Barely used: a candidate for removal rather than a smaller size. */
    IDLE,
    /** Flat around its mean. */
    STEADY,
    /** A daily or weekly cycle (strong autocorrelation at a 24 h or 7 d lag). */
    PERIODIC,
    /** Short peaks far above the median. */
    BURSTY,
    /** A sustained linear rise or fall; sized for its projection. */
    TRENDING
}
