package dev.purser.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Samples of one metric of one resource, in time order. Values are measurements (CPU cores,
 * bytes, connections), never money, so {@code double} is fine here.
 *
 * @param metric e.g. {@code cpu_cores}, {@code memory_bytes}, {@code connections}
 * @param unit   e.g. {@code cores}, {@code bytes}, {@code count}
 * @param step   the nominal spacing of samples; gaps are samples missing from that grid
 */
public record UsageSeries(String resourceId, String metric, String unit, Duration step, List<Sample> samples) {

    /** One measurement at one instant. */
    public record Sample(Instant at, double value) {
        public Sample {
            Objects.requireNonNull(at, "at");
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("sample value must be finite: " + value + " at " + at);
            }
        }
    }

    public UsageSeries {
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(step, "step");
        if (step.isZero() || step.isNegative()) {
            throw new IllegalArgumentException("step must be positive: " + step);
        }
        samples = List.copyOf(samples);
        for (int i = 1; i < samples.size(); i++) {
            if (!samples.get(i).at().isAfter(samples.get(i - 1).at())) {
                throw new IllegalArgumentException("samples of " + resourceId + "/" + metric
                        + " are not in time order at index " + i);
            }
        }
    }
}
