package dev.purser.core.analysis.rightsizing;

import java.util.List;
import java.util.Objects;

/**
 * How the workload pattern was decided, with the figures behind it.
 *
 * @param dailyAutocorrelation  autocorrelation of hourly means at a 24 h lag (NaN when not computable)
 * @param weeklyAutocorrelation autocorrelation of hourly means at a 7 d lag (NaN when not computable)
 * @param coefficientOfVariation standard deviation over mean of the samples
 * @param slopePerDay           the linear trend of daily means, in the metric's unit per day
 * @param trendRSquared         goodness of that fit (0..1)
 * @param projected             the trend's value {@code horizonDays} after the window's end
 *                              (NaN when no trend was fitted)
 * @param growthFactor          projected over the fitted value at the window's end, at least 1;
 *                              the factor sizing applies to a rising trend
 */
public record PatternAnalysis(
        WorkloadPattern pattern,
        List<String> reasons,
        double dailyAutocorrelation,
        double weeklyAutocorrelation,
        double coefficientOfVariation,
        double slopePerDay,
        double trendRSquared,
        double projected,
        int horizonDays,
        double growthFactor) {

    public PatternAnalysis {
        Objects.requireNonNull(pattern, "pattern");
        reasons = List.copyOf(reasons);
        if (!(growthFactor >= 1.0)) {
            throw new IllegalArgumentException("growthFactor must be at least 1: " + growthFactor);
        }
    }

    static PatternAnalysis unknown(String reason) {
        return new PatternAnalysis(WorkloadPattern.UNKNOWN, List.of(reason), Double.NaN, Double.NaN, Double.NaN,
                0.0, 0.0, Double.NaN, 0, 1.0);
    }
}
