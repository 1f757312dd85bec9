package dev.purser.core.analysis.anomalies;

/**
 * How far above its baseline a day must be, in robust standard deviations (a MAD-based z-score),
 * before it counts as an anomaly. Higher sensitivity flags smaller deviations.
 */
public enum Sensitivity {
    LOW(6.0),
    MEDIUM(4.5),
    HIGH(3.5);

    private final double threshold;

    Sensitivity(double threshold) {
        this.threshold = threshold;
    }

    /** The robust z-score a day must reach to be flagged. */
    public double threshold() {
        return threshold;
    }
}
