package dev.purser.core.analysis.recommendations;

import dev.purser.core.analysis.catalog.PriceCatalog;
import dev.purser.core.analysis.catalog.PriceCatalogs;
import dev.purser.core.analysis.costs.CostQueries;
import dev.purser.core.analysis.inventory.InventorySource;
import dev.purser.core.analysis.rightsizing.ComposeAnalysis;
import dev.purser.core.analysis.rightsizing.ComposeHost;
import dev.purser.core.analysis.rightsizing.KubernetesAnalysis;
import dev.purser.core.analysis.rightsizing.Recommendation;
import dev.purser.core.analysis.rightsizing.RecommendedAction;
import dev.purser.core.analysis.rightsizing.RightsizingEngine;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Money;
import dev.purser.core.model.Resource;
import dev.purser.core.model.ResourceFacts;
import dev.purser.core.model.UsageSeries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
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
 * Right-sizing from what the store holds: the inventory and usage samples of a scenario or
 * account, run through the {@link RightsizingEngine}, with savings priced on what the bill
 * actually charged where it can.
 *
 * <p>Prices: the engine works from catalog list prices. Where the bill has the resource's
 * effective cost for the last full calendar month (UTC), the saving is scaled by what the bill
 * charged over the list price (backups, discounts, hours past a monthly cap), and the
 * recommendation says so ({@link PriceBasis#EFFECTIVE_COST} and its price note). Autoscaled groups
 * keep list prices: the bill mixes their replicas.
 *
 * <p>This class orchestrates; the jobs it hands out live beside it: {@link RightsizingScope}
 * (what the query covers, how resources group), {@link PaidPrices} (the bill's prices and the
 * savings scaled to them), {@link ComposeStackSizer} (a compose stack with its host) and
 * {@link KubernetesWorkloads} (a workload from its stored containers).
 *
 * <p>Compose stacks: containers with the {@code composeService} facet are sized together with
 * their host droplet (see {@link ComposeStackSizer} for where the compose file comes from).
 *
 * <p>Kubernetes containers: the {@code kubernetes} facet (namespace, kind, workload, container,
 * requests and limits) and the {@code scaling} facet (replicas, autoscaler). The containers of one
 * workload are sized together, so the report carries the workload's analysis
 * ({@link RightsizingReport#kubernetes()}: its patch) beside their recommendations.
 *
 * <p>Thread-safe: holds no state between calls.
 */
public final class RightsizingService {

    /** Reads a compose file named by a stored path; throws {@link PurserException} when it may not. */
    @FunctionalInterface
    public interface ComposeFileReader {
        String read(String path);

        /** Reads nothing: stored {@code compose_file} paths are reported, never opened. */
        ComposeFileReader NONE = path -> {
            throw new PurserException(ErrorCode.PATH_NOT_ALLOWED,
                    "compose files named in the inventory are not read here; give --compose FILE");
        };
    }

    private final InventorySource inventory;
    private final RightsizingEngine engine;
    private final CostQueries costs;
    private final Clock clock;
    private final ComposeFileReader composeFiles;
    private final Supplier<List<PriceCatalog>> liveCatalogs;

    /**
     * @param costs the bill, for effective costs; null to use list prices only
     */
    public RightsizingService(InventorySource inventory, RightsizingEngine engine, CostQueries costs, Clock clock) {
        this(inventory, engine, costs, clock, ComposeFileReader.NONE);
    }

    public RightsizingService(InventorySource inventory, RightsizingEngine engine, CostQueries costs, Clock clock,
            ComposeFileReader composeFiles) {
        this(inventory, engine, costs, clock, composeFiles, List::of);
    }

    /**
     * @param liveCatalogs read at every call (for example {@code JdbcPriceCatalogs::latest}): per
     *                     provider, a live catalog replaces the engine's bundled one, so prices
     *                     pulled since start-up are used without a restart
     */
    public RightsizingService(InventorySource inventory, RightsizingEngine engine, CostQueries costs, Clock clock,
            ComposeFileReader composeFiles, Supplier<List<PriceCatalog>> liveCatalogs) {
        this.liveCatalogs = Objects.requireNonNull(liveCatalogs, "liveCatalogs");
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.costs = costs;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.composeFiles = Objects.requireNonNull(composeFiles, "composeFiles");
    }

    /** Every right-sizing recommendation of one scenario or account (null: all), ranked. */
    public List<Recommendation> recommendations(String accountOrNull) {
        return rightsize(accountOrNull == null ? RightsizingQuery.all() : RightsizingQuery.account(accountOrNull))
                .recommendations();
    }

    /**
     * Right-sizes what the query covers.
     *
     * @throws PurserException NOT_FOUND when the account has no inventory or the target matches
     *         nothing; MALFORMED_FILE when a compose file is not YAML; DATABASE_ERROR when the store fails
     */
    public RightsizingReport rightsize(RightsizingQuery query) {
        Objects.requireNonNull(query, "query");
        RightsizingEngine current = currentEngine();
        RightsizingEngine eng = query.window().equals(current.rules().window()) ? current
                : current.withRules(current.rules().withWindow(query.window()));
        Instant to = clock.instant();
        Instant from = to.minus(query.window());

        List<Resource> inScope = inventory.resources(query.account().orElse(null));
        if (query.account().isPresent() && inScope.isEmpty()) {
            throw new PurserException(ErrorCode.NOT_FOUND, "no inventory stored for account " + query.account().get());
        }
        RightsizingScope scope = RightsizingScope.of(inScope, query.target());
        Optional<String> target = scope.target();

        PaidPrices paid = PaidPrices.read(costs, to);
        List<String> notes = new ArrayList<>();
        Set<String> catalogsUsed = new LinkedHashSet<>();
        List<Recommendation> recs = new ArrayList<>();
        List<ComposeStack> stacks = new ArrayList<>();
        List<KubernetesAnalysis> workloads = new ArrayList<>();
        Map<String, List<UsageSeries>> kept = new LinkedHashMap<>();

        boolean matched = target.isEmpty();
        int usedBill = 0;
        for (Resource r : scope.resources()) {
            Optional<RightsizeKind> kind = RightsizeKind.of(r);
            if (kind.isEmpty() || !query.kinds().contains(kind.get())) {
                continue;
            }
            switch (kind.get()) {
                case VM -> {
                    if (scope.hostsStack(r) && query.kinds().contains(RightsizeKind.CONTAINER)) {
                        continue; // sized with its stack below
                    }
                    if (!scope.matches(r)) {
                        continue;
                    }
                    matched = true;
                    List<UsageSeries> series = load(r.id(), from, to);
                    keep(query, kept, r.id(), series);
                    catalogsUsed.add(catalogNote(eng.catalogFor(r.provider())));
                    Recommendation rec = eng.analyzeVm(r, series);
                    Recommendation onPaid = paid.onPaidPrice(rec);
                    usedBill += onPaid == rec ? 0 : 1;
                    recs.add(onPaid);
                }
                case DATABASE -> {
                    if (!scope.matches(r)) {
                        continue;
                    }
                    matched = true;
                    List<UsageSeries> series = load(r.id(), from, to);
                    if (series.isEmpty()) {
                        Optional<Resource> writer = scope.writerOf(r);
                        if (writer.isPresent()) {
                            series = load(writer.get().id(), from, to);
                        }
                    }
                    keep(query, kept, r.id(), series);
                    catalogsUsed.add(catalogNote(eng.catalogFor(r.provider())));
                    Recommendation rec = eng.analyzeDatabaseCluster(r, series);
                    Recommendation onPaid = paid.onPaidPrice(rec);
                    usedBill += onPaid == rec ? 0 : 1;
                    recs.add(onPaid);
                }
                case CONTAINER, KUBERNETES -> {
                    // grouped: stacks and workloads below
                }
            }
        }

        if (query.kinds().contains(RightsizeKind.CONTAINER)) {
            for (Map.Entry<String, List<Resource>> e : scope.containersByHost().entrySet()) {
                Resource host = scope.byId(e.getKey()).orElse(null);
                if (!scope.matchesStack(host, e.getValue())) {
                    continue;
                }
                matched = true;
                if (host == null) {
                    notes.add("containers " + RightsizingScope.names(e.getValue())
                            + " name no host in the inventory: not sized");
                    continue;
                }
                catalogsUsed.add(catalogNote(eng.catalogFor(host.provider())));
                composeStack(eng, query, host, e.getValue(), paid, from, to, notes, kept).ifPresent(stack -> {
                    stacks.add(stack);
                    recs.add(stack.hostRecommendation());
                    recs.addAll(stack.analysis().recommendations());
                });
            }
        }
        if (query.kinds().contains(RightsizeKind.KUBERNETES)) {
            for (List<Resource> pods : scope.podsByWorkload().values()) {
                if (!scope.matchesWorkload(pods)) {
                    continue;
                }
                matched = true;
                KubernetesAnalysis analysis = kubernetes(eng, pods, from, to, query, kept);
                workloads.add(analysis);
                recs.addAll(analysis.recommendations());
            }
            if (scope.podsByWorkload().isEmpty() && (query.kinds().size() == 1 || target.isEmpty())) {
                notes.add("no Kubernetes containers in the inventory (attribute k8s_workload): nothing to size per pod");
            }
        }
        if (!matched) {
            throw new PurserException(ErrorCode.NOT_FOUND, "no resource named " + target.get()
                    + (query.account().map(a -> " in account " + a).orElse(""))
                    + "; give a resource id or name, a compose service, or a scenario");
        }

        rank(recs);
        List<Recommendation> noData = recs.stream().filter(r -> r.action() == RecommendedAction.INSUFFICIENT_DATA
                && r.evidence().sampleCount() == 0).toList();
        if (!noData.isEmpty()) {
            notes.add(0, noData.size() + (noData.size() == 1 ? " resource has" : " resources have")
                    + " no usage data in the window (unknown, not idle): "
                    + String.join(", ", noData.stream().map(Recommendation::resourceName).toList()));
        }
        long gappy = recs.stream().filter(r -> r.action() == RecommendedAction.INSUFFICIENT_DATA
                && r.evidence().sampleCount() > 0).count();
        if (gappy > 0) {
            notes.add(gappy + (gappy == 1 ? " resource has" : " resources have")
                    + " too many gaps in its usage to size: see its evidence");
        }
        for (String c : catalogsUsed) {
            notes.add("catalog: " + c);
        }
        if (costs == null) {
            notes.add("savings at catalog list prices: no bill is connected");
        } else if (usedBill > 0 || !stacks.isEmpty()) {
            notes.add("savings on the price paid where the bill has the resource (effective cost, " + paid.month()
                    + "); list prices otherwise");
        } else {
            notes.add("savings at catalog list prices: the bill of " + paid.month() + " has none of these resources");
        }
        return new RightsizingReport(recs, stacks, kept, notes, workloads);
    }

    // ---------------------------------------------------------------- loading

    private List<UsageSeries> load(String resourceId, Instant from, Instant to) {
        List<UsageSeries> out = new ArrayList<>();
        for (String metric : inventory.metrics(resourceId)) {
            inventory.usage(resourceId, metric, from, to)
                    .filter(s -> !s.samples().isEmpty())
                    .ifPresent(out::add);
        }
        return out;
    }

    private static void keep(RightsizingQuery q, Map<String, List<UsageSeries>> kept, String id,
            List<UsageSeries> series) {
        if (q.keepUsage()) {
            kept.put(id, List.copyOf(series));
        }
    }

    /** Largest saving first; no figure last; ties by id, so the order is stable. */
    private static void rank(List<Recommendation> recs) {
        recs.sort(Comparator.comparing((Recommendation r) -> r.monthlySaving().map(Money::amount).orElse(null),
                Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(Recommendation::id));
    }

    // ---------------------------------------------------------------- groups

    private Optional<ComposeStack> composeStack(RightsizingEngine eng, RightsizingQuery q, Resource host,
            List<Resource> services, PaidPrices paid, Instant from, Instant to, List<String> notes,
            Map<String, List<UsageSeries>> kept) {
        Optional<ComposeStackSizer.Source> source = ComposeStackSizer.source(q, host, services, composeFiles, notes);
        if (source.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<UsageSeries>> usage = new LinkedHashMap<>();
        for (Resource c : services) {
            String service = c.facts().composeService().orElseThrow().service();
            List<UsageSeries> series = load(c.id(), from, to);
            usage.put(service, series);
            // keyed like the service's recommendation (by service name), so a chart finds it
            keep(q, kept, service, series);
        }
        Optional<ComposeHost> h = ComposeStackSizer.host(host, eng.catalogFor(host.provider()), paid.of(host.id()),
                paid.month(), notes);
        if (h.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ComposeStackSizer.size(eng, host, h.get(), source.get(), usage,
                ComposeStackSizer.budget(q, host), q.without()));
    }

    private KubernetesAnalysis kubernetes(RightsizingEngine eng, List<Resource> pods, Instant from, Instant to,
            RightsizingQuery q, Map<String, List<UsageSeries>> kept) {
        Map<String, List<UsageSeries>> series = new TreeMap<>();
        for (Resource p : pods) {
            List<UsageSeries> s = load(p.id(), from, to);
            // keyed like the container's recommendation (namespace/workload/container, no k8s/ or
            // cluster prefix), so a chart finds it as it finds a machine's series
            keep(q, kept, KubernetesWorkloads.usageKey(p), s);
            series.put(p.facts().kubernetes().orElseThrow().container(), s);
        }
        return eng.analyzeKubernetes(KubernetesWorkloads.of(pods), series);
    }

    /**
     * Sizes a compose stack entirely from files: the compose text, usage per service (as
     * {@link dev.purser.core.ingest.DockerStatsReader} reads it) and the host as a catalog size,
     * priced at list price. No inventory or bill is read. The window is the usage's own span
     * (whole days, at least one) ending at its last sample, since collected stats rarely end now.
     *
     * @param hostSize a machine size slug of one of the engine's catalogs, e.g. {@code s-4vcpu-8gb}
     * @throws PurserException BAD_ARGUMENT when no catalog has the size or there is no usage;
     *         MALFORMED_FILE when the compose text is not YAML
     */
    public RightsizingReport rightsizeFiles(String composeYaml, Map<String, List<UsageSeries>> usageByService,
            String hostSize, Optional<Money> budget, Set<String> without, boolean keepUsage) {
        Objects.requireNonNull(composeYaml, "composeYaml");
        Objects.requireNonNull(hostSize, "hostSize");
        Objects.requireNonNull(budget, "budget");
        RightsizingEngine priced = currentEngine();
        PriceCatalog catalog = priced.catalogs().stream().filter(c -> c.machine(hostSize).isPresent()).findFirst()
                .orElseThrow(() -> PurserException.badArgument("host size '" + hostSize + "' is in no price catalog ("
                        + String.join(", ", priced.catalogs().stream().map(PriceCatalog::name).toList())
                        + "); give a machine slug such as s-4vcpu-8gb"));
        ComposeHost host = ComposeHost.ofCatalog(catalog, hostSize);
        Instant first = null;
        Instant end = null;
        for (List<UsageSeries> list : usageByService.values()) {
            for (UsageSeries u : list) {
                if (u.samples().isEmpty()) {
                    continue;
                }
                Instant a = u.samples().get(0).at();
                Instant b = u.samples().get(u.samples().size() - 1).at().plus(u.step());
                first = first == null || a.isBefore(first) ? a : first;
                end = end == null || b.isAfter(end) ? b : end;
            }
        }
        if (first == null) {
            throw PurserException.badArgument("the usage has no samples: nothing to size the stack on");
        }
        long days = Math.max(1, (Duration.between(first, end).toSeconds() + 86_399) / 86_400);
        RightsizingEngine eng = priced.withClock(Clock.fixed(end, ZoneOffset.UTC))
                .withRules(priced.rules().withWindow(Duration.ofDays(days)));
        ComposeAnalysis a = eng.analyzeCompose(composeYaml, usageByService, host, budget, without);
        Resource hostResource = new Resource("files", "host:" + hostSize, hostSize, catalog.provider(), "droplet",
                hostSize, null, host.monthlyPrice(), Map.of(), ResourceFacts.NONE);
        Recommendation hostRec = ComposeStackSizer.hostRecommendation(hostResource, host, a);
        ComposeStack stack = new ComposeStack("files", hostResource.id(), hostResource.name(),
                "the compose file given", a, hostRec);
        List<Recommendation> recs = new ArrayList<>();
        recs.add(hostRec);
        recs.addAll(a.recommendations());
        rank(recs);
        Map<String, List<UsageSeries>> kept = keepUsage ? new LinkedHashMap<>(usageByService) : Map.of();
        List<String> notes = List.of("usage from the stats file: " + usageByService.size() + " service"
                        + (usageByService.size() == 1 ? "" : "s") + ", " + first + " to " + end + " (" + days + " day"
                        + (days == 1 ? "" : "s") + "); --window does not apply",
                "catalog: " + catalogNote(catalog),
                "savings at catalog list prices: the host " + hostSize + " is priced from the catalog, no bill is read");
        return new RightsizingReport(recs, List.of(stack), kept, notes);
    }

    /** The engine with, per provider, the newest stored live catalog in place of the bundled one. */
    private RightsizingEngine currentEngine() {
        List<PriceCatalog> live = liveCatalogs.get();
        return live == null || live.isEmpty() ? engine
                : engine.withCatalogs(PriceCatalogs.preferLive(engine.catalogs(), live));
    }

    private static String catalogNote(PriceCatalog c) {
        return c.name() + " " + c.source();
    }
}
