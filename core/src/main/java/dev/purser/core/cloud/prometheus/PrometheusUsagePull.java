package dev.purser.core.cloud.prometheus;

import dev.purser.core.analysis.inventory.InventorySource;
import dev.purser.core.cloud.http.HttpSettings;
import dev.purser.core.cloud.http.Sleeper;
import dev.purser.core.config.PrometheusConfig;
import dev.purser.core.config.Secret;
import dev.purser.core.error.PurserException;
import dev.purser.core.ingest.InventoryPull;
import dev.purser.core.ingest.InventorySink;
import dev.purser.core.model.Resource;
import dev.purser.core.model.UsageSeries;
import dev.purser.core.ingest.InventoryLoad;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Usage from Prometheus into the store, beside the inventory another source (DigitalOcean, AWS, a
 * demo scenario) filed under the same account, so {@code rightsize} and {@code waste} read it.
 *
 * <p>What lands, per exporter:
 * <ul>
 *   <li>node_exporter: {@code cpu_cores} and {@code memory_bytes} of each stored machine (or
 *       database) an {@code instance} matches ({@link InstanceMatcher}: attribute
 *       {@code prometheus_instance}, then name or id, then an IP or host attribute equal to the
 *       instance's host). Unmatched instances are listed in the notes; no resource is invented
 *       for them, since without a size and price nothing could be right-sized anyway.</li>
 *   <li>cAdvisor (with kube-state-metrics when present): one {@code container} resource per
 *       workload and container, in the vocabulary the right-sizing service reads for Kubernetes
 *       ({@code k8s_workload}, {@code k8s_namespace}, {@code k8s_kind}, {@code k8s_container},
 *       {@code replicas}, {@code autoscaler}, {@code cpu_request}, {@code cpu_limit},
 *       {@code memory_request_bytes}, {@code memory_limit_bytes}). The workload comes from
 *       {@code kube_pod_owner} (and {@code kube_replicaset_owner}) or else from the pod's name. Its
 *       series are per replica: at each instant the busiest pod's value, so pods replaced by a
 *       rollout or added by an autoscaler neither add up nor dilute the peak. An HPA found through
 *       {@code kube_horizontalpodautoscaler_info} (or, without it, one named like the workload)
 *       sets {@code autoscaler=hpa} with {@code min_replicas}/{@code max_replicas}.</li>
 *   <li>postgres_exporter: {@code connections} of each stored database an instance matches.</li>
 * </ul>
 *
 * <p>All or nothing: every query runs before anything is written, and the write is one
 * {@link InventorySink#mergeUsage} transaction. A Prometheus error (4xx, 5xx, a timeout,
 * an error envelope) therefore leaves the store as it was. Re-pulling replaces the same series
 * instead of adding to them.
 *
 * <p>Window: {@link InventoryPull.Request#window()} ending now (the injected clock) rounded down to
 * a whole step, at the finest step that keeps each series within Prometheus's 11,000 points
 * ({@link RangeQuery#stepFor}): 30 days at 5 minutes.
 */
public final class PrometheusUsagePull implements InventoryPull {

    /** The kind typed after {@code import}. */
    public static final String KIND = "prometheus";
    /** The variable that overrides {@code prometheus.url}, named in messages. */
    public static final String URL_VARIABLE = "PURSER_PROMETHEUS_URL";
    /** The variable that overrides {@code prometheus.queries_file}, named in messages. */
    public static final String QUERIES_VARIABLE = "PURSER_PROMETHEUS_QUERIES";

    static final String PROVIDER_KUBERNETES = "Kubernetes";
    /** State queries read the last few minutes: Prometheus looks back 5 minutes for each point anyway. */
    private static final Duration STATE_WINDOW = Duration.ofMinutes(5);
    private static final Duration STATE_STEP = Duration.ofMinutes(1);
    /** A merged or matched series missing more than this share of its points is mentioned. */
    private static final double GAP_NOTE_SHARE = 0.10;

    private final Supplier<PrometheusClient> client;
    private final Supplier<UsageQueries> queries;
    private final InventorySource stored;
    private final InventorySink inventory;
    private final Clock clock;

    /**
     * @param queries the PromQL to run; {@link UsageQueries#defaults()} for the stock exporters
     */
    public PrometheusUsagePull(PrometheusClient client, UsageQueries queries, InventorySource stored,
            InventorySink inventory, Clock clock) {
        this(constant(Objects.requireNonNull(client, "client")), constant(Objects.requireNonNull(queries, "queries")),
                stored, inventory, clock);
    }

    /**
     * @param stored    the inventory the series are matched against
     * @param inventory where the matched series land
     */
    private PrometheusUsagePull(Supplier<PrometheusClient> client, Supplier<UsageQueries> queries,
            InventorySource stored, InventorySink inventory, Clock clock) {
        this.client = client;
        this.queries = queries;
        this.stored = Objects.requireNonNull(stored, "stored");
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A pull configured from the {@code prometheus} section: its URL, the bearer token the
     * composition root read from {@code token_env} (absent means none), and the queries file.
     * Nothing is checked here: no URL or an unreadable queries file fails at pull time with
     * BAD_ARGUMENT naming the key and its variable, so a Purser without Prometheus still starts.
     */
    public static PrometheusUsagePull create(PrometheusConfig config, Secret token, HttpSettings http,
            InventorySource stored, InventorySink inventory, Clock clock) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(clock, "clock");
        Supplier<PrometheusClient> client = () -> {
            if (!config.configured()) {
                throw PurserException.badArgument("set prometheus.url (or " + URL_VARIABLE + ") to Prometheus's base"
                        + " URL (e.g. http://prometheus:9090) to import usage from Prometheus");
            }
            return new PrometheusClient(config.url(), PrometheusSettings.defaults().withHttp(http),
                    token.revealOrNull(), clock, Sleeper.system());
        };
        Supplier<UsageQueries> queries = () -> config.queriesFile() == null ? UsageQueries.defaults()
                : UsageQueries.read(config.queriesFile(), "prometheus.queries_file (" + QUERIES_VARIABLE + ")");
        return new PrometheusUsagePull(client, queries, stored, inventory, clock);
    }

    private static <T> Supplier<T> constant(T value) {
        return () -> value;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Result pull(Request request) {
        Objects.requireNonNull(request, "request");
        String scenario = request.account();
        if (scenario == null) {
            throw PurserException.badArgument("import prometheus needs --account: the scenario or account whose"
                    + " stored machines and databases the series belong to (Kubernetes containers are filed there too)");
        }
        UsageQueries q = queries.get();
        PrometheusClient c = client.get();
        Duration window = request.window();
        Duration step = c.stepFor(window);
        long now = clock.instant().getEpochSecond();
        Instant end = Instant.ofEpochSecond(now - Math.floorMod(now, step.getSeconds()));
        Instant start = end.minus(window);

        // Everything is read before anything is written: a failure part-way lands nothing.
        Map<UsageQuery, RangeResult> results = new EnumMap<>(UsageQuery.class);
        for (UsageQuery which : UsageQuery.values()) {
            Optional<MetricQuery> mq = q.query(which);
            if (mq.isEmpty()) {
                continue;
            }
            results.put(which, which.usage() ? c.queryRange(mq.get(), start, end)
                    : c.queryRange(new RangeQuery(mq.get().render(STATE_WINDOW), end.minus(STATE_WINDOW), end,
                            STATE_STEP)));
        }

        List<Resource> known = stored.resources(scenario);
        Landing landing = new Landing(scenario, step, RangeQuery.pointCount(start, end, step));
        if (known.isEmpty()) {
            landing.notes.add("scenario " + scenario + " has no stored inventory: machine and database series have"
                    + " nothing to match; import its inventory first");
        }
        Set<String> machineAndDatabase = new HashSet<>(InstanceMatcher.MACHINE_KINDS);
        machineAndDatabase.addAll(InstanceMatcher.DATABASE_KINDS);
        InstanceMatcher nodes = new InstanceMatcher(known, machineAndDatabase);
        InstanceMatcher databases = new InstanceMatcher(known, InstanceMatcher.DATABASE_KINDS);
        landing.matched("node_exporter", nodes, q, results, UsageQuery.NODE_CPU, PrometheusMetric.CPU_CORES);
        landing.matched("node_exporter", nodes, q, results, UsageQuery.NODE_MEMORY, PrometheusMetric.MEMORY_BYTES);
        landing.matched("postgres_exporter", databases, q, results, UsageQuery.DATABASE_CONNECTIONS,
                PrometheusMetric.CONNECTIONS);
        landing.unmatchedNotes();
        new Kubernetes(scenario, step, end, results, landing).land();
        for (RangeResult r : results.values()) {
            for (String w : r.warnings()) {
                landing.notes.add("Prometheus warned: " + w);
            }
        }

        InventoryLoad load = inventory.mergeUsage(scenario, landing.resources, landing.series);
        Map<String, Integer> byKind = new TreeMap<>();
        for (Resource r : landing.resources) {
            byKind.merge(r.kind(), 1, Integer::sum);
        }
        landing.notes.add(0, "Prometheus " + start + " to " + end + " at a " + PromDuration.format(step) + " step: "
                + landing.series.size() + " series for " + landing.seriesResources().size() + " resources of "
                + scenario);
        return new Result(scenario, byKind, landing.series.size(), load.samples(), List.of(), 0, landing.notes);
    }

    /** What will land, gathered before the one write. */
    private static final class Landing {
        final String scenario;
        final Duration step;
        final long points;
        final List<Resource> resources = new ArrayList<>();
        final List<UsageSeries> series = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final Set<String> written = new HashSet<>();
        final Map<String, Set<String>> unmatched = new LinkedHashMap<>();
        final Map<String, Set<String>> matchedInstances = new LinkedHashMap<>();

        Landing(String scenario, Duration step, long points) {
            this.scenario = scenario;
            this.step = step;
            this.points = points;
        }

        Set<String> seriesResources() {
            Set<String> ids = new LinkedHashSet<>();
            series.forEach(s -> ids.add(s.resourceId()));
            return ids;
        }

        void matched(String exporter, InstanceMatcher matcher, UsageQueries q, Map<UsageQuery, RangeResult> results,
                UsageQuery which, PrometheusMetric metric) {
            RangeResult result = results.get(which);
            if (result == null) {
                return;
            }
            List<String> labels = q.query(which).orElseThrow().resourceLabels();
            for (LabelledSeries s : result.series()) {
                String instance = s.resourceId(labels);
                InstanceMatcher.Match m = matcher.match(instance);
                if (m.resource().isEmpty()) {
                    if (!m.ambiguous().isEmpty()) {
                        notes.add(exporter + " instance " + instance + " fits several resources of " + scenario + " ("
                                + String.join(", ", InstanceMatcher.names(m.ambiguous())) + "): set attribute "
                                + InstanceMatcher.INSTANCE_ATTRIBUTE + " on the right one");
                    } else {
                        unmatched.computeIfAbsent(exporter, e -> new LinkedHashSet<>()).add(instance);
                    }
                    continue;
                }
                Resource r = m.resource().get();
                if (!written.add(r.id() + "\u0000" + metric.metricName())) {
                    notes.add(exporter + " instance " + instance + " is a second source of " + metric.metricName()
                            + " for " + r.name() + ": skipped");
                    continue;
                }
                matchedInstances.computeIfAbsent(exporter, e -> new LinkedHashSet<>()).add(instance);
                add(s.toUsageSeries(r.id(), metric.metricName(), metric.unit(), step), r.name());
            }
        }

        void add(UsageSeries s, String name) {
            series.add(s);
            long missing = points - s.samples().size();
            if (missing > GAP_NOTE_SHARE * points) {
                notes.add(name + " " + s.metric() + ": " + missing + " of " + points + " points missing");
            }
        }

        void unmatchedNotes() {
            for (Map.Entry<String, Set<String>> e : matchedInstances.entrySet()) {
                notes.add(e.getKey() + ": " + e.getValue().size() + " instance" + (e.getValue().size() == 1 ? "" : "s")
                        + " matched (" + String.join(", ", e.getValue()) + ")");
            }
            for (Map.Entry<String, Set<String>> e : unmatched.entrySet()) {
                Set<String> left = new LinkedHashSet<>(e.getValue());
                left.removeAll(matchedInstances.getOrDefault(e.getKey(), Set.of()));
                if (!left.isEmpty()) {
                    notes.add(e.getKey() + " instances matching no resource of " + scenario + ", not stored: "
                            + String.join(", ", left) + " (set attribute " + InstanceMatcher.INSTANCE_ATTRIBUTE
                            + " on a resource, or name it like the instance's host)");
                }
            }
        }
    }

    /** cAdvisor and kube-state-metrics series turned into per-workload container resources. */
    private static final class Kubernetes {
        private final String scenario;
        private final Duration step;
        private final Instant end;
        private final Map<UsageQuery, RangeResult> results;
        private final Landing landing;
        private final Map<List<String>, PodWorkloads.Workload> podOwners = new HashMap<>();
        private final Map<List<String>, PodWorkloads.Workload> replicaSetOwners = new HashMap<>();

        Kubernetes(String scenario, Duration step, Instant end, Map<UsageQuery, RangeResult> results, Landing landing) {
            this.scenario = scenario;
            this.step = step;
            this.end = end;
            this.results = results;
            this.landing = landing;
        }

        /** One container of one workload: its pods' series merged, and what kube-state-metrics says of it. */
        private static final class Container {
            final String cluster;
            final String namespace;
            final PodWorkloads.Workload workload;
            final String name;
            final Map<String, TreeMap<Instant, Double>> usage = new TreeMap<>();
            final Set<String> pods = new LinkedHashSet<>();
            final Set<String> livePods = new LinkedHashSet<>();
            final Map<String, Double> requests = new HashMap<>();
            final Map<String, Double> limits = new HashMap<>();

            Container(String cluster, String namespace, PodWorkloads.Workload workload, String name) {
                this.cluster = cluster;
                this.namespace = namespace;
                this.workload = workload;
                this.name = name;
            }
        }

        void land() {
            owners(UsageQuery.POD_OWNER, "pod", podOwners);
            owners(UsageQuery.REPLICASET_OWNER, "replicaset", replicaSetOwners);
            Map<List<String>, Container> containers = new LinkedHashMap<>();
            int skipped = 0;
            for (UsageQuery which : List.of(UsageQuery.CONTAINER_CPU, UsageQuery.CONTAINER_MEMORY)) {
                RangeResult r = results.get(which);
                if (r == null) {
                    continue;
                }
                String metric = which == UsageQuery.CONTAINER_CPU ? PrometheusMetric.CPU_CORES.metricName()
                        : PrometheusMetric.MEMORY_BYTES.metricName();
                for (LabelledSeries s : r.series()) {
                    Optional<Container> c = container(s.labels(), containers);
                    if (c.isEmpty()) {
                        skipped++;
                        continue;
                    }
                    String pod = s.labels().get("pod");
                    c.get().pods.add(pod);
                    TreeMap<Instant, Double> merged = c.get().usage.computeIfAbsent(metric, m -> new TreeMap<>());
                    for (UsageSeries.Sample sample : s.samples()) {
                        merged.merge(sample.at(), sample.value(), Math::max);
                    }
                    if (!s.samples().isEmpty() && !s.samples().get(s.samples().size() - 1).at()
                            .isBefore(end.minus(step.multipliedBy(2)))) {
                        c.get().livePods.add(pod);
                    }
                }
            }
            if (skipped > 0) {
                landing.notes.add("cAdvisor: " + skipped + " series without namespace, pod and container labels"
                        + " (or the pause container): not stored");
            }
            if (containers.isEmpty()) {
                return;
            }
            resources(UsageQuery.CONTAINER_REQUESTS, containers, true);
            resources(UsageQuery.CONTAINER_LIMITS, containers, false);
            Map<List<String>, Double> deploymentReplicas = state(UsageQuery.DEPLOYMENT_REPLICAS, "deployment");
            Map<List<String>, Double> statefulSetReplicas = state(UsageQuery.STATEFULSET_REPLICAS, "statefulset");
            Map<List<String>, Double> hpaMin = state(UsageQuery.HPA_MIN_REPLICAS, "horizontalpodautoscaler");
            Map<List<String>, Double> hpaMax = state(UsageQuery.HPA_MAX_REPLICAS, "horizontalpodautoscaler");
            Map<List<String>, String> hpaTargets = hpaTargets();

            Set<String> workloads = new LinkedHashSet<>();
            int autoscaled = 0;
            for (Container c : containers.values()) {
                String path = c.namespace + "/" + c.workload.name() + "/" + c.name;
                String id = "k8s/" + (c.cluster.isEmpty() ? "" : c.cluster + "/") + path;
                Map<String, String> a = new LinkedHashMap<>();
                a.put("k8s_workload", c.workload.name());
                a.put("k8s_namespace", c.namespace);
                a.put("k8s_kind", c.workload.kind());
                a.put("k8s_container", c.name);
                if (!c.cluster.isEmpty()) {
                    a.put("k8s_cluster", c.cluster);
                }
                List<String> wkey = List.of(c.cluster, c.namespace, c.workload.name());
                Double desired = switch (c.workload.kind()) {
                    case "Deployment" -> deploymentReplicas.get(wkey);
                    case "StatefulSet" -> statefulSetReplicas.get(wkey);
                    default -> null;
                };
                long replicas = desired != null ? Math.round(desired) : Math.max(1, c.livePods.size());
                a.put("replicas", Long.toString(replicas));
                String hpa = hpaTargets.get(List.of(c.cluster, c.namespace, c.workload.kind(), c.workload.name()));
                if (hpa == null && hpaTargets.isEmpty() && (hpaMax.containsKey(wkey) || hpaMin.containsKey(wkey))) {
                    hpa = c.workload.name(); // no kube_horizontalpodautoscaler_info: an HPA named like its workload
                }
                if (hpa != null) {
                    autoscaled++;
                    a.put("autoscaler", "hpa");
                    a.put("hpa", hpa);
                    List<String> hkey = List.of(c.cluster, c.namespace, hpa);
                    Optional.ofNullable(hpaMin.get(hkey)).ifPresent(v -> a.put("min_replicas", Long.toString(Math.round(v))));
                    Optional.ofNullable(hpaMax.get(hkey)).ifPresent(v -> a.put("max_replicas", Long.toString(Math.round(v))));
                } else {
                    a.put("autoscaler", "none");
                }
                Optional.ofNullable(c.requests.get("cpu")).ifPresent(v -> a.put("cpu_request", decimal(v)));
                Optional.ofNullable(c.limits.get("cpu")).ifPresent(v -> a.put("cpu_limit", decimal(v)));
                Optional.ofNullable(c.requests.get("memory"))
                        .ifPresent(v -> a.put("memory_request_bytes", Long.toString(Math.round(v))));
                Optional.ofNullable(c.limits.get("memory"))
                        .ifPresent(v -> a.put("memory_limit_bytes", Long.toString(Math.round(v))));
                a.put("pods_seen", Integer.toString(c.pods.size()));
                a.put("usage_basis", "per replica: the busiest pod at each instant");
                a.put("source", KIND);
                landing.resources.add(new Resource(scenario, id, path, PROVIDER_KUBERNETES, "container", null, null,
                        null, Map.of(), a));
                workloads.add(c.namespace + "/" + c.workload.name());
                for (Map.Entry<String, TreeMap<Instant, Double>> u : c.usage.entrySet()) {
                    List<UsageSeries.Sample> samples = new ArrayList<>(u.getValue().size());
                    u.getValue().forEach((at, v) -> samples.add(new UsageSeries.Sample(at, v)));
                    String unit = u.getKey().equals(PrometheusMetric.CPU_CORES.metricName())
                            ? PrometheusMetric.CPU_CORES.unit() : PrometheusMetric.MEMORY_BYTES.unit();
                    landing.add(new UsageSeries(id, u.getKey(), unit, step, samples), path);
                }
            }
            landing.notes.add("cAdvisor: " + containers.size() + " container" + (containers.size() == 1 ? "" : "s")
                    + " of " + workloads.size() + " workload" + (workloads.size() == 1 ? "" : "s")
                    + (autoscaled > 0 ? " (" + autoscaled + " under an HPA, sized per replica)" : "")
                    + "; series are per replica (the busiest pod at each instant)");
        }

        private Optional<Container> container(Map<String, String> labels, Map<List<String>, Container> containers) {
            String ns = labels.get("namespace");
            String pod = labels.get("pod");
            String name = labels.get("container");
            if (blank(ns) || blank(pod) || blank(name) || name.equals("POD")) {
                return Optional.empty();
            }
            String cluster = labels.getOrDefault("cluster", "");
            PodWorkloads.Workload w = workload(cluster, ns, pod);
            return Optional.of(containers.computeIfAbsent(List.of(cluster, ns, w.kind(), w.name(), name),
                    k -> new Container(cluster, ns, w, name)));
        }

        private PodWorkloads.Workload workload(String cluster, String ns, String pod) {
            PodWorkloads.Workload owner = podOwners.get(List.of(cluster, ns, pod));
            if (owner == null) {
                return PodWorkloads.fromPodName(pod);
            }
            return switch (owner.kind()) {
                case "ReplicaSet" -> {
                    PodWorkloads.Workload rsOwner = replicaSetOwners.get(List.of(cluster, ns, owner.name()));
                    if (rsOwner == null) {
                        yield PodWorkloads.fromReplicaSetName(owner.name());
                    }
                    yield rsOwner.kind().equals("<none>") ? owner : rsOwner;
                }
                case "<none>", "" -> new PodWorkloads.Workload("Pod", pod);
                default -> owner;
            };
        }

        private void owners(UsageQuery which, String nameLabel, Map<List<String>, PodWorkloads.Workload> into) {
            RangeResult r = results.get(which);
            if (r == null) {
                return;
            }
            for (LabelledSeries s : r.series()) {
                Map<String, String> l = s.labels();
                if (blank(l.get("namespace")) || blank(l.get(nameLabel)) || blank(l.get("owner_kind"))) {
                    continue;
                }
                into.put(List.of(l.getOrDefault("cluster", ""), l.get("namespace"), l.get(nameLabel)),
                        new PodWorkloads.Workload(l.get("owner_kind"), l.getOrDefault("owner_name", "")));
            }
        }

        private void resources(UsageQuery which, Map<List<String>, Container> containers, boolean requests) {
            RangeResult r = results.get(which);
            if (r == null) {
                return;
            }
            for (LabelledSeries s : r.series()) {
                Map<String, String> l = s.labels();
                Optional<Double> v = last(s);
                String resource = l.get("resource");
                if (v.isEmpty() || blank(resource) || blank(l.get("namespace")) || blank(l.get("pod"))
                        || blank(l.get("container"))) {
                    continue;
                }
                String cluster = l.getOrDefault("cluster", "");
                PodWorkloads.Workload w = workload(cluster, l.get("namespace"), l.get("pod"));
                Container c = containers.get(List.of(cluster, l.get("namespace"), w.kind(), w.name(), l.get("container")));
                if (c != null) {
                    (requests ? c.requests : c.limits).merge(resource, v.get(), Math::max);
                }
            }
        }

        private Map<List<String>, Double> state(UsageQuery which, String nameLabel) {
            Map<List<String>, Double> out = new HashMap<>();
            RangeResult r = results.get(which);
            if (r == null) {
                return out;
            }
            for (LabelledSeries s : r.series()) {
                Map<String, String> l = s.labels();
                Optional<Double> v = last(s);
                if (v.isPresent() && !blank(l.get("namespace")) && !blank(l.get(nameLabel))) {
                    out.put(List.of(l.getOrDefault("cluster", ""), l.get("namespace"), l.get(nameLabel)), v.get());
                }
            }
            return out;
        }

        private Map<List<String>, String> hpaTargets() {
            Map<List<String>, String> out = new HashMap<>();
            RangeResult r = results.get(UsageQuery.HPA_TARGET);
            if (r == null) {
                return out;
            }
            for (LabelledSeries s : r.series()) {
                Map<String, String> l = s.labels();
                if (blank(l.get("namespace")) || blank(l.get("horizontalpodautoscaler"))
                        || blank(l.get("scaletargetref_name"))) {
                    continue;
                }
                out.put(List.of(l.getOrDefault("cluster", ""), l.get("namespace"),
                        l.getOrDefault("scaletargetref_kind", "Deployment"), l.get("scaletargetref_name")),
                        l.get("horizontalpodautoscaler"));
            }
            return out;
        }

        private static Optional<Double> last(LabelledSeries s) {
            return s.samples().isEmpty() ? Optional.empty()
                    : Optional.of(s.samples().get(s.samples().size() - 1).value());
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }

        private static String decimal(double v) {
            return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }
    }
}
