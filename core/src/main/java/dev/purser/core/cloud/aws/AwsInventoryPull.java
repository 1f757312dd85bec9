package dev.purser.core.cloud.aws;

import dev.purser.core.analysis.catalog.PriceCatalogStore;
import dev.purser.core.cloud.Lazy;
import dev.purser.core.analysis.catalog.CatalogSize;
import dev.purser.core.analysis.catalog.PriceCatalog;
import dev.purser.core.analysis.catalog.PriceLookup;
import dev.purser.core.config.AwsConfig;
import dev.purser.core.error.PurserException;
import dev.purser.core.ingest.InventoryPull;
import dev.purser.core.ingest.InventorySink;
import dev.purser.core.model.Money;
import dev.purser.core.model.Resource;
import dev.purser.core.model.UsageSeries;
import dev.purser.core.ingest.InventoryLoad;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * {@code import aws-inventory [--account ID] [--window 30d]}: what an AWS account runs in one
 * region ({@link AwsInventorySource}), how hard it runs (CloudWatch, {@link CloudWatchMetrics})
 * and what its sizes cost today (the Price List API, {@link AwsPriceListSource}), landed so
 * {@code rightsize}, {@code waste} and {@code savings} answer from it as they do from the demo.
 *
 * <p>Whole or nothing: every API is read first; only then is anything written. The live catalog
 * is stored first ({@link PriceCatalogStore#save}, one upsert) and the inventory second
 * ({@link InventorySink#replaceScenario}, one transaction replacing the account's earlier
 * pull), so an API failure at any point leaves the store as it was. (If the inventory write alone
 * fails, the fresh prices stay: they are true whatever the inventory holds.)
 *
 * <p>Resources are {@link AwsInventorySource}'s, filed under the account, with what the analyses
 * read added: EC2 instances get {@code vcpus}, {@code memory_bytes}, {@code price_hourly} and a
 * monthly list price from the live catalog; RDS instances become kind {@code database-instance}
 * (the kind the right-sizing and waste analyses read for a database that is its own cluster),
 * with {@code nodes} = 2 for a Multi-AZ deployment (one standby, priced as a second instance),
 * {@code vcpus}, {@code memory_bytes} and the monthly price of all nodes.
 *
 * <p>Volumes, snapshots and Elastic IPs are priced from the same Price List
 * ({@link AwsPriceListSource#storagePrices}), so {@code waste} can say what an unattached volume,
 * an idle address or an old snapshot costs even when no bill names it: a volume at its type's
 * GB-month rate × {@code sizeGiB}; a snapshot at the standard (or archive) tier's GB-month rate ×
 * its full size ({@code fullSnapshotSizeBytes}, else the source volume's {@code volumeSizeGiB}),
 * an upper bound for the incremental standard tier; an address at the idle or in-use public IPv4
 * hourly rate × {@value AwsPriceListSource#HOURS_PER_MONTH}. Each priced resource carries
 * {@value #PRICE_SOURCE} ({@code AWS Price List 2026-11-23}), {@value #PRICE_RATE} (rate ×
 * quantity) and, when the figure leaves something out (provisioned IOPS and throughput above the
 * free baseline, magnetic I/O requests) or may overstate (incremental snapshots),
 * {@value #PRICE_NOTE}; the result's notes say the same.
 *
 * <p>Usage series over the request window, from CloudWatch at {@link CloudWatchMetrics#periodFor}:
 * <table>
 * <caption>CloudWatch metrics and the series they land as</caption>
 * <tr><th>resource</th><th>CloudWatch</th><th>series (metric, unit)</th></tr>
 * <tr><td>running EC2 instance</td><td>AWS/EC2 CPUUtilization, Average</td><td>{@code cpu_percent}, percent</td></tr>
 * <tr><td>EC2 instance with the CloudWatch agent</td><td>CWAgent mem_used_percent, Average</td>
 *     <td>{@code memory_percent}, percent</td></tr>
 * <tr><td>RDS instance</td><td>AWS/RDS CPUUtilization, Average</td><td>{@code cpu_percent}, percent</td></tr>
 * <tr><td>RDS instance whose class the catalog knows</td><td>AWS/RDS FreeableMemory, Minimum</td>
 *     <td>{@code memory_bytes} = the class's memory − freeable, bytes</td></tr>
 * <tr><td>RDS instance</td><td>AWS/RDS DatabaseConnections, Maximum</td><td>{@code connections}, count</td></tr>
 * </table>
 * CPU is the period's Average (at 5 minutes, EC2's basic monitoring has one point per period, so
 * Average and Maximum agree); connections take the Maximum so one short session is not averaged
 * away before "no connections for a week" is judged; memory takes the lowest free memory, i.e. the
 * highest use. EC2 memory is not in CloudWatch unless the CloudWatch agent publishes it: such
 * instances are sized on CPU with their memory kept, and the result says which.
 *
 * <p>Account: the request's, else the EC2 reservations' (or snapshots') owner id, else
 * {@value #ACCOUNT_ENV}; with none of them the pull is refused.
 */
public final class AwsInventoryPull implements InventoryPull {

    /** The pull kind, as typed after {@code import}. */
    public static final String KIND = "aws-inventory";
    /** The environment variable naming the account to file under when AWS does not say. */
    public static final String ACCOUNT_ENV = CostExplorerImport.ACCOUNT_ENV;

    private static final long MIB = 1024L * 1024L;
    private static final long GIB = 1024L * MIB;
    /** Where a resource's monthly price came from, e.g. {@code AWS Price List 2026-11-23}. */
    public static final String PRICE_SOURCE = "price_source";
    /** The rate and quantity behind a resource's monthly price. */
    public static final String PRICE_RATE = "price_rate";
    /** What a resource's monthly price leaves out or overstates, when anything. */
    public static final String PRICE_NOTE = "price_note";
    private static final BigDecimal GP3_FREE_IOPS = BigDecimal.valueOf(3_000);
    private static final BigDecimal GP3_FREE_MIBPS = BigDecimal.valueOf(125);

    private final Supplier<Sources> sources;
    private final InventorySink inventory;
    private final PriceCatalogStore catalogs;
    private final Clock clock;
    private final String defaultAccount;

    /** The three API readers one pull uses, built together. */
    public record Sources(AwsInventorySource inventory, CloudWatchMetrics metrics, AwsPriceListSource prices) {
        public Sources {
            Objects.requireNonNull(inventory, "inventory");
            Objects.requireNonNull(metrics, "metrics");
            Objects.requireNonNull(prices, "prices");
        }
    }

    /**
     * @param defaultAccount the account to file under when neither the request nor AWS names one; may be null
     */
    public AwsInventoryPull(Sources sources, InventorySink inventory, PriceCatalogStore catalogs, Clock clock,
            String defaultAccount) {
        this(supplierOf(Objects.requireNonNull(sources, "sources")), inventory, catalogs, clock, defaultAccount);
    }

    private AwsInventoryPull(Supplier<Sources> sources, InventorySink inventory, PriceCatalogStore catalogs,
            Clock clock, String defaultAccount) {
        this.sources = sources;
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.catalogs = Objects.requireNonNull(catalogs, "catalogs");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.defaultAccount = defaultAccount == null || defaultAccount.isBlank() ? null : defaultAccount.trim();
    }

    /**
     * A pull of {@code settings.region()} with the given credentials, filing resources under
     * {@code aws.account_id} when neither the request nor AWS names the account. The EC2, RDS and
     * CloudWatch clients use the settings' region, the Price List client
     * {@value AwsSettings#PRICING_REGION}; each takes its {@code aws.endpoints} override; all are
     * built at the first pull.
     */
    public static AwsInventoryPull create(AwsConfig config, AwsSettings settings, AwsCredentialsProvider credentials,
            InventorySink inventory, PriceCatalogStore catalogs, Clock clock) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(credentials, "credentials");
        return new AwsInventoryPull(Lazy.once(() -> new Sources(
                new AwsInventorySource(AwsClients.ec2(settings.forService(config, "ec2"), credentials),
                        AwsClients.rds(settings.forService(config, "rds"), credentials)),
                new CloudWatchMetrics(AwsClients.cloudWatch(settings.forService(config, "cloudwatch"), credentials)),
                new AwsPriceListSource(AwsClients.pricing(settings.forService(config, "pricing"), credentials)))),
                inventory, catalogs, clock, config.accountId());
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Result pull(Request request) {
        Objects.requireNonNull(request, "request");
        Duration period = CloudWatchMetrics.periodFor(request.window());
        Sources api = sources.get();
        Instant now = clock.instant();
        List<String> notes = new ArrayList<>();

        // 1. inventory, filed under a placeholder until the account is known
        List<Resource> listed = api.inventory().resources("-");
        String account = account(request, listed);
        String region = listed.isEmpty() ? null : listed.get(0).region();

        // 2. live prices for the families the inventory uses
        Set<String> machineTypes = new TreeSet<>();
        Map<String, Set<String>> databaseClasses = new TreeMap<>();
        Set<String> volumeTypes = new TreeSet<>();
        boolean snapshots = false;
        boolean addresses = false;
        for (Resource r : listed) {
            boolean sized = r.size() != null && !r.size().isBlank();
            switch (r.kind()) {
                case "ec2-instance" -> {
                    if (sized) {
                        machineTypes.add(r.size());
                    }
                }
                case "rds-instance" -> {
                    if (sized) {
                        databaseClasses.computeIfAbsent(r.attributes().getOrDefault("engine", ""),
                                e -> new TreeSet<>()).add(r.size());
                    }
                }
                case "ebs-volume" -> {
                    if (sized) {
                        volumeTypes.add(r.size());
                    }
                }
                case "ebs-snapshot" -> snapshots = true;
                case "elastic-ip" -> addresses = true;
                default -> {
                    // a kind this pull does not price
                }
            }
        }
        databaseClasses.remove("");
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Optional<AwsPriceListSource.Listing> listing = Optional.empty();
        boolean storage = !volumeTypes.isEmpty() || snapshots || addresses;
        if (!machineTypes.isEmpty() || !databaseClasses.isEmpty()) {
            listing = Optional.of(api.prices().catalog(region, machineTypes, databaseClasses, today));
            notes.addAll(listing.get().notes());
        } else {
            notes.add(storage ? "no EC2 or RDS instances: no instance prices pulled"
                    : "no EC2 or RDS instances: no live prices pulled");
        }
        PriceCatalog catalog = listing.map(AwsPriceListSource.Listing::catalog).orElse(null);
        AwsPriceListSource.StoragePrices storagePrices = null;
        if (storage) {
            storagePrices = api.prices().storagePrices(region, volumeTypes, snapshots, addresses, today);
            notes.addAll(storagePrices.notes());
        }

        // 3. resources as the analyses read them
        List<Resource> resources = new ArrayList<>();
        Pricing pricing = new Pricing(catalog, storagePrices);
        for (Resource r : listed) {
            resources.add(enrich(r, account, pricing));
        }
        notes.addAll(pricing.notes());

        // 4. usage from CloudWatch
        Usage usage = usage(api.metrics(), resources, now.minus(request.window()), now, period, notes);

        // 5. land: nothing has been written before this point
        List<String> catalogs = new ArrayList<>();
        if (catalog != null) {
            this.catalogs.save(catalog, now);
            catalogs.add(catalog.name() + " " + catalog.source() + ": " + catalog.sizes().size() + " sizes from the"
                    + " AWS Price List API (" + api.prices().requests() + " requests)");
        }
        if (storagePrices != null) {
            catalogs.add(storagePrices.summary());
        }
        InventoryLoad load = inventory.replaceScenario(account, resources, usage.series());
        Map<String, Integer> byKind = new TreeMap<>();
        for (Resource r : resources) {
            byKind.merge(r.kind(), 1, Integer::sum);
        }
        notes.addAll(usage.notes());
        if (load.replacedResources() > 0) {
            notes.add("replaced the earlier inventory of " + account + " (" + load.replacedResources()
                    + " resources, " + load.replacedSamples() + " samples)");
        }
        return new Result(account, byKind, usage.series().size(), load.samples(), catalogs, 0, notes);
    }

    // ------------------------------------------------------------------------------- account

    private String account(Request request, List<Resource> listed) {
        if (request.account() != null) {
            return request.account();
        }
        for (String kind : List.of("ec2-instance", "ebs-snapshot")) {
            for (Resource r : listed) {
                String owner = r.attributes().get("account_id");
                if (r.kind().equals(kind) && owner != null && !owner.isBlank()) {
                    return owner;
                }
            }
        }
        if (defaultAccount != null) {
            return defaultAccount;
        }
        throw PurserException.badArgument(KIND + " cannot tell which AWS account this is (it has no EC2 instances"
                + " or snapshots to read the owner from): give --account 111122223333 or set " + ACCOUNT_ENV);
    }

    // ------------------------------------------------------------------------------- resources

    private static Resource enrich(Resource r, String account, Pricing pricing) {
        Map<String, String> a = new LinkedHashMap<>(r.attributes());
        Money monthly = r.monthlyPrice();
        String kind = r.kind();
        PriceCatalog catalog = pricing.catalog;
        if (kind.equals("ec2-instance") && catalog != null && r.size() != null) {
            Optional<CatalogSize> size = catalog.machine(r.size());
            if (size.isPresent()) {
                a.putIfAbsent("vcpus", Integer.toString(size.get().vcpus()));
                a.putIfAbsent("memory_bytes", Long.toString(size.get().memoryMib() * MIB));
                if (size.get().hourlyPrice() != null) {
                    a.putIfAbsent("price_hourly", size.get().hourlyPrice().amount().toPlainString());
                }
                monthly = size.get().monthlyPrice();
                a.put(PRICE_SOURCE, "AWS Price List " + catalog.snapshotDate());
            }
        } else if (kind.equals("ebs-volume") || kind.equals("ebs-snapshot") || kind.equals("elastic-ip")) {
            Money priced = pricing.storage(r, a);
            if (priced != null) {
                monthly = priced;
            }
        } else if (kind.equals("rds-instance")) {
            kind = "database-instance";
            String engine = a.getOrDefault("engine", "");
            boolean aurora = engine.startsWith("aurora");
            // Aurora replicas are separate instances; an RDS Multi-AZ instance hides one standby
            int nodes = !aurora && "true".equals(a.get("multiAz")) ? 2 : 1;
            a.put("nodes", Integer.toString(nodes));
            if (catalog != null && r.size() != null) {
                Optional<CatalogSize> size = catalog.databaseNode(engine, r.size());
                if (size.isPresent()) {
                    a.putIfAbsent("vcpus", Integer.toString(size.get().vcpus()));
                    a.putIfAbsent("memory_bytes", Long.toString(size.get().memoryMib() * MIB));
                }
                if (catalog.databasePrice(engine, r.size(), nodes) instanceof PriceLookup.Found found) {
                    monthly = found.monthly();
                    a.put(PRICE_SOURCE, "AWS Price List " + catalog.snapshotDate());
                }
            }
        }
        return new Resource(account, r.id(), r.name(), r.provider(), kind, r.size(), r.region(), monthly, r.tags(), a);
    }

    /**
     * Prices storage and addresses from the Price List, one resource at a time, and tallies what
     * the result should say about those prices.
     */
    private static final class Pricing {
        final PriceCatalog catalog;
        final AwsPriceListSource.StoragePrices storage;
        final Set<String> storageOnly = new TreeSet<>();
        final Set<String> ioCharges = new TreeSet<>();
        final Set<String> snapshotBounds = new TreeSet<>();

        Pricing(PriceCatalog catalog, AwsPriceListSource.StoragePrices storage) {
            this.catalog = catalog;
            this.storage = storage;
        }

        /**
         * The monthly list price of a volume, snapshot or address, with {@code price_source},
         * {@code price_rate} and, where the figure is not the whole bill, {@code price_note} put
         * into {@code a}; null when the Price List does not price it.
         */
        Money storage(Resource r, Map<String, String> a) {
            if (storage == null) {
                return null;
            }
            Money monthly;
            switch (r.kind()) {
                case "ebs-volume" -> {
                    Money rate = r.size() == null ? null : storage.volumeGbMonth().get(r.size());
                    BigDecimal gib = decimal(a.get("sizeGiB"));
                    if (rate == null || gib == null) {
                        return null;
                    }
                    monthly = perGbMonth(rate, gib, a);
                    String extra = performanceNotPriced(r.size(), a);
                    if (extra != null) {
                        a.put(PRICE_NOTE, "storage only: " + extra + " not priced");
                        if (r.size().equals("standard")) {
                            ioCharges.add(r.id());
                        } else {
                            storageOnly.add(r.id());
                        }
                    }
                }
                case "ebs-snapshot" -> {
                    boolean archive = "archive".equalsIgnoreCase(a.getOrDefault("storageTier", "standard"));
                    Optional<Money> rate = archive ? storage.archiveGbMonth() : storage.snapshotGbMonth();
                    BigDecimal bytes = decimal(a.get("fullSnapshotSizeBytes"));
                    BigDecimal gib = bytes != null
                            ? plain(bytes.divide(BigDecimal.valueOf(GIB))) // 2^30 divides a power of ten: exact
                            : decimal(a.get("volumeSizeGiB"));
                    if (rate.isEmpty() || gib == null) {
                        return null;
                    }
                    monthly = perGbMonth(rate.get(), gib, a);
                    if (!archive) {
                        // the standard tier is incremental: deleting one snapshot frees only the
                        // blocks no other snapshot of the volume still holds
                        a.put(PRICE_NOTE, "at most: priced at the " + (bytes != null ? "snapshot's full size"
                                : "source volume's size") + "; snapshots are incremental and bill only the blocks"
                                + " no other snapshot holds");
                        snapshotBounds.add(r.id());
                    }
                }
                case "elastic-ip" -> {
                    boolean assigned = "true".equals(a.get("assigned"));
                    Optional<Money> hourly = assigned ? storage.inUseAddressHourly() : storage.idleAddressHourly();
                    if (hourly.isEmpty()) {
                        return null;
                    }
                    monthly = AwsPriceListSource.monthly(hourly.get());
                    a.put(PRICE_RATE, hourly.get().amount().toPlainString() + " USD per hour ("
                            + (assigned ? "in use" : "idle") + ") x " + AwsPriceListSource.HOURS_PER_MONTH + " hours");
                }
                default -> {
                    return null;
                }
            }
            a.put(PRICE_SOURCE, storage.source());
            return monthly;
        }

        List<String> notes() {
            List<String> out = new ArrayList<>();
            if (!storageOnly.isEmpty()) {
                out.add(storageOnly.size() + " EBS volume(s) are priced for their storage only (" + list(storageOnly)
                        + "): provisioned IOPS of io1/io2 and gp3's IOPS or throughput above its free 3,000 IOPS"
                        + " and 125 MiB/s are billed on top and not included");
            }
            if (!ioCharges.isEmpty()) {
                out.add(ioCharges.size() + " magnetic (standard) EBS volume(s) are priced for their storage only ("
                        + list(ioCharges) + "): their per-I/O request charges are not included");
            }
            if (!snapshotBounds.isEmpty()) {
                out.add(snapshotBounds.size() + " EBS snapshot(s) are priced at their full size (" + list(snapshotBounds)
                        + "), an upper bound: snapshots are incremental, so AWS bills, and deleting one saves, only"
                        + " the blocks no other snapshot of the volume holds");
            }
            return out;
        }

        private static String list(Set<String> ids) {
            return String.join(", ", ids.stream().limit(5).toList()) + (ids.size() > 5 ? ", ..." : "");
        }

        private static Money perGbMonth(Money rate, BigDecimal gib, Map<String, String> a) {
            a.put(PRICE_RATE, rate.amount().toPlainString() + " USD per GB-month x " + gib.toPlainString() + " GiB");
            return new Money(plain(rate.amount().multiply(gib)), rate.currency());
        }

        /** What a volume of this type and configuration is billed beyond its storage, or null. */
        private static String performanceNotPriced(String type, Map<String, String> a) {
            BigDecimal iops = decimal(a.get("iops"));
            BigDecimal throughput = decimal(a.get("throughputMiBps"));
            return switch (type) {
                case "io1", "io2" -> "provisioned IOPS" + (iops == null ? "" : " (" + iops.toPlainString() + ")");
                case "gp3" -> {
                    boolean moreIops = iops != null && iops.compareTo(GP3_FREE_IOPS) > 0;
                    boolean moreThroughput = throughput != null && throughput.compareTo(GP3_FREE_MIBPS) > 0;
                    if (!moreIops && !moreThroughput) {
                        yield null;
                    }
                    yield (moreIops ? "IOPS above 3,000 (" + iops.toPlainString() + ")" : "")
                            + (moreIops && moreThroughput ? " and " : "")
                            + (moreThroughput ? "throughput above 125 MiB/s (" + throughput.toPlainString() + ")" : "");
                }
                case "standard" -> "per-I/O request charges";
                default -> null;
            };
        }

        private static BigDecimal decimal(String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                BigDecimal v = new BigDecimal(text.trim());
                return v.signum() < 0 ? null : v;
            } catch (NumberFormatException e) {
                return null; // an unreadable size leaves the resource unpriced, as an absent one does
            }
        }

        private static BigDecimal plain(BigDecimal v) {
            BigDecimal s = v.stripTrailingZeros();
            return s.scale() < 0 ? s.setScale(0) : s;
        }
    }

    // ------------------------------------------------------------------------------- usage

    private record Usage(List<UsageSeries> series, List<String> notes) {
    }

    /** One CloudWatch query and how its samples land. */
    private record Wanted(String resourceId, String metric, String unit, CloudWatchMetrics.Query query,
            DoubleUnaryOperator transform) {
    }

    private static Usage usage(CloudWatchMetrics metrics, List<Resource> resources, Instant from, Instant to,
            Duration period, List<String> pullNotes) {
        List<Wanted> wanted = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Resource> instances = new ArrayList<>();
        int notRunning = 0;
        for (Resource r : resources) {
            if (r.kind().equals("ec2-instance")) {
                String state = r.attributes().getOrDefault("state", "");
                if (!state.equals("running")) {
                    notRunning++;
                    continue; // a stopped instance has no CPU to read and bills no compute
                }
                instances.add(r);
                wanted.add(new Wanted(r.id(), "cpu_percent", "percent",
                        CloudWatchMetrics.Query.of("AWS/EC2", "CPUUtilization", "InstanceId", r.id(), "Average"),
                        DoubleUnaryOperator.identity()));
            } else if (r.kind().equals("database-instance")) {
                String db = r.id();
                wanted.add(new Wanted(db, "cpu_percent", "percent",
                        CloudWatchMetrics.Query.of("AWS/RDS", "CPUUtilization", "DBInstanceIdentifier", db, "Average"),
                        DoubleUnaryOperator.identity()));
                wanted.add(new Wanted(db, "connections", "count",
                        CloudWatchMetrics.Query.of("AWS/RDS", "DatabaseConnections", "DBInstanceIdentifier", db,
                                "Maximum"), DoubleUnaryOperator.identity()));
                String memory = r.attributes().get("memory_bytes");
                if (memory != null) {
                    double capacity = Double.parseDouble(memory);
                    wanted.add(new Wanted(db, "memory_bytes", "bytes",
                            CloudWatchMetrics.Query.of("AWS/RDS", "FreeableMemory", "DBInstanceIdentifier", db,
                                    "Minimum"), free -> Math.max(0, capacity - free)));
                } else {
                    notes.add("RDS " + db + ": memory of " + r.size() + " is not in the live catalog, so its"
                            + " FreeableMemory cannot be turned into memory used; sized on CPU only");
                }
            }
        }
        int withMemory = 0;
        if (!instances.isEmpty()) {
            // The agent's dimensions depend on its configuration; find each instance's own metric.
            Map<String, CloudWatchMetrics.Query> agentMemory = new LinkedHashMap<>();
            for (CloudWatchMetrics.Query q : metrics.list("CWAgent", "mem_used_percent", "Average")) {
                String id = q.dimensions().get("InstanceId");
                if (id != null) {
                    agentMemory.putIfAbsent(id, q);
                }
            }
            for (Resource r : instances) {
                CloudWatchMetrics.Query q = agentMemory.get(r.id());
                if (q != null) {
                    withMemory++;
                    wanted.add(new Wanted(r.id(), "memory_percent", "percent", q, DoubleUnaryOperator.identity()));
                }
            }
        }
        List<UsageSeries> series = new ArrayList<>();
        if (!wanted.isEmpty()) {
            Map<CloudWatchMetrics.Query, List<UsageSeries.Sample>> read = metrics.read(
                    wanted.stream().map(Wanted::query).toList(), from, to, period);
            Set<String> empty = new TreeSet<>();
            for (Wanted w : wanted) {
                List<UsageSeries.Sample> samples = read.getOrDefault(w.query(), List.of());
                if (samples.isEmpty()) {
                    empty.add(w.resourceId() + " " + w.metric());
                    continue;
                }
                List<UsageSeries.Sample> landed = new ArrayList<>(samples.size());
                for (UsageSeries.Sample s : samples) {
                    landed.add(new UsageSeries.Sample(s.at(), w.transform().applyAsDouble(s.value())));
                }
                series.add(new UsageSeries(w.resourceId(), w.metric(), w.unit(), period, landed));
            }
            if (!empty.isEmpty()) {
                notes.add("CloudWatch has no points in the window for " + empty.size() + " series (" + String.join(", ",
                        empty.stream().limit(5).toList()) + (empty.size() > 5 ? ", ..." : "")
                        + "): those resources are unknown, not idle");
            }
            notes.add(0, "CloudWatch: " + wanted.size() + " metrics at " + period.toMinutes() + "-minute periods from "
                    + from + " to " + to + " (" + metrics.requests() + " requests)");
        }
        int cpuOnly = instances.size() - withMemory;
        if (cpuOnly > 0) {
            notes.add(cpuOnly + " running EC2 instance(s) have CPU only: CloudWatch has no memory for EC2 unless the"
                    + " CloudWatch agent publishes mem_used_percent, so their memory is kept at the current size"
                    + " and their confidence is lower");
        }
        if (notRunning > 0) {
            notes.add(notRunning + " EC2 instance(s) are not running: no usage read for them");
        }
        long aurora = resources.stream().filter(r -> r.kind().equals("database-instance")
                && r.attributes().containsKey("cluster")).count();
        if (aurora > 0) {
            pullNotes.add(aurora + " Aurora instance(s) belong to clusters: judged for waste one by one, not"
                    + " right-sized (clusters are not listed by this pull)");
        }
        return new Usage(series, notes);
    }

    // ------------------------------------------------------------------------------- helpers

    private static Supplier<Sources> supplierOf(Sources sources) {
        return () -> sources;
    }
}
