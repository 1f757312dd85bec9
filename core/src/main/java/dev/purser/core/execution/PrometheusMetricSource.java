package dev.purser.core.execution;

import dev.purser.core.cloud.prometheus.LabelledSeries;
import dev.purser.core.cloud.prometheus.PrometheusClient;
import dev.purser.core.cloud.prometheus.RangeQuery;
import dev.purser.core.cloud.prometheus.RangeResult;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.UsageSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Post-check metrics from Prometheus: each trigger metric maps to a PromQL template in which
 * {@code {resource}} stands for the resource's name ({@code query_p95_ms} →
 * {@code pg_query_p95_ms{cluster="{resource}"}}). When a query returns several series the
 * highest value at each instant counts, so one bad node is enough to breach.
 */
public final class PrometheusMetricSource implements MetricSource {

    private static final Pattern SAFE_RESOURCE = Pattern.compile("[A-Za-z0-9_.:-]{1,200}");

    private final PrometheusClient client;
    private final Map<String, String> templates;
    private final Duration step;

    /**
     * @param templates metric name → PromQL with {@code {resource}}
     * @param step      resolution of the samples (a whole number of seconds)
     */
    public PrometheusMetricSource(PrometheusClient client, Map<String, String> templates, Duration step) {
        this.client = Objects.requireNonNull(client, "client");
        this.templates = Map.copyOf(templates);
        this.step = Objects.requireNonNull(step, "step");
    }

    @Override
    public String describe() {
        return client.toString();
    }

    @Override
    public List<UsageSeries.Sample> samples(String resource, String metric, Instant from, Instant to) {
        String template = templates.get(metric);
        if (template == null) {
            throw PurserException.badArgument("no Prometheus query is configured for metric " + metric
                    + "; configured: " + new TreeMap<>(templates).keySet());
        }
        if (!SAFE_RESOURCE.matcher(resource).matches()) {
            throw PurserException.badArgument("resource name '" + resource
                    + "' cannot go into a PromQL label matcher: expected letters, digits and _ . : -");
        }
        if (!to.isAfter(from)) {
            return List.of();
        }
        RangeResult result = client.queryRange(new RangeQuery(template.replace("{resource}", resource), from, to, step));
        TreeMap<Instant, Double> max = new TreeMap<>();
        for (LabelledSeries s : result.series()) {
            for (UsageSeries.Sample sample : s.samples()) {
                max.merge(sample.at(), sample.value(), Math::max);
            }
        }
        List<UsageSeries.Sample> out = new ArrayList<>();
        max.forEach((at, v) -> out.add(new UsageSeries.Sample(at, v)));
        return out;
    }
}
