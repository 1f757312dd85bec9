package dev.purser.core.analysis.commitments;

import java.util.List;
import java.util.Objects;

/**
 * How commitments are judged. Defaults ({@link #defaults()}): 60 days of bill ending yesterday,
 * the steady baseline is the 10th percentile of hourly eligible on-demand spend, at least 14 days
 * of data (fewer lowers confidence and says so), the Compute Savings Plan options of
 * {@link CommitmentOption#computeSavingsPlanDefaults()}, and the 1-year no-upfront plan as the
 * one proposed (no money paid ahead, the lowest risk if usage falls).
 *
 * @param windowDays         days of bill read, ending yesterday
 * @param baselinePercentile the low percentile of hourly spend reported as the steady baseline
 * @param minimumDays        fewer days of eligible spend than this lowers confidence
 * @param primaryOption      the {@link CommitmentOption#name()} proposed in the savings list
 */
public record CommitmentSettings(int windowDays, double baselinePercentile, int minimumDays,
                                 List<CommitmentOption> options, String primaryOption) {

    public CommitmentSettings {
        if (windowDays < 7 || windowDays > 400) {
            throw new IllegalArgumentException("windowDays must be 7..400: " + windowDays);
        }
        if (!(baselinePercentile >= 0 && baselinePercentile < 1)) {
            throw new IllegalArgumentException("baselinePercentile must be in [0, 1): " + baselinePercentile);
        }
        if (minimumDays < 1) {
            throw new IllegalArgumentException("minimumDays must be positive: " + minimumDays);
        }
        options = List.copyOf(options);
        Objects.requireNonNull(primaryOption, "primaryOption");
        if (options.stream().noneMatch(o -> o.name().equals(primaryOption))) {
            throw new IllegalArgumentException("primaryOption " + primaryOption + " is not among the options");
        }
    }

    public static CommitmentSettings defaults() {
        return new CommitmentSettings(60, 0.10, 14, CommitmentOption.computeSavingsPlanDefaults(),
                "compute-sp-1y-no-upfront");
    }
}
