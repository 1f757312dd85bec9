package dev.purser.core.cloud.digitalocean;

import dev.purser.core.model.UsageSeries;
import java.util.List;
import java.util.Map;

/**
 * One series of a Prometheus-style matrix from DigitalOcean monitoring.
 *
 * @param labels  the series' labels, e.g. {@code host_id=222651441, mode=idle}
 * @param samples in time order
 */
public record MetricSeries(Map<String, String> labels, List<UsageSeries.Sample> samples) {

    public MetricSeries {
        labels = Map.copyOf(labels);
        samples = List.copyOf(samples);
    }
}
