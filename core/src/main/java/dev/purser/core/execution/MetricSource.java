package dev.purser.core.execution;

import dev.purser.core.model.UsageSeries;
import java.time.Instant;
import java.util.List;

/**
 * Where the soak reads a resource's metrics: Prometheus or DigitalOcean monitoring.
 */
public interface MetricSource {

    /** {@code Prometheus at http://...}, for messages. */
    String describe();

    /**
     * The samples of {@code metric} for {@code resource} in {@code [from, to]}, oldest first; empty
     * when the source has none (a gap, not an error).
     *
     * @throws dev.purser.core.error.PurserException when the source cannot be read
     */
    List<UsageSeries.Sample> samples(String resource, String metric, Instant from, Instant to);
}
