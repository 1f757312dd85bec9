/**
 * Prometheus HTTP API client: {@code /api/v1/query_range} turned into
 * {@link dev.purser.core.model.UsageSeries}, with the PromQL for node_exporter, cAdvisor and
 * postgres_exporter kept in one configurable place ({@link dev.purser.core.cloud.prometheus.PrometheusQueries},
 * {@link dev.purser.core.cloud.prometheus.UsageQueries}); and
 * {@link dev.purser.core.cloud.prometheus.PrometheusUsagePull}, which lands those series (and
 * Kubernetes containers from cAdvisor and kube-state-metrics) beside a stored inventory.
 */
package dev.purser.core.cloud.prometheus;
