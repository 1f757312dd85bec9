/**
 * Right-sizing: usage percentiles and a workload pattern over a window, rules for headroom, and a
 * price catalog give the cheapest size that keeps headroom — for droplets/VMs, managed database
 * clusters (size and node count, with a high-availability decision matrix), docker-compose
 * services (limits, reservations, a line-wise YAML patch and its diff) and Kubernetes containers
 * (requests and limits as a strategic-merge patch). Entry point: {@link
 * dev.purser.core.analysis.rightsizing.RightsizingEngine}; answers are
 * {@link dev.purser.core.analysis.rightsizing.Recommendation}s with stable ids.
 *
 * <h2>Resource attributes read (keys of {@code Resource.attributes()}, tags where noted)</h2>
 * <ul>
 *   <li>{@code vcpus} — vCPUs of the machine or of one database node (else the catalog's);</li>
 *   <li>{@code memory_bytes} (or {@code memory_mib}/{@code memory_mb}, {@code memory_gib}/{@code memory_gb}) —
 *       memory of the machine or node (else the catalog's);</li>
 *   <li>{@code nodes} (or {@code num_nodes}, {@code node_count}, {@code instances}) — database cluster node count, primary included;</li>
 *   <li>{@code engine} — database engine as the catalog names it: {@code pg}, {@code mysql}, {@code redis}
 *       (DigitalOcean), {@code postgres}, {@code aurora-postgresql} (AWS); default {@code pg};</li>
 *   <li>{@code storage_used_bytes} (or {@code db_size_bytes}, {@code storage_used_gib}, {@code storage_gb}) — data size, for
 *       restore-time estimates;</li>
 *   <li>{@code last_backup_at} (or {@code latest_backup}) — ISO-8601 instant of the latest backup;</li>
 *   <li>{@code disk_used_gb} — a VM's used disk: smaller sizes must still hold it;</li>
 *   <li>{@code tier} (tag or attribute) — {@code critical} keeps a cluster at two or more nodes unless
 *       {@code RightsizingRules.allowSingleNodeForCritical};</li>
 *   <li>{@code env} / {@code environment} (tag or attribute) — {@code production}, {@code staging},
 *       {@code test}, ...; else guessed from the name ({@code sso-prod});</li>
 *   <li>{@code autoscaler} ({@code hpa}, any value but {@code none}), or {@code autoscale_pool=true} (a
 *       DigitalOcean autoscale pool), or a size range ({@code min_size} &lt; {@code max_size}) — sized per replica and
 *       flagged; {@code replicas} (or {@code desired_size}) is the current count.</li>
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
