package dev.purser.core.analysis.recommendations;

import dev.purser.core.analysis.catalog.CatalogSize;
import dev.purser.core.analysis.catalog.PriceCatalog;
import dev.purser.core.analysis.catalog.PriceCatalogs;
import dev.purser.core.analysis.catalog.PriceLookup;
import dev.purser.core.analysis.costs.BreakdownRequest;
import dev.purser.core.analysis.costs.CostBreakdown;
import dev.purser.core.analysis.costs.CostFilter;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.analysis.costs.CostQueries;
import dev.purser.core.analysis.inventory.InventorySource;
import dev.purser.core.analysis.rightsizing.Assessment;
import dev.purser.core.analysis.rightsizing.ComposeAnalysis;
import dev.purser.core.analysis.rightsizing.ComposeHost;
import dev.purser.core.analysis.rightsizing.Configuration;
import dev.purser.core.analysis.rightsizing.ContainerLimits;
import dev.purser.core.analysis.rightsizing.Evidence;
import dev.purser.core.analysis.rightsizing.KubernetesAnalysis;
import dev.purser.core.analysis.rightsizing.KubernetesWorkload;
import dev.purser.core.analysis.rightsizing.Level;
import dev.purser.core.analysis.rightsizing.PriceBasis;
import dev.purser.core.analysis.rightsizing.Recommendation;
import dev.purser.core.analysis.rightsizing.RecommendationKind;
import dev.purser.core.analysis.rightsizing.RecommendedAction;
import dev.purser.core.analysis.rightsizing.RightsizingEngine;
import dev.purser.core.analysis.rightsizing.UsageStats;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Money;
import dev.purser.core.model.Period;
import dev.purser.core.model.Resource;
import dev.purser.core.model.UsageSeries;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
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
 * <p>Compose stacks: containers with attribute {@code compose_service} and {@code host} are sized
 * together with their host droplet. The compose file's text comes from, in this order, the query
 * ({@code --compose FILE}), the attribute {@code compose_yaml} of the host or a container (the
 * text stored with the inventory, as the demo does), or the attribute {@code compose_file} (a path,
 * read only through the reader given at construction, which confines it to allowed directories).
 * The stack's budget is the query's, else the host's attribute {@code budget_monthly}.
 *
 * <p>Kubernetes containers: attribute {@code k8s_workload} (with {@code k8s_namespace},
 * {@code k8s_kind}, {@code k8s_container}, {@code replicas}, {@code autoscaler}) and current
 * {@code cpu_limit}, {@code memory_limit_bytes}, {@code cpu_request}, {@code memory_request_bytes}.
 * The containers of one workload are sized together, so the report carries the workload's
 * analysis ({@link RightsizingReport#kubernetes()}: its patch) beside their recommendations.
 *
 * <p>Thread-safe: holds no state between calls.
 */
public final class RightsizingService {

    /** Reads a compose file named by a stored attribute; throws {@link PurserException} when it may not. */
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

        List<Resource> resources = inventory.resources(query.account().orElse(null));
        if (query.account().isPresent() && resources.isEmpty()) {
            throw new PurserException(ErrorCode.NOT_FOUND, "no inventory stored for account " + query.account().get());
        }
        // A scenario's name as the target means the whole scenario.
        List<Resource> ofScenario = query.target().isEmpty() ? List.of() : resources.stream()
                .filter(r -> r.scenario().equalsIgnoreCase(query.target().get())).toList();
        if (!ofScenario.isEmpty()) {
            resources = ofScenario;
        }
        Optional<String> target = ofScenario.isEmpty() ? query.target() : Optional.empty();

        Map<String, Money> paid = new HashMap<>();
        String paidMonth = effectiveCosts(paid);
        List<String> notes = new ArrayList<>();
        Set<String> catalogsUsed = new LinkedHashSet<>();
        List<Recommendation> recs = new ArrayList<>();
        List<ComposeStack> stacks = new ArrayList<>();
        List<KubernetesAnalysis> workloads = new ArrayList<>();
        Map<String, List<UsageSeries>> kept = new LinkedHashMap<>();
        Map<String, List<Resource>> containersByHost = new LinkedHashMap<>();
        Map<String, List<Resource>> podsByWorkload = new LinkedHashMap<>();
        Map<String, Resource> byId = new HashMap<>();
        for (Resource r : resources) {
            byId.put(r.id(), r);
        }
        for (Resource r : resources) {
            Optional<RightsizeKind> kind = RightsizeKind.of(r);
            if (kind.isPresent() && kind.get() == RightsizeKind.CONTAINER) {
                containersByHost.computeIfAbsent(r.attributes().getOrDefault("host", ""), h -> new ArrayList<>()).add(r);
            } else if (kind.isPresent() && kind.get() == RightsizeKind.KUBERNETES) {
                podsByWorkload.computeIfAbsent(r.attributes().getOrDefault("k8s_namespace", "default") + "/"
                        + r.attributes().get("k8s_workload"), w -> new ArrayList<>()).add(r);
            }
        }

        boolean matched = target.isEmpty();
        int usedBill = 0;
        for (Resource r : resources) {
            Optional<RightsizeKind> kind = RightsizeKind.of(r);
            if (kind.isEmpty() || !query.kinds().contains(kind.get())) {
                continue;
            }
            switch (kind.get()) {
                case VM -> {
                    boolean hostsStack = containersByHost.containsKey(r.id());
                    if (hostsStack && query.kinds().contains(RightsizeKind.CONTAINER)) {
                        continue; // sized with its stack below
                    }
                    if (!matches(r, target)) {
                        continue;
                    }
                    matched = true;
                    List<UsageSeries> series = load(r.id(), from, to);
                    keep(query, kept, r.id(), series);
                    catalogsUsed.add(catalogNote(eng.catalogFor(r.provider())));
                    Recommendation rec = eng.analyzeVm(r, series);
                    Recommendation onPaid = onPaidPrice(rec, paid, paidMonth);
                    usedBill += onPaid == rec ? 0 : 1;
                    recs.add(onPaid);
                }
                case DATABASE -> {
                    if (!matches(r, target)) {
                        continue;
                    }
                    matched = true;
                    List<UsageSeries> series = load(r.id(), from, to);
                    if (series.isEmpty()) {
                        Optional<Resource> writer = writerOf(r, byId);
                        if (writer.isPresent()) {
                            series = load(writer.get().id(), from, to);
                        }
                    }
                    keep(query, kept, r.id(), series);
                    catalogsUsed.add(catalogNote(eng.catalogFor(r.provider())));
                    Recommendation rec = eng.analyzeDatabaseCluster(r, series);
                    Recommendation onPaid = onPaidPrice(rec, paid, paidMonth);
                    usedBill += onPaid == rec ? 0 : 1;
                    recs.add(onPaid);
                }
                case CONTAINER, KUBERNETES -> {
                    // grouped: stacks and workloads below
                }
            }
        }

        if (query.kinds().contains(RightsizeKind.CONTAINER)) {
            for (Map.Entry<String, List<Resource>> e : containersByHost.entrySet()) {
                Resource host = byId.get(e.getKey());
                boolean any = target.isEmpty() || (host != null && matches(host, target))
                        || e.getValue().stream().anyMatch(c -> matches(c, target));
                if (!any) {
                    continue;
                }
                matched = true;
                if (host == null) {
                    notes.add("containers " + names(e.getValue()) + " name no host in the inventory: not sized");
                    continue;
                }
                catalogsUsed.add(catalogNote(eng.catalogFor(host.provider())));
                composeStack(eng, query, host, e.getValue(), paid, paidMonth, from, to, notes, kept)
                        .ifPresent(stack -> {
                            stacks.add(stack);
                            recs.add(stack.hostRecommendation());
                            recs.addAll(stack.analysis().recommendations());
                        });
            }
        }
        if (query.kinds().contains(RightsizeKind.KUBERNETES)) {
            for (List<Resource> pods : podsByWorkload.values()) {
                if (target.isPresent() && pods.stream().noneMatch(p -> matches(p, target))
                        && !pods.get(0).attributes().get("k8s_workload").equalsIgnoreCase(target.get())) {
                    continue;
                }
                matched = true;
                KubernetesAnalysis analysis = kubernetes(eng, pods, from, to, query, kept);
                workloads.add(analysis);
                recs.addAll(analysis.recommendations());
            }
            if (podsByWorkload.isEmpty() && (query.kinds().size() == 1 || target.isEmpty())) {
                notes.add("no Kubernetes containers in the inventory (attribute k8s_workload): nothing to size per pod");
            }
        }
        if (!matched) {
            throw new PurserException(ErrorCode.NOT_FOUND, "no resource named " + target.get()
                    + (query.account().map(a -> " in account " + a).orElse(""))
                    + "; give a resource id or name, a compose service, or a scenario");
        }

        recs.sort(Comparator.comparing((Recommendation r) -> r.monthlySaving().map(Money::amount).orElse(null),
                Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(Recommendation::id));

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
            notes.add("savings on the price paid where the bill has the resource (effective cost, " + paidMonth
                    + "); list prices otherwise");
        } else {
            notes.add("savings at catalog list prices: the bill of " + paidMonth + " has none of these resources");
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

    /** An Aurora-style cluster reports usage on its writer instance (attribute {@code members}, role writer). */
    private static Optional<Resource> writerOf(Resource cluster, Map<String, Resource> byId) {
        String members = cluster.attributes().get("members");
        if (members == null) {
            return Optional.empty();
        }
        Resource first = null;
        for (String id : members.split(",")) {
            Resource m = byId.get(id.trim());
            if (m == null) {
                continue;
            }
            if ("writer".equalsIgnoreCase(m.attributes().get("role"))) {
                return Optional.of(m);
            }
            first = first == null ? m : first;
        }
        return Optional.ofNullable(first);
    }

    private static boolean matches(Resource r, Optional<String> target) {
        if (target.isEmpty()) {
            return true;
        }
        String t = target.get();
        return r.id().equalsIgnoreCase(t) || r.name().equalsIgnoreCase(t)
                || t.equalsIgnoreCase(r.attributes().get("compose_service"))
                || t.equalsIgnoreCase(r.attributes().get("k8s_container"));
    }

    private static String names(List<Resource> rs) {
        return String.join(", ", rs.stream().map(Resource::name).toList());
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
                hostSize, null, host.monthlyPrice(), Map.of(), Map.of());
        Recommendation hostRec = hostRecommendation(hostResource, host, a);
        ComposeStack stack = new ComposeStack("files", hostResource.id(), hostResource.name(),
                "the compose file given", a, hostRec);
        List<Recommendation> recs = new ArrayList<>();
        recs.add(hostRec);
        recs.addAll(a.recommendations());
        recs.sort(Comparator.comparing((Recommendation r) -> r.monthlySaving().map(Money::amount).orElse(null),
                Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(Recommendation::id));
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

    // ---------------------------------------------------------------- prices paid

    /** Fills {@code paid} with each resource's effective cost of the last full month; returns the month's label. */
    private String effectiveCosts(Map<String, Money> paid) {
        YearMonth month = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC)).minusMonths(1);
        String label = month.toString();
        if (costs == null) {
            return label;
        }
        Period period = new Period(month.atDay(1), month.plusMonths(1).atDay(1), ZoneOffset.UTC);
        CostBreakdown b = costs.breakdown(new BreakdownRequest(period, new Dimension(Dimension.Kind.RESOURCE, null),
                Integer.MAX_VALUE, CostMetric.EFFECTIVE, CostFilter.NONE));
        Set<String> mixed = new java.util.HashSet<>();
        for (CostBreakdown.Section s : b.sections()) {
            for (CostBreakdown.Row row : s.rows()) {
                if (row.other() || row.key() == null) {
                    continue;
                }
                if (paid.putIfAbsent(row.key(), row.amount()) != null) {
                    mixed.add(row.key());
                }
            }
        }
        mixed.forEach(paid::remove); // billed in two currencies: no single price paid
        return label;
    }

    /** The recommendation with its saving scaled to what the bill charged, when the bill has the resource. */
    static Recommendation onPaidPrice(Recommendation r, Map<String, Money> paid, String month) {
        if (r.priceBasis() != PriceBasis.LIST_PRICE || r.monthlySaving().isEmpty() || r.autoscaled()) {
            return r;
        }
        Money billed = paid.get(r.resourceId());
        Optional<Money> list = r.current().monthlyPrice();
        if (billed == null || list.isEmpty() || list.get().amount().signum() <= 0
                || !billed.currency().equals(list.get().currency()) || billed.amount().signum() <= 0) {
            return r;
        }
        BigDecimal ratio = billed.amount().divide(list.get().amount(), MathContext.DECIMAL64);
        Money listSaving = r.monthlySaving().get();
        Money saving = new Money(listSaving.amount().multiply(ratio).setScale(6, RoundingMode.HALF_EVEN),
                listSaving.currency());
        String note = r.priceNote() + "; saving on the price paid: the bill's effective cost in " + month + " was "
                + money(billed) + " against a list price of " + money(list.get()) + ", so the list saving "
                + money(listSaving) + " is scaled by " + ratio.setScale(3, RoundingMode.HALF_EVEN).toPlainString();
        String summary = r.summary() + " — " + money(saving) + "/month on the price paid (" + month + " bill)";
        return new Recommendation(r.id(), r.kind(), r.action(), r.resourceId(), r.resourceName(), r.current(),
                r.proposed(), Optional.of(saving), PriceBasis.EFFECTIVE_COST, note, r.risk(), r.effort(),
                r.confidence(), r.evidence(), r.autoscaled(), r.decisionMatrix(), summary);
    }

    private static String money(Money m) {
        return m.roundedToMinorUnit().amount().toPlainString() + " " + m.currency().getCurrencyCode();
    }

    // ---------------------------------------------------------------- compose

    private Optional<ComposeStack> composeStack(RightsizingEngine eng, RightsizingQuery q, Resource host,
            List<Resource> containers, Map<String, Money> paid, String month, Instant from, Instant to,
            List<String> notes, Map<String, List<UsageSeries>> kept) {
        String yaml;
        String source;
        if (q.composeYaml().isPresent()) {
            yaml = q.composeYaml().get();
            source = "the compose file given";
        } else {
            Optional<String> stored = attribute("compose_yaml", host, containers);
            Optional<String> file = attribute("compose_file", host, containers);
            if (stored.isPresent()) {
                yaml = stored.get();
                source = "the compose file stored with the inventory of " + host.name();
            } else if (file.isPresent()) {
                yaml = composeFiles.read(file.get());
                source = file.get();
            } else {
                notes.add("compose stack on " + host.name() + " (" + names(containers) + "): no compose file stored"
                        + " (attribute compose_yaml or compose_file); give --compose FILE to size it");
                return Optional.empty();
            }
        }
        Map<String, List<UsageSeries>> usage = new LinkedHashMap<>();
        for (Resource c : containers) {
            List<UsageSeries> series = load(c.id(), from, to);
            usage.put(c.attributes().get("compose_service"), series);
            // keyed like the service's recommendation (by service name), so a chart finds it
            keep(q, kept, c.attributes().get("compose_service"), series);
        }
        PriceCatalog catalog = eng.catalogFor(host.provider());
        Optional<ComposeHost> h = composeHost(host, catalog, paid.get(host.id()), month, notes);
        if (h.isEmpty()) {
            return Optional.empty();
        }
        Optional<Money> budget = q.budget();
        if (budget.isEmpty() && host.attributes().containsKey("budget_monthly")) {
            try {
                budget = Optional.of(new Money(new BigDecimal(host.attributes().get("budget_monthly").trim()),
                        h.get().monthlyPrice().currency()));
            } catch (NumberFormatException e) {
                notes.add(host.name() + ": budget_monthly '" + host.attributes().get("budget_monthly")
                        + "' is not a number: no budget check");
            }
        }
        ComposeAnalysis a = eng.analyzeCompose(yaml, usage, h.get(), budget, q.without());
        return Optional.of(new ComposeStack(host.scenario(), host.id(), host.name(), source, a,
                hostRecommendation(host, h.get(), a)));
    }

    private static Optional<String> attribute(String key, Resource host, List<Resource> containers) {
        String v = host.attributes().get(key);
        for (int i = 0; (v == null || v.isBlank()) && i < containers.size(); i++) {
            v = containers.get(i).attributes().get(key);
        }
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    private static Optional<ComposeHost> composeHost(Resource host, PriceCatalog catalog, Money billed, String month,
            List<String> notes) {
        String slug = host.size() == null ? "" : host.size();
        Optional<CatalogSize> size = catalog.machine(slug);
        OptionalDouble vcpus = number(host, "vcpus");
        OptionalDouble memory = number(host, "memory_bytes");
        int cpus = (int) Math.round(vcpus.orElse(size.map(s -> (double) s.vcpus()).orElse(0.0)));
        long mem = (long) memory.orElse(size.map(s -> (double) s.memoryBytes()).orElse(0.0));
        if (cpus <= 0 || mem <= 0) {
            notes.add(host.name() + ": vCPUs and memory unknown (size " + slug + " not in " + catalog.name()
                    + "): its compose stack is not sized");
            return Optional.empty();
        }
        if (billed != null && billed.amount().signum() > 0) {
            notes.add(host.name() + ": the stack's host is priced as billed in " + month + " ("
                    + money(billed) + ", effective cost of everything charged to the droplet)");
            return Optional.of(ComposeHost.billed(host.provider(), slug, cpus, mem, billed));
        }
        PriceLookup list = catalog.price(slug, 1);
        if (list instanceof PriceLookup.Found f) {
            return Optional.of(new ComposeHost(host.provider(), slug, cpus, mem, f.monthly(), PriceBasis.LIST_PRICE));
        }
        if (host.monthlyPrice() != null) {
            return Optional.of(ComposeHost.billed(host.provider(), slug, cpus, mem, host.monthlyPrice()));
        }
        notes.add(host.name() + ": price not found for " + slug + ": its compose stack is not sized");
        return Optional.empty();
    }

    private static OptionalDouble number(Resource r, String key) {
        String v = r.attributes().get(key);
        if (v == null || v.isBlank()) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(v.trim()));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /**
     * The host's answer: the cheapest size that carries the stack with its proposed limits. Its id
     * rests on every service's evidence, so the same usage gives the same id.
     */
    static Recommendation hostRecommendation(Resource host, ComposeHost h, ComposeAnalysis a) {
        List<UsageStats> metrics = new ArrayList<>();
        List<String> gaps = new ArrayList<>(a.gaps());
        Recommendation busiest = null;
        double busiestCpu = -1;
        Level confidence = Level.HIGH;
        List<String> confidenceReasons = new ArrayList<>();
        for (Recommendation r : a.recommendations()) {
            for (UsageStats m : r.evidence().metrics()) {
                metrics.add(new UsageStats(r.resourceName() + "/" + m.metric(), m.unit(), m.p50(), m.p95(), m.p99(),
                        m.max(), m.mean(), m.sampleCount(), m.missingSamples(), m.gapCount(), m.longestGap(),
                        m.coveredDays()));
                if (m.metric().contains("cpu") && m.p95() > busiestCpu) {
                    busiestCpu = m.p95();
                    busiest = r;
                }
            }
            confidence = confidence.min(r.confidence().level());
            for (String reason : r.confidence().reasons()) {
                if (!confidenceReasons.contains(reason)) {
                    confidenceReasons.add(reason);
                }
            }
        }
        Recommendation anchor = busiest != null ? busiest : a.recommendations().get(0);
        Evidence evidence = new Evidence(anchor.evidence().windowStart(), anchor.evidence().windowEnd(), metrics,
                anchor.evidence().pattern(), gaps);
        String id = Recommendation.stableId(RecommendationKind.VM, host.id(), evidence);
        Configuration current = hostConfiguration(h.size(), h.vcpus(), h.memoryBytes(), Optional.of(h.monthlyPrice()));
        ComposeAnalysis.HostChoice choice = a.proposedHost();
        String basisWord = h.priceBasis() == PriceBasis.EFFECTIVE_COST ? "as billed" : "list price";
        String note = "the stack's host at " + money(h.monthlyPrice()) + "/month (" + basisWord + "); " + choice.reason();
        Assessment conf = new Assessment(confidence, confidenceReasons);
        if (choice.size().isEmpty()) {
            return new Recommendation(id, RecommendationKind.VM, RecommendedAction.KEEP, host.id(), host.name(),
                    current, current, Optional.of(Money.zero(h.monthlyPrice().currency())), h.priceBasis(), note,
                    new Assessment(Level.LOW, List.of(choice.reason())), Level.LOW, conf, evidence, false,
                    Optional.empty(), "Keep " + host.name() + ": " + choice.reason());
        }
        String slug = choice.size().get();
        Configuration proposed = hostConfiguration(slug, Double.NaN, choice.neededMemory(), choice.monthlyPrice());
        if (slug.equals(h.size())) {
            return new Recommendation(id, RecommendationKind.VM, RecommendedAction.KEEP, host.id(), host.name(),
                    current, current, Optional.of(Money.zero(h.monthlyPrice().currency())), h.priceBasis(), note,
                    new Assessment(Level.LOW, List.of("the stack needs " + String.format(Locale.ROOT, "%.2f",
                            choice.neededCpus()) + " vCPUs and " + gib(choice.neededMemory()) + " with the rules' headroom")),
                    Level.LOW, conf, evidence, false, Optional.empty(),
                    "Keep " + host.name() + " at " + slug + ": the stack with right-sized limits still needs "
                            + String.format(Locale.ROOT, "%.2f", choice.neededCpus()) + " vCPUs and "
                            + gib(choice.neededMemory()));
        }
        Optional<Money> saving = choice.monthlySaving();
        boolean smaller = saving.map(s -> s.amount().signum() > 0).orElse(false);
        RecommendedAction action = smaller ? RecommendedAction.DOWNSIZE : RecommendedAction.UPSIZE;
        List<String> risk = new ArrayList<>();
        risk.add("apply the right-sized limits first (see the compose diff), then resize: every service restarts");
        risk.add("a droplet resize powers it off for a minute or two");
        return new Recommendation(id, RecommendationKind.VM, action, host.id(), host.name(), current, proposed, saving,
                saving.isPresent() ? h.priceBasis() : PriceBasis.NOT_FOUND, note, new Assessment(Level.MEDIUM, risk),
                Level.MEDIUM, conf, evidence, false, Optional.empty(),
                (smaller ? "Downsize " : "Upsize ") + host.name() + " from " + h.size() + " to " + slug
                        + saving.map(s -> ": " + (s.isNegative() ? "costs " + money(s.negate()) + "/month more"
                                : "saves " + money(s) + "/month")).orElse("") + " with right-sized compose limits");
    }

    private static Configuration hostConfiguration(String slug, double vcpus, double memory, Optional<Money> price) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("size", slug.isEmpty() ? "unknown" : slug);
        if (!Double.isNaN(vcpus)) {
            values.put("vcpus", Long.toString(Math.round(vcpus)));
        }
        values.put("memory_bytes", Long.toString((long) memory));
        return new Configuration(slug.isEmpty() ? "unknown size" : slug, values, price);
    }

    private static String gib(double bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }

    // ---------------------------------------------------------------- Kubernetes

    private static KubernetesAnalysis kubernetesOf(RightsizingEngine eng, List<Resource> pods,
            Function<Resource, List<UsageSeries>> usage) {
        Resource first = pods.get(0);
        Map<String, ContainerLimits> containers = new LinkedHashMap<>();
        Map<String, List<UsageSeries>> series = new TreeMap<>();
        for (Resource p : pods) {
            String name = p.attributes().getOrDefault("k8s_container", p.name());
            containers.put(name, new ContainerLimits(number(p, "cpu_limit"), longNumber(p, "memory_limit_bytes"),
                    number(p, "cpu_request"), longNumber(p, "memory_request_bytes")));
            series.put(name, usage.apply(p));
        }
        int replicas = (int) Math.round(number(first, "replicas").orElse(1.0));
        String autoscaler = first.attributes().getOrDefault("autoscaler", "none");
        KubernetesWorkload w = new KubernetesWorkload(first.attributes().getOrDefault("k8s_kind", "Deployment"),
                first.attributes().getOrDefault("k8s_namespace", "default"), first.attributes().get("k8s_workload"),
                Math.max(0, replicas), !autoscaler.isBlank() && !autoscaler.equalsIgnoreCase("none"), containers);
        return eng.analyzeKubernetes(w, series);
    }

    private KubernetesAnalysis kubernetes(RightsizingEngine eng, List<Resource> pods, Instant from, Instant to,
            RightsizingQuery q, Map<String, List<UsageSeries>> kept) {
        return kubernetesOf(eng, pods, p -> {
            List<UsageSeries> s = load(p.id(), from, to);
            // keyed like the container's recommendation (namespace/workload/container, no k8s/ or
            // cluster prefix), so a chart finds it as it finds a machine's series
            keep(q, kept, p.attributes().getOrDefault("k8s_namespace", "default") + "/"
                    + p.attributes().get("k8s_workload") + "/" + p.attributes().getOrDefault("k8s_container", p.name()),
                    s);
            return s;
        });
    }

    private static OptionalLong longNumber(Resource r, String key) {
        OptionalDouble d = number(r, key);
        return d.isPresent() ? OptionalLong.of((long) d.getAsDouble()) : OptionalLong.empty();
    }
}
