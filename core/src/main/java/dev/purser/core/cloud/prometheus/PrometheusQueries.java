package dev.purser.core.cloud.prometheus;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which PromQL answers which {@link PrometheusMetric}. Teams name their jobs and labels in their
 * own ways, so every query is replaceable ({@link #with}); the defaults fit the stock exporters:
 * <ul>
 *   <li>{@link #nodeExporter()}: machines, one series per {@code instance};</li>
 *   <li>{@link #cadvisor()}: containers, one series per {@code namespace/pod/container} (Kubernetes
 *       labels; for plain Docker, replace the label list with {@code name});</li>
 *   <li>{@link #postgresExporter()}: PostgreSQL servers, one series per {@code instance}.</li>
 * </ul>
 * Rates use {@value MetricQuery#RATE_INTERVAL}, see {@link MetricQuery}.
 */
public final class PrometheusQueries {

    private final Map<PrometheusMetric, MetricQuery> queries;

    private PrometheusQueries(Map<PrometheusMetric, MetricQuery> queries) {
        this.queries = queries.isEmpty() ? Map.of() : Map.copyOf(queries);
    }

    /** No queries; add them with {@link #with}. */
    public static PrometheusQueries empty() {
        return new PrometheusQueries(Map.of());
    }

    /**
     * node_exporter. CPU in cores is the core count minus the idle cores, which equals
     * {@code (1 - avg idle rate) × cores} without a second query for the core count.
     */
    public static PrometheusQueries nodeExporter() {
        List<String> instance = List.of("instance");
        return empty()
                .with(PrometheusMetric.CPU_CORES, new MetricQuery(
                        "count by (instance) (node_cpu_seconds_total{mode=\"idle\"})"
                                + " - sum by (instance) (rate(node_cpu_seconds_total{mode=\"idle\"}[$__rate_interval]))",
                        instance))
                .with(PrometheusMetric.CPU_UTILISATION, new MetricQuery(
                        "1 - avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\"}[$__rate_interval]))",
                        instance))
                .with(PrometheusMetric.MEMORY_BYTES, new MetricQuery(
                        "node_memory_MemTotal_bytes - node_memory_MemAvailable_bytes", instance));
    }

    /**
     * cAdvisor (as scraped by Kubernetes). {@code container!=""} drops the pod-level aggregate
     * series that would otherwise double-count every container.
     */
    public static PrometheusQueries cadvisor() {
        List<String> container = List.of("namespace", "pod", "container");
        return empty()
                .with(PrometheusMetric.CPU_CORES, new MetricQuery(
                        "sum by (namespace, pod, container)"
                                + " (rate(container_cpu_usage_seconds_total{container!=\"\"}[$__rate_interval]))",
                        container))
                .with(PrometheusMetric.MEMORY_BYTES, new MetricQuery(
                        "sum by (namespace, pod, container) (container_memory_working_set_bytes{container!=\"\"})",
                        container));
    }

    /** postgres_exporter: connections across all states, and commits per second. */
    public static PrometheusQueries postgresExporter() {
        List<String> instance = List.of("instance");
        return empty()
                .with(PrometheusMetric.CONNECTIONS, new MetricQuery(
                        "sum by (instance) (pg_stat_activity_count)", instance))
                .with(PrometheusMetric.TRANSACTIONS_PER_SECOND, new MetricQuery(
                        "sum by (instance) (rate(pg_stat_database_xact_commit[$__rate_interval]))", instance));
    }

    /** A copy with {@code metric} answered by {@code query}, replacing any earlier query for it. */
    public PrometheusQueries with(PrometheusMetric metric, MetricQuery query) {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(query, "query");
        Map<PrometheusMetric, MetricQuery> copy = new EnumMap<>(PrometheusMetric.class);
        copy.putAll(queries);
        copy.put(metric, query);
        return new PrometheusQueries(copy);
    }

    /** A copy with every query of {@code other} added, {@code other} winning where both have one. */
    public PrometheusQueries withAll(PrometheusQueries other) {
        PrometheusQueries result = this;
        for (Map.Entry<PrometheusMetric, MetricQuery> e : other.queries.entrySet()) {
            result = result.with(e.getKey(), e.getValue());
        }
        return result;
    }

    /** The query for {@code metric}, if one is configured. */
    public Optional<MetricQuery> query(PrometheusMetric metric) {
        return Optional.ofNullable(queries.get(metric));
    }

    /** Every configured query. */
    public Map<PrometheusMetric, MetricQuery> all() {
        return queries;
    }

    @Override
    public String toString() {
        return "PrometheusQueries" + queries;
    }
}
