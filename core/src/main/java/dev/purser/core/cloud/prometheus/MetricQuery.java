package dev.purser.core.cloud.prometheus;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One PromQL expression and the labels that identify a resource in its result.
 *
 * <p>The expression may contain {@value #RATE_INTERVAL}, replaced at query time by the larger of
 * five minutes and the query step (the same idea as Grafana's variable of that name): with a
 * step longer than the {@code rate()} window, samples between evaluation points would otherwise
 * be skipped, and spikes lost.
 *
 * @param promql         the expression, e.g. {@code container_memory_working_set_bytes{container!=""}}
 * @param resourceLabels labels whose values, joined with {@code /}, form the resource id
 *                       (e.g. {@code instance}, or {@code namespace, pod, container}); labels
 *                       missing from a series are left out of its id
 */
public record MetricQuery(String promql, List<String> resourceLabels) {

    /** The placeholder for the {@code rate()} window. */
    public static final String RATE_INTERVAL = "$__rate_interval";

    public MetricQuery {
        Objects.requireNonNull(promql, "promql");
        if (promql.isBlank()) {
            throw new IllegalArgumentException("promql must not be blank");
        }
        resourceLabels = List.copyOf(resourceLabels);
        if (resourceLabels.isEmpty()) {
            throw new IllegalArgumentException("resourceLabels must name at least one label for: " + promql);
        }
    }

    /** The expression with {@value #RATE_INTERVAL} replaced by {@code rateWindow} in Prometheus duration syntax. */
    public String render(Duration rateWindow) {
        return promql.replace(RATE_INTERVAL, PromDuration.format(rateWindow));
    }
}
