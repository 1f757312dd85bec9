package dev.purser.core.cloud.prometheus;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every query {@link PrometheusUsagePull} runs, with its override key in the queries file
 * ({@code PURSER_PROMETHEUS_QUERIES}) and its default for the stock exporters: node_exporter,
 * cAdvisor, postgres_exporter and kube-state-metrics (v2 metric names).
 *
 * <p>Usage queries ({@link #usage()}) run over the whole window; state queries (requests,
 * limits, owners, replicas, autoscalers) over the last few minutes, since only their current
 * value matters.
 */
public enum UsageQuery {
    /** node_exporter CPU in use, cores, per {@code instance}. */
    NODE_CPU("node.cpu_cores", PrometheusQueries.nodeExporter().query(PrometheusMetric.CPU_CORES).orElseThrow()),
    /** node_exporter memory in use (total − available), bytes, per {@code instance}. */
    NODE_MEMORY("node.memory_bytes", PrometheusQueries.nodeExporter().query(PrometheusMetric.MEMORY_BYTES).orElseThrow()),
    /** cAdvisor CPU in use, cores, per {@code namespace/pod/container}. */
    CONTAINER_CPU("cadvisor.cpu_cores", PrometheusQueries.cadvisor().query(PrometheusMetric.CPU_CORES).orElseThrow()),
    /** cAdvisor working set, bytes, per {@code namespace/pod/container}. */
    CONTAINER_MEMORY("cadvisor.memory_bytes", PrometheusQueries.cadvisor().query(PrometheusMetric.MEMORY_BYTES).orElseThrow()),
    /**
     * postgres_exporter client connections per {@code instance}. Backends of every database are
     * summed, minus one: the exporter's own session is a backend too, and an unused database must
     * read zero (waste counts a database idle only at no connection at all).
     */
    DATABASE_CONNECTIONS("postgres.connections", new MetricQuery(
            "clamp_min(sum by (instance) (pg_stat_database_numbackends{datname!~\"template0|template1\"}) - 1, 0)",
            List.of("instance"))),
    /** kube-state-metrics requests ({@code resource} cpu in cores, memory in bytes). */
    CONTAINER_REQUESTS("kube.requests", new MetricQuery(
            "kube_pod_container_resource_requests{resource=~\"cpu|memory\"}",
            List.of("namespace", "pod", "container", "resource"))),
    /** kube-state-metrics limits. */
    CONTAINER_LIMITS("kube.limits", new MetricQuery(
            "kube_pod_container_resource_limits{resource=~\"cpu|memory\"}",
            List.of("namespace", "pod", "container", "resource"))),
    /** Which controller owns a pod ({@code owner_kind}, {@code owner_name}). */
    POD_OWNER("kube.pod_owner", new MetricQuery("kube_pod_owner", List.of("namespace", "pod"))),
    /** Which Deployment owns a ReplicaSet. */
    REPLICASET_OWNER("kube.replicaset_owner", new MetricQuery("kube_replicaset_owner", List.of("namespace", "replicaset"))),
    /** Desired replicas of a Deployment. */
    DEPLOYMENT_REPLICAS("kube.deployment_replicas", new MetricQuery("kube_deployment_spec_replicas",
            List.of("namespace", "deployment"))),
    /** Desired replicas of a StatefulSet. */
    STATEFULSET_REPLICAS("kube.statefulset_replicas", new MetricQuery("kube_statefulset_replicas",
            List.of("namespace", "statefulset"))),
    /** Which workload an HPA scales ({@code scaletargetref_kind}, {@code scaletargetref_name}). */
    HPA_TARGET("kube.hpa_info", new MetricQuery("kube_horizontalpodautoscaler_info",
            List.of("namespace", "horizontalpodautoscaler"))),
    /** An HPA's lower bound. */
    HPA_MIN_REPLICAS("kube.hpa_min_replicas", new MetricQuery("kube_horizontalpodautoscaler_spec_min_replicas",
            List.of("namespace", "horizontalpodautoscaler"))),
    /** An HPA's upper bound. */
    HPA_MAX_REPLICAS("kube.hpa_max_replicas", new MetricQuery("kube_horizontalpodautoscaler_spec_max_replicas",
            List.of("namespace", "horizontalpodautoscaler")));

    private final String key;
    private final MetricQuery defaultQuery;

    UsageQuery(String key, MetricQuery defaultQuery) {
        this.key = key;
        this.defaultQuery = defaultQuery;
    }

    /** The key in the queries file, e.g. {@code node.cpu_cores}; {@code KEY.labels} overrides the labels. */
    public String key() {
        return key;
    }

    public MetricQuery defaultQuery() {
        return defaultQuery;
    }

    /** True for series read over the whole window; false for current state. */
    public boolean usage() {
        return switch (this) {
            case NODE_CPU, NODE_MEMORY, CONTAINER_CPU, CONTAINER_MEMORY, DATABASE_CONNECTIONS -> true;
            case CONTAINER_REQUESTS, CONTAINER_LIMITS, POD_OWNER, REPLICASET_OWNER, DEPLOYMENT_REPLICAS,
                    STATEFULSET_REPLICAS, HPA_TARGET, HPA_MIN_REPLICAS, HPA_MAX_REPLICAS -> false;
        };
    }

    /** The query with this key, if any. */
    public static Optional<UsageQuery> ofKey(String key) {
        String k = key.strip().toLowerCase(Locale.ROOT);
        for (UsageQuery q : values()) {
            if (q.key.equals(k)) {
                return Optional.of(q);
            }
        }
        return Optional.empty();
    }
}
