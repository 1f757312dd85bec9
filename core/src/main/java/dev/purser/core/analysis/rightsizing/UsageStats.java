package dev.purser.core.analysis.rightsizing;

import java.time.Duration;
import java.util.Objects;

/**
 * Distribution and coverage of one metric over the analysis window, in the metric's normalised
 * unit (cores for CPU, bytes for memory, count for connections).
 *
 * @param sampleCount    samples inside the window
 * @param missingSamples samples missing from the step grid between the first and last sample
 * @param gapCount       runs of missing samples
 * @param longestGap     the longest run, as time
 * @param coveredDays    days between the first and the last sample
 */
public record UsageStats(
        String metric,
        String unit,
        double p50,
        double p95,
        double p99,
        double max,
        double mean,
        int sampleCount,
        int missingSamples,
        int gapCount,
        Duration longestGap,
        double coveredDays) {

    public UsageStats {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(longestGap, "longestGap");
        if (sampleCount < 0) {
            throw new IllegalArgumentException("sampleCount must not be negative: " + sampleCount);
        }
    }

    /** Missing samples as a share of the grid between the first and last sample (0..1). */
    public double gapFraction() {
        int grid = sampleCount + missingSamples;
        return grid == 0 ? 0.0 : (double) missingSamples / grid;
    }
}
