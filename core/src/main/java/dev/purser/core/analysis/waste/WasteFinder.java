package dev.purser.core.analysis.waste;

import dev.purser.core.analysis.costs.CostFilter;
import dev.purser.core.analysis.costs.CostQueries;
import dev.purser.core.analysis.inventory.InventorySource;
import dev.purser.core.analysis.rightsizing.Level;
import dev.purser.core.analysis.rightsizing.PriceBasis;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Money;
import dev.purser.core.model.Period;
import dev.purser.core.model.Resource;
import dev.purser.core.model.ResourceFacts;
import dev.purser.core.model.UsageSeries;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds what is paid for and unused in an inventory.
 *
 * <p>How each kind is judged (from the typed {@link ResourceFacts} every source fills in):
 * <ul>
 *   <li>volumes ({@code volume}, {@code ebs-volume}, {@code block-storage}): not attached, or
 *       state {@code available} when the attachment is unknown; a volume saying neither is unknown;</li>
 *   <li>addresses ({@code elastic-ip}, {@code reserved-ip}, {@code floating-ip}): not attached
 *       (associated, assigned);</li>
 *   <li>snapshots ({@code snapshot}, {@code ebs-snapshot}, ...): age from the creation time against
 *       the clock, compared with the retention;</li>
 *   <li>machines ({@code droplet}, {@code ec2-instance}, {@code vm}): the 95th percentile of
 *       {@code cpu_percent} (or {@code cpu_cores} over the vCPUs) over the CPU window;</li>
 *   <li>databases ({@code database-cluster}, {@code database-instance}, {@code rds-instance}):
 *       the highest {@code connections} sample over the database window (a cluster without its own
 *       series is judged on its members).</li>
 * </ul>
 *
 * <p>Costs: the resource's effective cost in the bill over the last {@code billDays} days when
 * the bill names it (what the team actually pays), otherwise the inventory's monthly list price,
 * otherwise no figure at all.
 */
public final class WasteFinder {

    static final Set<String> VOLUME_KINDS = Set.of("volume", "ebs-volume", "block-storage");
    static final Set<String> IP_KINDS = Set.of("elastic-ip", "reserved-ip", "floating-ip");
    static final Set<String> SNAPSHOT_KINDS = Set.of("snapshot", "ebs-snapshot", "volume-snapshot",
            "droplet-snapshot", "db-snapshot");
    static final Set<String> MACHINE_KINDS = Set.of("droplet", "ec2-instance", "instance", "vm");
    static final Set<String> DATABASE_KINDS = Set.of("database-cluster", "database-instance", "rds-instance",
            "database");

    private static final Dimension ACCOUNT = new Dimension(Dimension.Kind.BILLING_ACCOUNT, null);

    private final InventorySource inventory;
    private final CostQueries costs;
    private final WasteSettings defaults;
    private final Clock clock;

