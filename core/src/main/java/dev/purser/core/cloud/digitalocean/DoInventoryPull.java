package dev.purser.core.cloud.digitalocean;

import dev.purser.core.analysis.catalog.PriceCatalogStore;
import dev.purser.core.cloud.Lazy;
import dev.purser.core.analysis.catalog.CatalogSize;
import dev.purser.core.analysis.catalog.PriceCatalog;
import dev.purser.core.analysis.catalog.PriceCatalogs;
import dev.purser.core.analysis.catalog.PriceLookup;
import dev.purser.core.analysis.catalog.SizeClass;
import dev.purser.core.cloud.http.HttpSettings;
import dev.purser.core.config.DigitalOceanConfig;
import dev.purser.core.config.Secret;
import dev.purser.core.cloud.http.RateLimitRecorder;
import dev.purser.core.ingest.InventoryPull;
import dev.purser.core.ingest.InventorySink;
import dev.purser.core.model.Money;
import dev.purser.core.model.Resource;
import dev.purser.core.model.UsageSeries;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * {@code import do-inventory}: what a DigitalOcean team runs, how hard its droplets work, and the
 * live price catalog, in the demo's vocabulary so {@code rightsize}, {@code waste} and
 * {@code savings} answer from it unchanged.
 *
 * <p>What lands, per resource kind (ids are DigitalOcean's own, as the bill names them):
 * <ul>
 * <li>{@code droplet}: size slug, region, monthly price from the droplet's size; attributes
 *     {@code vcpus}, {@code memory_bytes}, {@code disk_gb}, {@code price_hourly}, {@code status},
 *     {@code created_at}; usage {@code cpu_percent} (percent of all vCPUs, from the per-mode CPU
 *     second counters: 100 × (1 − Δidle / Δall modes) between samples) and {@code memory_bytes}
 *     (memory_total − memory_available). A droplet tagged {@code autoscale} or
 *     {@code autoscale-pool:NAME} carries {@code autoscaler=digitalocean-autoscale-pool},
 *     {@code autoscale_pool} and {@code replicas} (droplets in the same pool), so it is sized per replica.</li>
 * <li>{@code database-cluster}: size, {@code engine}, {@code version}, {@code num_nodes},
 *     {@code vcpus}/{@code memory_bytes} of the node size, {@code latest_backup} and
 *     {@code storage_used_bytes} (the newest backup and its size: what a restore reads back),
 *     {@code storage_size_mib}; priced per node from the catalog. No usage: the API has no database metrics.</li>
 * <li>{@code volume}: {@code attached}, {@code attached_to}, {@code size_gb}, {@code created_at}; priced
 *     size × {@link DoStorageRates#volumePerGibMonth()}.</li>
 * <li>{@code droplet-snapshot}/{@code volume-snapshot}: {@code created_at}, {@code size_gb}; priced
 *     size × {@link DoStorageRates#snapshotPerGibMonth()}.</li>
 * <li>{@code reserved-ip}: {@code assigned}, {@code ip}, {@code droplet_id}; an unassigned one priced
 *     {@link DoStorageRates#unassignedReservedIpMonthly()}, an assigned one 0.</li>
 * </ul>
 * Tags: {@code key:value} becomes tag {@code key}; a bare environment word ({@code production},
 * {@code staging}, ...) becomes {@code env}; a bare {@code critical} becomes {@code tier=critical}.
 *
 * <p>Whole or nothing: every API call is made first; only when all have answered is the live catalog
 * stored and the account's inventory replaced, so a 401, a 429 past its retries or a 500 half-way leaves
 * the store as it was. A re-pull replaces the account's inventory and the catalog row.
 */
public final class DoInventoryPull implements InventoryPull {

    /** The pull kind, as typed after {@code import}. */
    public static final String KIND = "do-inventory";
    /** The account the inventory is filed under when the request names none. */
    public static final String DEFAULT_ACCOUNT = "digitalocean";
    /** The autoscaler attribute value of a droplet in an autoscale pool. */
    public static final String AUTOSCALER = "digitalocean-autoscale-pool";

    private static final double MIB = 1024.0 * 1024;
    private static final double GIB = 1024.0 * 1024 * 1024;
    private static final Set<String> ENVIRONMENTS = Set.of("production", "prod", "staging", "stage", "test", "qa",
            "dev", "development", "sandbox");

    private final Supplier<DigitalOceanClient> client;
    private final InventorySink inventory;
    private final PriceCatalogStore catalogs;
    private final PriceCatalog bundled;
    private final DoStorageRates rates;
    private final Clock clock;

    /**
     * @param client   built when a pull starts (so a missing token is reported then)
     * @param bundled  where database node prices come from (the API has none)
     */
    public DoInventoryPull(Supplier<DigitalOceanClient> client, InventorySink inventory,
            PriceCatalogStore catalogs, PriceCatalog bundled, DoStorageRates rates, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.catalogs = Objects.requireNonNull(catalogs, "catalogs");
        this.bundled = Objects.requireNonNull(bundled, "bundled");
        this.rates = Objects.requireNonNull(rates, "rates");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** With the bundled DigitalOcean snapshot and the 2026-11-01 storage rates. */
    public DoInventoryPull(DigitalOceanClient client, InventorySink inventory, PriceCatalogStore catalogs,
            Clock clock) {
        this(supplier(Objects.requireNonNull(client, "client")), inventory, catalogs,
                PriceCatalogs.bundledDigitalOcean(),
                DoStorageRates.PRICE_LIST_2026_11_01, clock);
    }

    /**
     * A pull against the configured DigitalOcean API with the configured token. The client is built
     * at the first pull, so a missing token is reported then (BAD_ARGUMENT naming the variable), not
     * at start-up.
     */
    public static DoInventoryPull create(DigitalOceanConfig config, Secret token, HttpSettings settings,
            RateLimitRecorder recorder, InventorySink inventory, PriceCatalogStore catalogs, Clock clock) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(recorder, "recorder");
        Objects.requireNonNull(clock, "clock");
        return new DoInventoryPull(Lazy.once(() -> DigitalOceanClient.create(config, token, settings, recorder, clock)), inventory, catalogs,
                PriceCatalogs.bundledDigitalOcean(), DoStorageRates.PRICE_LIST_2026_11_01, clock);
    }

    private static Supplier<DigitalOceanClient> supplier(DigitalOceanClient c) {
        return () -> c;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Result pull(Request request) {
        Objects.requireNonNull(request, "request");
        String account = request.account() == null ? DEFAULT_ACCOUNT : request.account();
        DigitalOceanClient api = client.get();
        Instant now = clock.instant();
        Instant from = now.minus(request.window());

        // 1. Read everything; nothing is written until every call has answered.
        PriceCatalog catalog = new DoLiveCatalog(api, bundled, clock).fetch();
        List<Droplet> droplets = api.droplets();
        List<DatabaseCluster> clusters = api.databaseClusters();
        Map<String, List<DatabaseBackup>> backups = new LinkedHashMap<>();
        for (DatabaseCluster c : clusters) {
            backups.put(c.id(), api.databaseBackups(c.id()));
        }
        List<Volume> volumes = api.volumes();
        List<Snapshot> snapshots = api.snapshots();
        List<ReservedIp> ips = api.reservedIps();
        List<String> notes = new ArrayList<>();
        List<UsageSeries> usage = new ArrayList<>();
        List<String> unmonitored = new ArrayList<>();
        for (Droplet d : droplets) {
            if (!"active".equalsIgnoreCase(d.status())) {
                unmonitored.add(d.name() + " (" + d.status() + ")");
                continue;
            }
            String id = Long.toString(d.id());
            List<MetricSeries> cpu = api.dropletMetrics(DropletMetric.CPU, d.id(), from, now);
            List<MetricSeries> total = api.dropletMetrics(DropletMetric.MEMORY_TOTAL, d.id(), from, now);
            List<MetricSeries> available = api.dropletMetrics(DropletMetric.MEMORY_AVAILABLE, d.id(), from, now);
            Optional<UsageSeries> cpuSeries = cpuPercent(id, cpu);
            Optional<UsageSeries> memSeries = memoryUsed(id, total, available);
            cpuSeries.ifPresent(usage::add);
            memSeries.ifPresent(usage::add);
            if (cpuSeries.isEmpty() && memSeries.isEmpty()) {
                unmonitored.add(d.name());
            } else if (cpuSeries.isEmpty() || memSeries.isEmpty()) {
                notes.add(d.name() + ": no " + (cpuSeries.isEmpty() ? "CPU" : "memory")
                        + " samples in the window (is the monitoring agent running?)");
            }
            for (UsageSeries s : List.of(cpuSeries, memSeries).stream().flatMap(Optional::stream).toList()) {
                long expected = request.window().toSeconds() / s.step().toSeconds();
                if (expected > 0 && s.samples().size() < expected * 9 / 10) {
                    notes.add(String.format(Locale.ROOT, "%s: %s covers %d of %d %s steps in the window (gaps)",
                            d.name(), s.metric(), s.samples().size(), expected, step(s.step())));
                }
            }
        }
        if (!unmonitored.isEmpty()) {
            notes.add(0, unmonitored.size() + (unmonitored.size() == 1 ? " droplet has" : " droplets have")
                    + " no monitoring data (usage unknown, never idle): " + String.join(", ", unmonitored));
        }

        // 2. Map to the demo's vocabulary.
        List<Resource> resources = new ArrayList<>();
        Map<String, Long> pools = new HashMap<>();
        for (Droplet d : droplets) {
            pool(d.tags()).ifPresent(p -> pools.merge(p, 1L, Long::sum));
        }
        for (Droplet d : droplets) {
            resources.add(droplet(account, d, pools));
        }
        for (DatabaseCluster c : clusters) {
            resources.add(cluster(account, c, backups.get(c.id()), catalog, notes));
        }
        for (Volume v : volumes) {
            resources.add(volume(account, v));
        }
        for (Snapshot s : snapshots) {
            resources.add(snapshot(account, s));
        }
        for (ReservedIp ip : ips) {
            resources.add(reservedIp(account, ip));
        }
        if (!volumes.isEmpty() || !snapshots.isEmpty() || !ips.isEmpty()) {
            notes.add("volume, snapshot and reserved-IP prices: " + rates.source());
        }

        // 3. Write: the catalog (one upserted row), then the inventory (one transaction).
        catalogs.save(catalog, now);
        inventory.replaceScenario(account, resources, usage);

        Map<String, Integer> byKind = new TreeMap<>();
        for (Resource r : resources) {
            byKind.merge(r.kind(), 1, Integer::sum);
        }
        long samples = usage.stream().mapToLong(s -> s.samples().size()).sum();
        long machines = catalog.sizes().stream().filter(s -> s.sizeClass() == SizeClass.MACHINE).count();
        String described = catalog.name() + " (" + catalog.source() + "): " + machines + " droplet sizes, "
                + (catalog.sizes().size() - machines) + " database node sizes priced from the bundled "
                + bundled.snapshotDate() + " snapshot, layouts for " + new TreeSet<>(catalog.databaseLayouts()
                        .stream().map(l -> l.engine()).toList()).size() + " engines";
        return new Result(account, byKind, usage.size(), samples, List.of(described), 0, notes);
    }

    // ---------------------------------------------------------------- resources

    private static Resource droplet(String account, Droplet d, Map<String, Long> pools) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("vcpus", Integer.toString(d.vcpus()));
        a.put("memory_bytes", Long.toString((long) (d.memoryMb() * MIB)));
        a.put("disk_gb", Integer.toString(d.diskGb()));
        a.put("price_hourly", d.priceHourly().toPlainString());
        a.put("status", d.status());
        if (d.createdAt() != null) {
            a.put("created_at", d.createdAt().toString());
        }
        if (!d.volumeIds().isEmpty()) {
            a.put("volume_ids", String.join(",", d.volumeIds()));
        }
        // Prometheus names a scrape target by address, so these let its series find the droplet
        if (d.privateIpv4() != null) {
            a.put("private_ip", d.privateIpv4());
        }
        if (d.publicIpv4() != null) {
            a.put("public_ip", d.publicIpv4());
        }
        putTags(a, d.tags());
        Optional<String> pool = pool(d.tags());
        if (pool.isPresent()) {
            a.put("autoscaler", AUTOSCALER);
            a.put("autoscale_pool", pool.get());
            a.put("replicas", Long.toString(pools.getOrDefault(pool.get(), 1L)));
        }
        return new Resource(account, Long.toString(d.id()), d.name(), "DigitalOcean", "droplet", d.sizeSlug(),
                d.regionSlug(), d.priceMonthly(), tags(d.tags()), a);
    }

    private Resource cluster(String account, DatabaseCluster c, List<DatabaseBackup> backups, PriceCatalog catalog,
            List<String> notes) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("engine", c.engine());
        if (c.version() != null) {
            a.put("version", c.version());
        }
        a.put("num_nodes", Integer.toString(c.numNodes()));
        Optional<CatalogSize> node = catalog.databaseNode(c.engine(), c.size());
        node.ifPresent(n -> {
            a.put("vcpus", Integer.toString(n.vcpus()));
            a.put("memory_bytes", Long.toString(n.memoryBytes()));
        });
        if (c.status() != null) {
            a.put("status", c.status());
        }
        if (c.createdAt() != null) {
            a.put("created_at", c.createdAt().toString());
        }
        if (c.storageSizeMib() != null) {
            a.put("storage_size_mib", Long.toString(c.storageSizeMib()));
        }
        Optional<DatabaseBackup> latest = backups.stream().max(Comparator.comparing(DatabaseBackup::createdAt));
        if (latest.isPresent()) {
            a.put("latest_backup", latest.get().createdAt().toString());
            // the newest backup's size is what a restore would read back (GiB, as DigitalOcean's "GB")
            a.put("storage_used_bytes", latest.get().sizeGigabytes().multiply(BigDecimal.valueOf((long) GIB))
                    .toBigInteger().toString());
        } else {
            notes.add("database cluster " + c.name() + " lists no backups: backup recency and restore time unknown");
        }
        putTags(a, c.tags());
        PriceLookup price = catalog.databasePrice(c.engine(), c.size(), c.numNodes());
        Money monthly = null;
        if (price instanceof PriceLookup.Found f) {
            monthly = f.monthly();
            a.put("price_per_node_monthly", f.size().monthlyPrice().amount().toPlainString());
        } else if (price instanceof PriceLookup.NotFound nf) {
            notes.add("database cluster " + c.name() + ": " + nf.reason());
        }
        return new Resource(account, c.id(), c.name(), "DigitalOcean", "database-cluster", c.size(), c.region(),
                monthly, tags(c.tags()), a);
    }

    private Resource volume(String account, Volume v) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("attached", Boolean.toString(v.attached()));
        a.put("state", v.attached() ? "in-use" : "available");
        if (v.attached()) {
            a.put("attached_to", String.join(",", v.dropletIds().stream().map(String::valueOf).toList()));
        }
        a.put("size_gb", v.sizeGigabytes().toPlainString());
        if (v.createdAt() != null) {
            a.put("created_at", v.createdAt().toString());
        }
        a.put("price_source", rates.source());
        putTags(a, v.tags());
        return new Resource(account, v.id(), v.name(), "DigitalOcean", "volume", null, v.regionSlug(),
                rates.volumePerGibMonth().times(v.sizeGigabytes()), tags(v.tags()), a);
    }

    private Resource snapshot(String account, Snapshot s) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("created_at", s.createdAt().toString());
        a.put("size_gb", s.sizeGigabytes().toPlainString());
        a.put("min_disk_size", Integer.toString(s.minDiskSize()));
        a.put("resource_type", s.resourceType());
        if (s.resourceId() != null) {
            a.put("source_resource_id", s.resourceId());
        }
        a.put("price_source", rates.source());
        putTags(a, s.tags());
        String kind = "volume".equalsIgnoreCase(s.resourceType()) ? "volume-snapshot" : "droplet-snapshot";
        return new Resource(account, s.id(), s.name(), "DigitalOcean", kind, null,
                s.regions().isEmpty() ? null : s.regions().get(0), rates.snapshotPerGibMonth().times(s.sizeGigabytes()),
                tags(s.tags()), a);
    }

    private Resource reservedIp(String account, ReservedIp ip) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("ip", ip.ip());
        a.put("assigned", Boolean.toString(ip.assigned()));
        if (ip.assigned()) {
            a.put("droplet_id", Long.toString(ip.dropletId()));
            if (ip.dropletName() != null) {
                a.put("droplet_name", ip.dropletName());
            }
        }
        a.put("locked", Boolean.toString(ip.locked()));
        a.put("price_source", rates.source());
        Money price = ip.assigned() ? Money.zero(rates.unassignedReservedIpMonthly().currency())
                : rates.unassignedReservedIpMonthly();
        return new Resource(account, ip.ip(), ip.ip(), "DigitalOcean", "reserved-ip", null, ip.regionSlug(), price,
                Map.of(), a);
    }

    // ---------------------------------------------------------------- tags

    /** The autoscale pool a droplet's tags name: {@code autoscale-pool:NAME}, or {@code autoscale} (pool "autoscale"). */
    static Optional<String> pool(List<String> tags) {
        for (String t : tags) {
            String lower = t.toLowerCase(Locale.ROOT);
            if (lower.startsWith("autoscale-pool:") && t.length() > "autoscale-pool:".length()) {
                return Optional.of(t.substring("autoscale-pool:".length()));
            }
            if (lower.equals("autoscale") || lower.equals("autoscale-pool")) {
                return Optional.of("autoscale");
            }
        }
        return Optional.empty();
    }

    /** DigitalOcean tags are plain strings: {@code key:value} pairs and bare words. */
    static Map<String, String> tags(List<String> raw) {
        Map<String, String> out = new TreeMap<>();
        for (String t : raw) {
            int colon = t.indexOf(':');
            if (colon > 0 && colon < t.length() - 1) {
                out.put(t.substring(0, colon), t.substring(colon + 1));
                continue;
            }
            String lower = t.toLowerCase(Locale.ROOT);
            if (ENVIRONMENTS.contains(lower)) {
                out.putIfAbsent("env", lower);
            } else if (lower.equals("critical")) {
                out.put("tier", "critical");
            } else {
                out.putIfAbsent(t, "true");
            }
        }
        return out;
    }

    private static void putTags(Map<String, String> attributes, List<String> raw) {
        if (!raw.isEmpty()) {
            attributes.put("do_tags", String.join(",", raw));
        }
        String tier = tags(raw).get("tier");
        if (tier != null) {
            attributes.put("tier", tier);
        }
    }

    // ---------------------------------------------------------------- metrics

    /**
     * CPU busy percent of all vCPUs between consecutive samples, from DigitalOcean's cumulative CPU
     * seconds per mode. A point where a mode is missing, or the counters went back (a reboot), is
     * left out: a gap, not a guess.
     */
    static Optional<UsageSeries> cpuPercent(String resourceId, List<MetricSeries> modes) {
        if (modes.isEmpty()) {
            return Optional.empty();
        }
        List<Map<Instant, Double>> byMode = new ArrayList<>();
        Map<Instant, Double> idle = null;
        TreeSet<Instant> times = null;
        for (MetricSeries m : modes) {
            Map<Instant, Double> values = new HashMap<>();
            m.samples().forEach(s -> values.put(s.at(), s.value()));
            byMode.add(values);
            if ("idle".equals(m.labels().get("mode"))) {
                idle = values;
            }
            if (times == null) {
                times = new TreeSet<>(values.keySet());
            } else {
                times.retainAll(values.keySet());
            }
        }
        if (idle == null || times.size() < 2) {
            return Optional.empty();
        }
        List<UsageSeries.Sample> samples = new ArrayList<>();
        Instant prev = null;
        double prevTotal = 0;
        double prevIdle = 0;
        for (Instant t : times) {
            double total = 0;
            for (Map<Instant, Double> mode : byMode) {
                total += mode.get(t);
            }
            double idleNow = idle.get(t);
            if (prev != null) {
                double dTotal = total - prevTotal;
                double dIdle = idleNow - prevIdle;
                if (dTotal > 0 && dIdle >= 0 && dIdle <= dTotal) {
                    samples.add(new UsageSeries.Sample(t, 100.0 * (dTotal - dIdle) / dTotal));
                }
            }
            prev = t;
            prevTotal = total;
            prevIdle = idleNow;
        }
        if (samples.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new UsageSeries(resourceId, "cpu_percent", "percent", step(times), samples));
    }

    /** Memory in use: total minus available, at the instants both have a sample. */
    static Optional<UsageSeries> memoryUsed(String resourceId, List<MetricSeries> total, List<MetricSeries> available) {
        if (total.isEmpty() || available.isEmpty()) {
            return Optional.empty();
        }
        Map<Instant, Double> avail = new HashMap<>();
        available.get(0).samples().forEach(s -> avail.put(s.at(), s.value()));
        List<UsageSeries.Sample> samples = new ArrayList<>();
        TreeSet<Instant> times = new TreeSet<>();
        for (UsageSeries.Sample s : total.get(0).samples()) {
            Double a = avail.get(s.at());
            if (a != null && s.value() >= a) {
                samples.add(new UsageSeries.Sample(s.at(), s.value() - a));
                times.add(s.at());
            }
        }
        if (samples.isEmpty()) {
            return Optional.empty();
        }
        samples.sort(Comparator.comparing(UsageSeries.Sample::at));
        return Optional.of(new UsageSeries(resourceId, "memory_bytes", "bytes", step(times), samples));
    }

    /** The most common spacing of the instants: the series' step (a missing sample is a gap, not a longer step). */
    private static Duration step(TreeSet<Instant> times) {
        Map<Long, Integer> counts = new HashMap<>();
        Instant prev = null;
        for (Instant t : times) {
            if (prev != null) {
                counts.merge(Duration.between(prev, t).toSeconds(), 1, Integer::sum);
            }
            prev = t;
        }
        long best = 0;
        int bestCount = 0;
        for (Map.Entry<Long, Integer> e : new TreeMap<>(counts).entrySet()) {
            if (e.getKey() > 0 && e.getValue() > bestCount) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return Duration.ofSeconds(best > 0 ? best : 300);
    }

    private static String step(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + "-minute" : d.toSeconds() + "-second";
    }
}
