/**
 * Right-sizing: usage percentiles and a workload pattern over a window, rules for headroom, and a
 * price catalog give the cheapest size that keeps headroom — for droplets/VMs, managed database
 * clusters (size and node count, with a high-availability decision matrix), docker-compose
 * services (limits, reservations, a line-wise YAML patch and its diff) and Kubernetes containers
 * (requests and limits as a strategic-merge patch, and {@link
 * dev.purser.core.analysis.rightsizing.KubernetesPatcher} rewriting them in a manifest in place, as
 * {@link dev.purser.core.analysis.rightsizing.ComposePatcher} does a compose file). Entry point: {@link
 * dev.purser.core.analysis.rightsizing.RightsizingEngine}; answers are
 * {@link dev.purser.core.analysis.rightsizing.Recommendation}s with stable ids.
 *
 * <h2>Resource facts read ({@link dev.purser.core.model.ResourceFacts}, tags where noted)</h2>
 * <ul>
 *   <li>{@code compute}: vCPUs and memory of the machine or of one database node (else the
 *       catalog's); {@code diskUsedGib}: smaller sizes must still hold it;</li>
 *   <li>{@code database}: engine as the catalog names it (default {@code pg}), node count (primary
 *       included, default 1), storage used (for restore-time estimates), the latest backup;</li>
 *   <li>tag {@code tier=critical} keeps a cluster at two or more nodes unless
 *       {@code RightsizingRules.allowSingleNodeForCritical}; tag {@code env} (else a word of the
 *       name, {@code sso-prod}) gives the environment;</li>
 *   <li>{@code scaling}: with an autoscaler, a machine is sized per replica and flagged, its
 *       replica count multiplying the saving.</li>
 * </ul>
 *
 * <h2>Usage series read</h2>
 * By name and unit (see {@code MetricKind}): CPU in cores ({@code cpu_cores}), as a percentage of the
 * resource's vCPUs ({@code cpu_percent}, unit {@code percent}) or as a cumulative counter
 * ({@code container_cpu_usage_seconds_total}); memory in bytes ({@code memory_bytes},
 * {@code container_memory_working_set_bytes}) or percent ({@code memory_percent}); connections.
 * Series of a database cluster describe its primary node.
 */
package dev.purser.core.analysis.rightsizing;
