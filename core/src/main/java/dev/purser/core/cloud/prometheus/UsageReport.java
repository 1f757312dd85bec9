package dev.purser.core.cloud.prometheus;

import dev.purser.core.model.UsageSeries;
import java.util.List;
import java.util.Objects;

/**
 * One metric's usage for every resource Prometheus knows, with what is missing said plainly.
 *
 * @param gaps     one sentence per resource with missing points, e.g.
 *                 {@code "node-1:9100 memory_bytes: 12 of 8641 points missing (3 NaN/Inf)"},
 *                 and one if no resource answered at all
 * @param warnings Prometheus's own warnings
 */
public record UsageReport(PrometheusMetric metric, RangeQuery query, List<UsageSeries> series,
                          List<String> gaps, List<String> warnings) {

    public UsageReport {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(query, "query");
        series = List.copyOf(series);
        gaps = List.copyOf(gaps);
        warnings = List.copyOf(warnings);
    }
}
