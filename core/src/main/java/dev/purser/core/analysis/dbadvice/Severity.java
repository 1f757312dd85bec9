package dev.purser.core.analysis.dbadvice;

/** How urgently a finding wants attention, most urgent first. */
public enum Severity {
    /** Hurting now: act soon. */
    CRITICAL,
    /** Costs money or performance: worth a change. */
    WARNING,
    /** Context and healthy figures. */
    INFO
}
