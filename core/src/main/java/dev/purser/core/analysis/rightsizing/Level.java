package dev.purser.core.analysis.rightsizing;

/** A three-step scale for risk, effort and confidence. */
public enum Level {
    LOW,
    MEDIUM,
    HIGH;

    /** The higher of two levels. */
    public Level max(Level other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /** The lower of two levels. */
    public Level min(Level other) {
        return compareTo(other) <= 0 ? this : other;
    }
}
