package dev.purser.core.cloud.prometheus;

import dev.purser.core.model.UsageSeries;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One series of a matrix result: its labels and its finite samples.
 *
 * @param nonFinite samples Prometheus returned as {@code NaN}, {@code +Inf} or {@code -Inf}, which
 *                  were dropped (a division by zero, a counter reset seen by a ratio)
 * @param gaps      evaluation points of the query with no finite sample: the dropped ones plus
 *                  the ones Prometheus returned nothing for (target down, series not yet born)
 */
public record LabelledSeries(Map<String, String> labels, List<UsageSeries.Sample> samples, int nonFinite, int gaps) {

    public LabelledSeries {
        labels = Map.copyOf(labels);
        samples = List.copyOf(samples);
        if (nonFinite < 0) {
            throw new IllegalArgumentException("nonFinite must not be negative: " + nonFinite);
        }
        if (gaps < 0) {
            throw new IllegalArgumentException("gaps must not be negative: " + gaps);
        }
    }

    /**
     * The values of {@code resourceLabels} present on this series, joined with {@code /}; when
     * none is present, the whole label set, so distinct series never share an id.
     */
    public String resourceId(List<String> resourceLabels) {
        StringBuilder id = new StringBuilder();
        for (String label : resourceLabels) {
            String value = labels.get(label);
            if (value != null && !value.isEmpty()) {
                if (id.length() > 0) {
                    id.append('/');
                }
                id.append(value);
            }
        }
        return id.length() > 0 ? id.toString() : new TreeMap<>(labels).toString();
    }

    /** This series as Purser's usage model. */
    public UsageSeries toUsageSeries(String resourceId, String metric, String unit, Duration step) {
        Objects.requireNonNull(resourceId, "resourceId");
        return new UsageSeries(resourceId, metric, unit, step, samples);
    }
}
