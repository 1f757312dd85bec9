package dev.purser.core.analysis.dbadvice;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the caller knows beyond the statistics.
 *
 * @param proposedSize    when present, configuration is proposed for it
 * @param peakConnections the highest connection count seen over a window (a single statistics
 *                        reading only sees this moment)
 */
public record AdviceRequest(Optional<TargetSize> proposedSize, OptionalLong peakConnections) {

    public AdviceRequest {
        Objects.requireNonNull(proposedSize, "proposedSize");
        Objects.requireNonNull(peakConnections, "peakConnections");
        if (peakConnections.isPresent() && peakConnections.getAsLong() < 0) {
            throw new IllegalArgumentException("peakConnections must not be negative: " + peakConnections.getAsLong());
        }
    }

    /** No size to propose for, no observed peak. */
    public static AdviceRequest none() {
        return new AdviceRequest(Optional.empty(), OptionalLong.empty());
    }

    public AdviceRequest withProposedSize(TargetSize size) {
        return new AdviceRequest(Optional.of(size), peakConnections);
    }

    public AdviceRequest withPeakConnections(long peak) {
        return new AdviceRequest(proposedSize, OptionalLong.of(peak));
    }
}