    /**
     * @param costs the bill, or null to price from the inventory only
     */
    public WasteFinder(InventorySource inventory, CostQueries costs, WasteSettings defaults, Clock clock) {
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.costs = costs;
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public WasteSettings defaults() {
        return defaults;
    }

    /** With the default settings. */
    public WasteReport find(String accountOrNull) {
        return find(accountOrNull, defaults);
    }

    /**
     * Waste of one account (inventory scenario and billing account), or of all when null.
     *
     * @throws PurserException DATABASE_ERROR when the inventory or the bill cannot be read
     */
    public WasteReport find(String accountOrNull, WasteSettings settings) {
        Objects.requireNonNull(settings, "settings");
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Period billPeriod = new Period(today.minusDays(settings.billDays()), today, ZoneOffset.UTC);
        List<String> gaps = new ArrayList<>();
        BillCosts bill = BillCosts.empty(billPeriod);
        if (costs != null) {
            CostFilter filter = accountOrNull == null ? CostFilter.NONE : CostFilter.NONE.and(ACCOUNT, accountOrNull);
            bill = BillCosts.read(costs, billPeriod, filter);
        }
        if (bill.isEmpty()) {
            gaps.add("no per-resource costs in the bill for " + billPeriod.label()
                    + "; costs are inventory list prices where known");
        }
        List<Resource> resources = inventory.resources(accountOrNull);
        if (resources.isEmpty()) {
            gaps.add(accountOrNull == null ? "the inventory is empty" : "no inventory for " + accountOrNull);
        }
        Run run = new Run(settings, now, bill, resources);
        for (Resource r : resources) {
            run.judge(r);
        }
        run.findings.sort(Comparator.comparing((WasteFinding f) -> f.monthlyCost().map(m -> m.amount()).orElse(null),
                        Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(WasteFinding::id));
        Map<Currency, Money> totals = new LinkedHashMap<>();
        for (WasteFinding f : run.findings) {
            f.monthlyCost().ifPresent(m -> totals.merge(m.currency(), m, Money::plus));
        }
        long unpriced = run.findings.stream().filter(f -> f.monthlyCost().isEmpty()).count();
        if (unpriced > 0) {
            gaps.add(unpriced + " finding(s) have no price in the bill or the inventory; no saving is claimed for them");
        }
        if (!run.unknown.isEmpty()) {
            gaps.add(run.unknown.size() + " resource(s) could not be judged for lack of data: unknown, not idle");
        }
        if (!run.priceSources.isEmpty()) {
            gaps.add("list prices from " + String.join("; ", run.priceSources));
        }
        return new WasteReport(now, settings, run.findings, totals, run.unknown, gaps);
    }

    /** The state of one call. */
    private final class Run {
        final WasteSettings settings;
        final Instant now;
        final BillCosts bill;
        final Map<String, Resource> byId = new LinkedHashMap<>();
        final List<WasteFinding> findings = new ArrayList<>();
        final List<UnknownResource> unknown = new ArrayList<>();
        /** Where the list prices used came from, as the inventory pull recorded it (its price source fact). */
        final Set<String> priceSources = new TreeSet<>();

        Run(WasteSettings settings, Instant now, BillCosts bill, List<Resource> resources) {
            this.settings = settings;
            this.now = now;
            this.bill = bill;
            for (Resource r : resources) {
                byId.put(r.id(), r);
            }
        }

        void judge(Resource r) {
            String kind = r.kind().toLowerCase(Locale.ROOT);
            if (VOLUME_KINDS.contains(kind)) {
                volume(r);
            } else if (IP_KINDS.contains(kind)) {
                address(r);
            } else if (SNAPSHOT_KINDS.contains(kind)) {
                snapshot(r);
            } else if (MACHINE_KINDS.contains(kind)) {
                machine(r);
            } else if (DATABASE_KINDS.contains(kind)) {
                database(r);
            }
        }

        private void volume(Resource r) {
            Optional<Boolean> attached = r.facts().attachment().map(ResourceFacts.Attachment::attached);
            String state = r.facts().state().orElse(null);
            if (attached.isEmpty() && state == null) {
                unknown(r, "attachment", "the inventory does not say whether it is attached");
                return;
            }
            boolean free = attached.map(a -> !a).orElse(false)
                    || (attached.isEmpty() && "available".equalsIgnoreCase(state));
            if (!free) {
                return;
            }
            String size = r.facts().storage().flatMap(ResourceFacts.Storage::sizeGib)
                    .map(s -> s.toPlainString() + " GB, ").orElse("");
            add(WasteKind.UNATTACHED_VOLUME, r, List.of(r.id()),
                    "attached to nothing (" + size + "state " + (state == null ? "unknown" : state) + ")",
                    "Snapshot it if the data may be needed, then delete the volume",
                    Level.MEDIUM, "deleting a volume deletes its data; keep a snapshot until nobody asks for it",
                    Level.LOW);
        }

        private void address(Resource r) {
            Optional<Boolean> associated = r.facts().attachment().map(ResourceFacts.Attachment::attached);
            if (associated.isEmpty()) {
                unknown(r, "assignment", "the inventory does not say whether the address is assigned");
                return;
            }
            if (associated.get()) {
                return;
            }
            String ip = r.facts().addresses().stream().findFirst().orElse(r.name());
            add(WasteKind.UNASSIGNED_IP, r, List.of(r.id()), "address " + ip + " is assigned to nothing",
                    "Release the address",
                    Level.LOW, "a released address cannot be got back; check DNS records and allow-lists that name it",
                    Level.LOW);
        }

        private void snapshot(Resource r) {
            OptionalDouble ageDays = snapshotAgeDays(r, now);
            if (ageDays.isEmpty()) {
                unknown(r, "snapshot age", "the inventory gives no creation time or age");
                return;
            }
            long retention = settings.snapshotRetention().toDays();
            double age = ageDays.getAsDouble();
            if (age <= retention) {
                return;
            }
            add(WasteKind.OLD_SNAPSHOT, r, List.of(r.id()),
                    String.format(Locale.ROOT, "%d days old, past the %d-day retention", (long) Math.floor(age), retention),
                    "Delete the snapshot",
                    Level.LOW, "check that no image (AMI) or restore plan still needs it", Level.LOW);
        }

        private void machine(Resource r) {
            String state = r.facts().state().orElse("");
            if (!state.isEmpty() && !Set.of("running", "active", "on").contains(state.toLowerCase(Locale.ROOT))) {
                return; // a stopped machine bills no compute; its disks are judged as volumes
            }
            Instant from = now.minus(settings.cpuWindow());
            Optional<UsageSeries> percent = inventory.usage(r.id(), "cpu_percent", from, now);
            double scale = 1.0;
            UsageSeries series = percent.orElse(null);
            if (series == null) {
                OptionalDouble vcpus = r.facts().compute().map(ResourceFacts.Compute::vcpus)
                        .orElse(OptionalDouble.empty());
                Optional<UsageSeries> cores = inventory.usage(r.id(), "cpu_cores", from, now);
                if (cores.isPresent() && vcpus.isPresent() && vcpus.getAsDouble() > 0) {
                    series = cores.get();
                    scale = 100.0 / vcpus.getAsDouble();
                } else {
                    unknown(r, "idle machine", cores.isPresent()
                            ? "CPU is in cores but the inventory gives no vCPU count"
                            : "no CPU samples (cpu_percent or cpu_cores)");
                    return;
                }
            }
            String thin = coverageProblem(series, settings.cpuWindow(), "CPU");
            if (thin != null) {
                unknown(r, "idle machine", thin);
                return;
            }
            double p95 = percentile(series, 0.95) * scale;
            double max = maxValue(series) * scale;
            if (p95 >= settings.idleCpuPercent()) {
                return;
            }
            add(WasteKind.IDLE_MACHINE, r, List.of(r.id()),
                    String.format(Locale.ROOT, "p95 CPU %.1f %% (max %.1f %%) over %d days, under the %.0f %% idle line",
                            p95, max, settings.cpuWindow().toDays(), settings.idleCpuPercent()),
                    "Confirm with its owner, stop it for a week, then delete it",
                    Level.MEDIUM, "low CPU is not proof of no use (a bastion, a standby); stop before deleting",
                    Level.MEDIUM);
        }

        private void database(Resource r) {
            String clusterId = r.facts().memberOf().map(ResourceFacts.Membership::clusterId).orElse(null);
            if (clusterId != null && !clusterId.equals(r.id()) && byId.containsKey(clusterId)) {
                return; // judged with its cluster
            }
            Instant from = now.minus(settings.databaseWindow());
            List<String> ids = new ArrayList<>();
            Optional<UsageSeries> own = inventory.usage(r.id(), "connections", from, now);
            List<UsageSeries> series = new ArrayList<>();
            if (own.isPresent()) {
                series.add(own.get());
                ids.add(r.id());
            } else {
                List<String> members = r.facts().database().map(ResourceFacts.DatabaseCluster::members)
                        .orElse(List.of());
                if (members.isEmpty()) {
                    unknown(r, "idle database", "no connections samples");
                    return;
                }
                for (String m : members) {
                    Optional<UsageSeries> s = inventory.usage(m, "connections", from, now);
                    if (s.isEmpty()) {
                        unknown(r, "idle database", "no connections samples for member " + m);
                        return;
                    }
                    series.add(s.get());
                }
                ids.add(r.id());
                ids.addAll(members);
            }
            double max = 0;
            for (UsageSeries s : series) {
                String thin = coverageProblem(s, settings.databaseWindow(), "connection");
                if (thin != null) {
                    unknown(r, "idle database", thin);
                    return;
                }
                max = Math.max(max, maxValue(s));
            }
            if (max > settings.idleConnections()) {
                return;
            }
            add(WasteKind.IDLE_DATABASE, r, ids,
                    String.format(Locale.ROOT, "at most %.0f connection(s) over %d days", max,
                            settings.databaseWindow().toDays()),
                    "Take a final backup, confirm with its owner, then delete it",
                    Level.MEDIUM, "a database unused for a week may serve a monthly job; keep the final backup",
                    Level.MEDIUM);
        }

        private void add(WasteKind kind, Resource r, List<String> billIds, String evidence, String action,
                         Level risk, String riskReason, Level effort) {
            Optional<Money> cost;
            PriceBasis basis;
            String note;
            Optional<Money> billed = bill.cost(billIds);
            if (billed.isPresent() && !billed.get().isNegative()) {
                cost = billed;
                basis = PriceBasis.EFFECTIVE_COST;
                note = "effective cost in the bill over " + bill.period().label() + " (" + bill.period().days() + " days)";
            } else if (r.monthlyPrice() != null) {
                cost = Optional.of(r.monthlyPrice());
                basis = PriceBasis.LIST_PRICE;
                String source = r.facts().price().map(ResourceFacts.PriceSource::source).orElse(null);
                note = "monthly list price from the inventory" + (source == null ? "" : " (" + source + ")")
                        + "; the bill does not name this resource";
                if (source != null) {
                    priceSources.add(source);
                }
            } else {
                cost = Optional.empty();
                basis = PriceBasis.NOT_FOUND;
                note = "price not found: neither the bill nor the inventory prices this resource";
            }
            findings.add(new WasteFinding(stableId(kind, r.id()), kind, r.scenario(), r.id(), r.name(), r.kind(),
                    cost, basis, note, evidence, action, risk, riskReason, effort));
        }

        private void unknown(Resource r, String check, String reason) {
            unknown.add(new UnknownResource(r.scenario(), r.id(), r.name(), r.kind(), check, reason));
        }

        private String coverageProblem(UsageSeries s, Duration window, String what) {
            if (s.samples().isEmpty()) {
                return "no " + what + " samples in the last " + window.toDays() + " days";
            }
            double covered = (double) s.samples().size() * s.step().getSeconds() / window.getSeconds();
            if (covered < settings.minimumCoverage()) {
                return String.format(Locale.ROOT, "%s data covers %.0f %% of the %d-day window (needs %.0f %%)",
                        what, Math.min(covered, 1.0) * 100, window.toDays(), settings.minimumCoverage() * 100);
            }
            return null;
        }
    }

    /** {@code wa-} and 10 hex digits of SHA-256 over kind and resource id. */
    public static String stableId(WasteKind kind, String resourceId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((kind.name() + "|" + resourceId).getBytes(StandardCharsets.UTF_8));
            return "wa-" + HexFormat.of().formatHex(hash).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** Days since the snapshot was taken, or empty when the source gave no creation time. */
    static OptionalDouble snapshotAgeDays(Resource r, Instant now) {
        Optional<Instant> created = r.facts().createdAt();
        return created.isPresent() ? OptionalDouble.of(Duration.between(created.get(), now).getSeconds() / 86_400.0)
                : OptionalDouble.empty();
    }

    /** Nearest-rank percentile of the samples' values. */
    static double percentile(UsageSeries s, double q) {
        double[] v = s.samples().stream().mapToDouble(UsageSeries.Sample::value).sorted().toArray();
        int rank = (int) Math.ceil(q * v.length);
        return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
    }

    static double maxValue(UsageSeries s) {
        return s.samples().stream().mapToDouble(UsageSeries.Sample::value).max().orElse(0);
    }

    /** Ids already reported, for callers that merge waste with other lists. */
    public static Set<String> resourceIds(WasteReport report) {
        Set<String> ids = new HashSet<>();
        for (WasteFinding f : report.findings()) {
            ids.add(f.resourceId());
        }
        return ids;
    }
}
