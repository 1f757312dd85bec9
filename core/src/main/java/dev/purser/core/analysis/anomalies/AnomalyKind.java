package dev.purser.core.analysis.anomalies;

/** The shape of an anomaly. */
public enum AnomalyKind {
    /** One day (or a few) above the baseline, after which spend went back to normal. */
    SPIKE,
    /**
     * A lasting step up: the first day of the new level is reported, and the baseline then moves
     * to the new level so the days after it are not flagged one by one.
     */
    LEVEL_SHIFT
}
