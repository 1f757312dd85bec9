package dev.purser.core.analysis.rightsizing;

import dev.purser.core.analysis.catalog.CatalogSize;
import dev.purser.core.analysis.catalog.PriceCatalog;
import dev.purser.core.analysis.catalog.PriceLookup;
import dev.purser.core.model.Money;
import dev.purser.core.model.Resource;
import dev.purser.core.model.UsageSeries;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Right-sizing: from usage over a window, a workload pattern and a price catalog, the cheapest
 * size that keeps the rules' headroom — for VMs, managed database clusters (size and node count),
 * docker-compose services and Kubernetes containers.
 *
 * <p>Safety, which the tests check over generated series: a proposed memory is never below the
 * observed maximum (it is at least max × {@code memoryHeadroom}); a proposed CPU capacity is never
 * below the observed p99; a saving is only claimed when the catalog prices both sides; a window
 * with too many gaps is answered "insufficient data" with the gaps named; a resource without
 * data is {@link WorkloadPattern#UNKNOWN}, never idle.
 *
 * <p>Thread-safe and stateless apart from its inputs; the window always ends at the injected
 * clock's now.
 */
public final class RightsizingEngine {

    private final List<PriceCatalog> catalogs;
    private final RightsizingRules rules;
    private final Clock clock;
    private final UsageAnalyzer analyzer;

    public RightsizingEngine(PriceCatalog catalog, RightsizingRules rules, Clock clock) {
        this(List.of(catalog), rules, clock);
    }

    /** @param catalogs one per provider; a resource is priced by the catalog whose provider matches its own */
    public RightsizingEngine(List<PriceCatalog> catalogs, RightsizingRules rules, Clock clock) {
        this.catalogs = List.copyOf(catalogs);
        if (this.catalogs.isEmpty()) {
            throw new IllegalArgumentException("catalogs must not be empty");
        }
        this.rules = Objects.requireNonNull(rules, "rules");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.analyzer = new UsageAnalyzer(rules);
    }

    public RightsizingRules rules() {
        return rules;
    }

    /** The same catalogs and clock with other rules (for example another window). */
    public RightsizingEngine withRules(RightsizingRules newRules) {
        return new RightsizingEngine(catalogs, newRules, clock);
    }

    /** The same catalogs and rules judged at another clock (usage read from files ends when the file does). */
    public RightsizingEngine withClock(Clock newClock) {
        return new RightsizingEngine(catalogs, rules, newClock);
    }

    /** The same rules and clock with other catalogs (for example live ones read at the time of a call). */
    public RightsizingEngine withCatalogs(List<PriceCatalog> newCatalogs) {
        return new RightsizingEngine(newCatalogs, rules, clock);
    }

    /** The catalogs, one per provider, in the order given. */
    public List<PriceCatalog> catalogs() {
        return catalogs;
    }

    /** The catalog for a provider (matched case-insensitively), else the first one. */
    public PriceCatalog catalogFor(String provider) {
        for (PriceCatalog c : catalogs) {
            if (c.provider().equalsIgnoreCase(provider)) {
                return c;
            }
        }
        return catalogs.get(0);
    }

    Instant windowEnd() {
        return clock.instant();
    }

    Instant windowStart() {
        return clock.instant().minus(rules.window());
    }

    UsageProfile profile(List<UsageSeries> series, double cpuCapacity, double memoryCapacity) {
        Instant to = windowEnd();
        return UsageProfile.of(analyzer, rules, series, to.minus(rules.window()), to, cpuCapacity, memoryCapacity);
    }

    UsageAnalyzer analyzer() {
        return analyzer;
    }

    // ---------------------------------------------------------------- VMs

    /**
     * A droplet or VM: the cheapest catalog size in its family that keeps CPU p95 ≤ 70 % and p99 ≤
     * 90 % and memory ≥ max × 1.2 (default rules), or "keep" with the reason; an idle machine is
     * flagged as waste. Autoscaled machines are sized per replica.
     *
     * @param series the machine's usage: CPU (cores or percent of its vCPUs) and memory (bytes or percent)
     */
    public Recommendation analyzeVm(Resource resource, List<UsageSeries> series) {
        PriceCatalog catalog = catalogFor(resource.provider());
        String slug = resource.size() == null ? "" : resource.size();
        Optional<CatalogSize> currentSize = catalog.machine(slug);
        double vcpus = SizingFacts.vcpus(resource).orElse(currentSize.map(s -> (double) s.vcpus()).orElse(Double.NaN));
        double memory = SizingFacts.memoryBytes(resource)
                .orElse(currentSize.map(s -> (double) s.memoryBytes()).orElse(Double.NaN));
        UsageProfile usage = profile(series, vcpus, memory);
        boolean autoscaled = SizingFacts.autoscaled(resource);
        int replicas = autoscaled ? SizingFacts.replicas(resource) : 1;
        PriceLookup currentPrice = slug.isEmpty()
                ? new PriceLookup.NotFound("", 1, "price not found: the resource has no size")
                : catalog.price(slug, 1);
        Configuration current = machineConfiguration(slug, vcpus, memory, 1, currentPrice);
        String priceNote = priceNote(catalog, resource, currentPrice);

        List<String> riskReasons = new ArrayList<>();
        if (autoscaled) {
            riskReasons.add("autoscaled (" + replicas + " replica" + (replicas == 1 ? "" : "s")
                    + " now): sized per replica; the autoscaler's thresholds may need review");
        }
        if (usage.noData() || usage.tooGappy().isPresent()) {
            return insufficient(RecommendationKind.VM, resource, current, usage, priceNote, autoscaled);
        }
        if (usage.cpuPattern().pattern() == WorkloadPattern.IDLE) {
            return idle(RecommendationKind.VM, resource, current, currentPrice, usage, priceNote, autoscaled,
                    replicas);
        }
        double needCpu = requiredCpu(usage, vcpus);
        double needMemory = requiredMemory(usage, memory);
        OptionalDouble diskUsed = SizingFacts.diskUsedGib(resource);
        String family = currentSize.map(CatalogSize::family).orElse(CatalogSize.familyOf(slug));
        CatalogSize best = null;
        for (CatalogSize s : catalog.machines(rules.allowFamilyChange() ? null : family)) {
            if (s.priced() && s.available() && s.vcpus() >= needCpu && s.memoryBytes() >= needMemory
                    && (diskUsed.isEmpty() || s.diskGib() >= diskUsed.getAsDouble())) {
                best = s;
                break;
            }
        }
        List<String> confidenceExtra = new ArrayList<>();
        if (currentPrice instanceof PriceLookup.NotFound nf) {
            confidenceExtra.add(nf.reason());
        }
        Assessment confidence = usage.confidence(confidenceExtra);
        patternRisk(usage, riskReasons);
        Evidence evidence = usage.evidence();
        String id = Recommendation.stableId(RecommendationKind.VM, resource.id(), evidence);
        String figures = figures(usage);
        if (best == null) {
            riskReasons.add("no " + family + " size in " + catalog.source() + " has " + Formats.cores(needCpu)
                    + " and " + Formats.bytes(needMemory));
            return new Recommendation(id, RecommendationKind.VM, RecommendedAction.KEEP, resource.id(),
                    resource.name(), current, current, Optional.empty(), basis(currentPrice), priceNote,
                    risk(riskReasons), Level.LOW, confidence, evidence, autoscaled, Optional.empty(),
                    "Keep " + resource.name() + ": no catalog size in family " + family + " fits the rules ("
                            + figures + ")");
        }
        PriceLookup proposedPrice = catalog.price(best.slug(), 1);
        Configuration proposed = machineConfiguration(best.slug(), best.vcpus(), best.memoryBytes(), 1,
                proposedPrice);
        if (best.slug().equals(slug)) {
            return new Recommendation(id, RecommendationKind.VM, RecommendedAction.KEEP, resource.id(),
                    resource.name(), current, current, zeroSaving(currentPrice), basis(currentPrice), priceNote,
                    risk(riskReasons), Level.LOW, confidence, evidence, autoscaled, Optional.empty(),
                    "Keep " + resource.name() + " at " + slug + ": already the cheapest size that fits ("
                            + figures + ")");
        }
        Optional<Money> saving = saving(currentPrice, proposedPrice, replicas);
        RecommendedAction action;
        boolean smaller;
        if (saving.isPresent()) {
            smaller = saving.get().amount().signum() > 0;
        } else {
            smaller = !Double.isNaN(vcpus) && !Double.isNaN(memory) && best.vcpus() <= vcpus
                    && best.memoryBytes() <= memory;
        }
        action = smaller ? RecommendedAction.DOWNSIZE : RecommendedAction.UPSIZE;
        if (saving.isPresent() && smaller
                && saving.get().amount().compareTo(rules.minMonthlySaving()) < 0) {
            return new Recommendation(id, RecommendationKind.VM, RecommendedAction.KEEP, resource.id(),
                    resource.name(), current, current, zeroSaving(currentPrice), basis(currentPrice), priceNote,
                    risk(riskReasons), Level.LOW, confidence, evidence, autoscaled, Optional.empty(),
                    "Keep " + resource.name() + ": moving to " + best.slug() + " would save only "
                            + Formats.money(saving.get()) + "/month");
        }
        if (action == RecommendedAction.UPSIZE) {
            riskReasons.add("under-provisioned: the rules need " + Formats.cores(needCpu) + " and "
                    + Formats.bytes(needMemory));
        }
        if (!Double.isNaN(best.vcpus()) && usage.cpu().isPresent()
                && usage.cpu().get().p99() > 0.8 * best.vcpus()) {
            riskReasons.add("CPU p99 would be " + Formats.percent(usage.cpu().get().p99() / best.vcpus())
                    + " of the new size");
        }
        Level effort = resizeEffort(resource.provider(), riskReasons);
        String verb = action == RecommendedAction.DOWNSIZE ? "Downsize " : "Upsize ";
        String summary = verb + resource.name() + " from " + (slug.isEmpty() ? "its current size" : slug) + " to "
                + best.slug() + (saving.isPresent() ? ": " + savingPhrase(saving.get()) : ": price not found for "
                        + (slug.isEmpty() ? "the current size" : slug) + ", no saving claimed")
                + " (" + figures + ")" + (autoscaled ? " — per replica" : "");
        return new Recommendation(id, RecommendationKind.VM, action, resource.id(), resource.name(), current,
                proposed, saving, saving.isPresent() ? PriceBasis.LIST_PRICE : PriceBasis.NOT_FOUND, priceNote,
                risk(riskReasons), effort, confidence, evidence, autoscaled, Optional.empty(), summary);
    }

    // ---------------------------------------------------------------- database clusters

    /**
     * A managed database cluster: node size and node count, with the high-availability trade-off
     * as a {@link DecisionMatrix} and a verdict that respects {@code tier=critical}.
     *
     * @param series the primary's usage: CPU (cores or percent of one node), memory, optionally connections
     */
    public Recommendation analyzeDatabaseCluster(Resource resource, List<UsageSeries> series) {
        PriceCatalog catalog = catalogFor(resource.provider());
        String engineName = SizingFacts.engine(resource);
        String slug = resource.size() == null ? "" : resource.size();
        int nodes = SizingFacts.nodes(resource);
        Optional<CatalogSize> currentSize = catalog.databaseNode(engineName, slug);
        double vcpus = SizingFacts.vcpus(resource).orElse(currentSize.map(s -> (double) s.vcpus()).orElse(Double.NaN));
        double memory = SizingFacts.memoryBytes(resource)
                .orElse(currentSize.map(s -> (double) s.memoryBytes()).orElse(Double.NaN));
        UsageProfile usage = profile(series, vcpus, memory);
        PriceLookup currentPrice = catalog.databasePrice(engineName, slug, nodes);
        Configuration current = machineConfiguration(slug, vcpus, memory, nodes, currentPrice);
        String priceNote = priceNote(catalog, resource, currentPrice);
        boolean critical = resource.critical();
        String environment = resource.environment();
        if (usage.noData() || usage.tooGappy().isPresent()) {
            Recommendation unknown = insufficient(RecommendationKind.DATABASE_CLUSTER, resource, current, usage,
                    priceNote, false);
            return withUnsizedMatrix(unknown, resource, catalog, engineName, slug, nodes, usage, vcpus, memory,
                    critical, environment, currentPrice);
        }
        double needCpu = requiredCpu(usage, vcpus);
        double needMemory = requiredMemory(usage, memory);
        OptionalDouble dataBytes = SizingFacts.dataBytes(resource);
        String family = currentSize.map(CatalogSize::family).orElse(CatalogSize.familyOf(slug));

        Set<Integer> counts = new TreeSet<>();
        for (int n : catalog.nodeCounts(engineName)) {
            if (n <= nodes) {
                counts.add(n);
            }
        }
        if (counts.isEmpty()) {
            for (int n = 1; n <= nodes; n++) {
                counts.add(n);
            }
        }
        counts.add(nodes);

        DatabaseOptions options = new DatabaseOptions(this, resource, catalog, engineName, usage, vcpus, memory,
                dataBytes, critical, environment, currentPrice);
        Map<String, DecisionMatrix.Option> rows = new LinkedHashMap<>();
        rows.put(slug + "/" + nodes, options.option(slug, nodes, true));
        for (int n : counts) {
            if (n < nodes && catalog.layoutAllows(engineName, slug, n)) {
                rows.putIfAbsent(slug + "/" + n, options.option(slug, n, false));
            }
        }
        for (int n : counts) {
            CatalogSize best = null;
            for (CatalogSize s : catalog.databaseNodes(engineName, n)) {
                if (s.priced() && (rules.allowFamilyChange() || s.family().equals(family)) && s.vcpus() >= needCpu
                        && s.memoryBytes() >= needMemory
                        && (dataBytes.isEmpty() || s.diskGib() == 0
                                || s.diskGib() * Formats.GIB >= dataBytes.getAsDouble() * rules.memoryHeadroom())) {
                    best = s;
                    break;
                }
            }
            if (best != null) {
                rows.putIfAbsent(best.slug() + "/" + n, options.option(best.slug(), n, false));
            }
        }
        List<DecisionMatrix.Option> matrixRows = new ArrayList<>(rows.values());

        // On DigitalOcean a node size cannot shrink in place: it takes a new cluster and a migration.
        // Dropping a standby is one API call and is undone in minutes, so when any in-place layout
        // saves enough it is the verdict, and a smaller size is named as a later, separate step.
        boolean sizeNeedsMigration = resource.provider().equalsIgnoreCase("DigitalOcean");
        DecisionMatrix.Option chosen = matrixRows.get(0);
        DecisionMatrix.Option chosenInPlace = matrixRows.get(0);
        List<String> verdictReasons = new ArrayList<>();
        for (DecisionMatrix.Option row : matrixRows) {
            if (row.current()) {
                continue;
            }
            if (!row.allowed()) {
                verdictReasons.add(row.label() + " not proposed: " + row.notAllowedReason());
                continue;
            }
            if (row.monthlySaving().isEmpty()) {
                verdictReasons.add(row.label() + " not proposed: price not found");
                continue;
            }
            BigDecimal s = row.monthlySaving().get().amount();
            if (s.compareTo(rules.minMonthlySaving()) < 0) {
                continue;
            }
            BigDecimal best = chosen.current() ? BigDecimal.ZERO : chosen.monthlySaving().get().amount();
            if (s.compareTo(best) > 0) {
                chosen = row;
            }
            BigDecimal bestInPlace = chosenInPlace.current() ? BigDecimal.ZERO
                    : chosenInPlace.monthlySaving().get().amount();
            if (row.size().equals(slug) && s.compareTo(bestInPlace) > 0) {
                chosenInPlace = row;
            }
        }
        if (sizeNeedsMigration && !chosenInPlace.current() && chosen != chosenInPlace) {
            verdictReasons.add(chosen.label() + " would save " + Formats.money(chosen.monthlySaving().get().minus(
                    chosenInPlace.monthlySaving().get())) + "/month more, but a smaller node size needs a new cluster "
                    + "and a migration: a later, separate step once " + chosenInPlace.label() + " has soaked");
            chosen = chosenInPlace;
        }
        Evidence evidence = usage.evidence();
        String id = Recommendation.stableId(RecommendationKind.DATABASE_CLUSTER, resource.id(), evidence);
        List<String> riskReasons = new ArrayList<>();
        patternRisk(usage, riskReasons);
        RecommendedAction action;
        Level effort;
        if (chosen.current()) {
            action = RecommendedAction.KEEP;
            effort = Level.LOW;
            verdictReasons.add(0, "keep " + chosen.label() + (critical ? " (tier=critical)" : "")
                    + ": no allowed layout saves at least " + rules.minMonthlySaving() + " a month");
        } else {
            boolean fewer = chosen.nodes() < nodes;
            boolean smaller = !chosen.size().equals(slug);
            action = fewer && smaller ? RecommendedAction.DOWNSIZE_AND_REDUCE_NODES
                    : fewer ? RecommendedAction.REDUCE_NODES : RecommendedAction.DOWNSIZE;
            effort = smaller && resource.provider().equalsIgnoreCase("DigitalOcean") ? Level.HIGH
                    : smaller ? Level.MEDIUM : Level.LOW;
            if (chosen.risk().compareTo(Level.LOW) > 0) {
                riskReasons.add(chosen.failover());
            }
            if (fewer) {
                riskReasons.add("removes the standby: " + chosen.dataLossWindow());
            }
            verdictReasons.add(0, chosen.label() + " saves " + Formats.money(chosen.monthlySaving().get())
                    + "/month; " + chosen.performance());
        }
        Level riskLevel = chosen.risk().max(risk(riskReasons).level());
        Assessment risk = new Assessment(riskLevel, riskReasons);
        DecisionMatrix matrix = new DecisionMatrix(resource.id(), critical, environment, matrixRows, chosen.label(),
                verdictReasons);
        Configuration proposed = chosen.current() ? current
                : machineConfiguration(chosen.size(), options.vcpusOf(chosen.size()), options.memoryOf(chosen.size()),
                        chosen.nodes(), catalog.databasePrice(engineName, chosen.size(), chosen.nodes()));
        Optional<Money> saving = chosen.current() ? zeroSaving(currentPrice) : chosen.monthlySaving();
        List<String> confidenceExtra = new ArrayList<>();
        if (currentPrice instanceof PriceLookup.NotFound nf) {
            confidenceExtra.add(nf.reason());
        }
        String summary = (chosen.current() ? "Keep " + resource.name() + " at " + chosen.label()
                : resource.name() + ": " + current.label() + " → " + chosen.label() + ", "
                        + savingPhrase(saving.get()))
                + " (" + figures(usage) + ")";
        return new Recommendation(id, RecommendationKind.DATABASE_CLUSTER, action, resource.id(), resource.name(),
                current, proposed, saving, saving.isPresent() ? PriceBasis.LIST_PRICE : PriceBasis.NOT_FOUND,
                priceNote, risk, effort, usage.confidence(confidenceExtra), evidence, false, Optional.of(matrix),
                summary);
    }

    // ---------------------------------------------------------------- compose and Kubernetes

    /**
     * A docker-compose stack on one host: limits and reservations per service, the per-service
     * cost split, the cheapest host that fits, the budget check, a what-if without some services,
     * and the patched YAML with its unified diff.
     *
     * @param usageByService series per compose service name (CPU in cores, memory in bytes)
     * @param host           the host the stack runs on, and what it costs
     * @param budget         the monthly budget to check against (empty: no check)
     * @param without        services to leave out of the what-if (empty: no what-if)
     */
    public ComposeAnalysis analyzeCompose(String composeYaml, Map<String, List<UsageSeries>> usageByService,
            ComposeHost host, Optional<Money> budget, Set<String> without) {
        return new ComposeSizer(this, catalogFor(host.provider())).analyze(composeYaml, usageByService, host, budget,
                without);
    }

    /**
     * Requests and limits for each container of a Kubernetes workload, as a strategic-merge patch.
     *
     * @param usageByContainer cAdvisor-like series per container name (per pod)
     */
    public KubernetesAnalysis analyzeKubernetes(KubernetesWorkload workload,
            Map<String, List<UsageSeries>> usageByContainer) {
        return new KubernetesSizer(this).analyze(workload, usageByContainer);
    }

    // ---------------------------------------------------------------- shared helpers

    /** CPU the rules require, scaled for a rising trend; the current capacity when CPU is unknown. */
    double requiredCpu(UsageProfile usage, double currentCapacity) {
        if (usage.cpu().isEmpty()) {
            return Double.isNaN(currentCapacity) ? 0.0 : currentCapacity;
        }
        UsageStats cpu = usage.cpu().get();
        return rules.requiredCpu(cpu.p95(), cpu.p99()) * usage.cpuPattern().growthFactor();
    }

    /** Memory the rules require, scaled for a rising trend; the current memory when memory is unknown. */
    double requiredMemory(UsageProfile usage, double currentMemory) {
        if (usage.memory().isEmpty()) {
            return Double.isNaN(currentMemory) ? 0.0 : currentMemory;
        }
        return rules.requiredMemory(usage.memory().get().max()) * usage.memoryPattern().growthFactor();
    }

    static Configuration machineConfiguration(String slug, double vcpus, double memory, int nodes,
            PriceLookup price) {
        // a cluster layout always names its node count; a single machine only when it is a pool
        OptionalInt count = nodes > 1 || price.slug().startsWith("db") ? OptionalInt.of(nodes) : OptionalInt.empty();
        return Configuration.machine(slug, vcpus, memory, count, price.monthlyPrice());
    }

    static Optional<Money> saving(PriceLookup current, PriceLookup proposed, int replicas) {
        if (current instanceof PriceLookup.Found c && proposed instanceof PriceLookup.Found p) {
            return Optional.of(c.monthly().minus(p.monthly()).times(BigDecimal.valueOf(replicas)));
        }
        return Optional.empty();
    }

    static Optional<Money> zeroSaving(PriceLookup current) {
        return current.monthlyPrice().map(m -> Money.zero(m.currency()));
    }

    static PriceBasis basis(PriceLookup price) {
        return price instanceof PriceLookup.Found ? PriceBasis.LIST_PRICE : PriceBasis.NOT_FOUND;
    }

    static String priceNote(PriceCatalog catalog, Resource resource, PriceLookup current) {
        StringBuilder note = new StringBuilder("list prices from " + catalog.name() + " " + catalog.source());
        if (current instanceof PriceLookup.NotFound nf) {
            note.append("; ").append(nf.reason());
        }
        if (resource.monthlyPrice() != null) {
            note.append("; the bill's effective cost is ").append(Formats.money(resource.monthlyPrice()))
                    .append("/month");
        }
        return note.toString();
    }

    static String savingPhrase(Money saving) {
        return saving.isNegative() ? "costs " + Formats.money(saving.negate()) + "/month more"
                : "saves " + Formats.money(saving) + "/month";
    }

    static String figures(UsageProfile usage) {
        List<String> parts = new ArrayList<>();
        usage.cpu().ifPresent(c -> parts.add(String.format(Locale.ROOT, "CPU p95 %.2f / p99 %.2f cores", c.p95(),
                c.p99())));
        usage.memory().ifPresent(m -> parts.add("memory max " + Formats.bytes(m.max())));
        parts.add(usage.pattern().pattern().name().toLowerCase(Locale.ROOT));
        return String.join(", ", parts);
    }

    static void patternRisk(UsageProfile usage, List<String> riskReasons) {
        PatternAnalysis p = usage.pattern();
        switch (p.pattern()) {
            case BURSTY -> riskReasons.add("bursty workload: " + String.join("; ", p.reasons()));
            case TRENDING -> riskReasons.add("trending workload, sized for the projection: "
                    + String.join("; ", p.reasons()));
            case UNKNOWN, IDLE, STEADY, PERIODIC -> {
                // No extra risk: a steady or cyclic load is what the percentiles describe best.
            }
        }
    }

    static Assessment risk(List<String> reasons) {
        Level level = reasons.isEmpty() ? Level.LOW : reasons.size() >= 3 ? Level.HIGH : Level.MEDIUM;
        List<String> out = reasons.isEmpty() ? List.of("headroom kept by the rules; steady or cyclic usage")
                : reasons;
        return new Assessment(level, out);
    }

    static Level resizeEffort(String provider, List<String> riskReasons) {
        if (provider.equalsIgnoreCase("DigitalOcean")) {
            riskReasons.add("a droplet resize powers it off for a minute or two; a smaller disk is only possible "
                    + "if it was never resized with its disk");
        } else if (provider.equalsIgnoreCase("AWS")) {
            riskReasons.add("changing the instance type needs a stop and start");
        }
        return Level.MEDIUM;
    }

    Recommendation insufficient(RecommendationKind kind, Resource resource, Configuration current,
            UsageProfile usage, String priceNote, boolean autoscaled) {
        Evidence evidence = usage.evidence();
        String why = usage.noData() ? "no usage data in the window: unknown, not idle" : usage.tooGappy().get();
        return new Recommendation(Recommendation.stableId(kind, resource.id(), evidence), kind,
                RecommendedAction.INSUFFICIENT_DATA, resource.id(), resource.name(), current, current,
                Optional.empty(), PriceBasis.NOT_FOUND, priceNote,
                new Assessment(Level.LOW, List.of("nothing proposed")), Level.LOW, usage.confidence(List.of()),
                evidence, autoscaled, Optional.empty(), "No recommendation for " + resource.name() + ": " + why);
    }

    Recommendation idle(RecommendationKind kind, Resource resource, Configuration current, PriceLookup price,
            UsageProfile usage, String priceNote, boolean autoscaled, int replicas) {
        Evidence evidence = usage.evidence();
        Optional<Money> saving;
        PriceBasis basis;
        if (price instanceof PriceLookup.Found f) {
            saving = Optional.of(f.monthly().times(BigDecimal.valueOf(replicas)));
            basis = PriceBasis.LIST_PRICE;
        } else if (resource.monthlyPrice() != null) {
            saving = Optional.of(resource.monthlyPrice());
            basis = PriceBasis.EFFECTIVE_COST;
        } else {
            saving = Optional.empty();
            basis = PriceBasis.NOT_FOUND;
        }
        Configuration removed = Configuration.removed();
        return new Recommendation(Recommendation.stableId(kind, resource.id(), evidence), kind,
                RecommendedAction.FLAG_IDLE, resource.id(), resource.name(), current, removed, saving, basis,
                priceNote, new Assessment(Level.MEDIUM, List.of("idle by CPU: confirm nobody needs it before removing it",
                        "take a snapshot first so it can be restored")),
                Level.LOW, usage.confidence(List.of()), evidence, autoscaled, Optional.empty(),
                resource.name() + " looks idle (" + String.join("; ", usage.cpuPattern().reasons()) + ")"
                        + saving.map(s -> ": removing it saves " + Formats.money(s) + "/month").orElse(""));
    }

    /**
     * Without usage nothing is proposed, but the high-availability trade-off of the layouts that
     * keep the node size (failover against restore time, data-loss window, backup recency, saving)
     * rests on configuration alone, so the answer still shows it, every other row marked not proposed.
     */
    private Recommendation withUnsizedMatrix(Recommendation unknown, Resource resource, PriceCatalog catalog,
            String engineName, String slug, int nodes, UsageProfile usage, double vcpus, double memory,
            boolean critical, String environment, PriceLookup currentPrice) {
        DatabaseOptions options = new DatabaseOptions(this, resource, catalog, engineName, usage, vcpus, memory,
                SizingFacts.dataBytes(resource), critical, environment, currentPrice);
        String why = usage.noData() ? "no usage data in the window: performance impact unknown"
                : "usage too gappy to judge: " + usage.tooGappy().get();
        List<DecisionMatrix.Option> rows = new ArrayList<>();
        rows.add(options.option(slug, nodes, true));
        for (int n : new TreeSet<>(catalog.nodeCounts(engineName))) {
            if (n < nodes && catalog.layoutAllows(engineName, slug, n)) {
                DecisionMatrix.Option o = options.option(slug, n, false);
                rows.add(new DecisionMatrix.Option(o.label(), o.size(), o.nodes(), false, o.monthlyPrice(),
                        o.monthlySaving(), o.performance(), o.failover(), o.restoreEstimate(), o.dataLossWindow(),
                        o.backupRecency(), o.operationalComplexity(), o.risk(), false,
                        o.allowed() ? why : o.notAllowedReason() + "; " + why));
            }
        }
        DecisionMatrix matrix = new DecisionMatrix(resource.id(), critical, environment, rows, rows.get(0).label(),
                List.of("keep " + rows.get(0).label() + ": " + why));
        return new Recommendation(unknown.id(), unknown.kind(), unknown.action(), unknown.resourceId(),
                unknown.resourceName(), unknown.current(), unknown.proposed(), unknown.monthlySaving(),
                unknown.priceBasis(), unknown.priceNote(), unknown.risk(), unknown.effort(), unknown.confidence(),
                unknown.evidence(), unknown.autoscaled(), Optional.of(matrix), unknown.summary());
    }

    Duration restoreEstimate(double dataBytes) {
        double hours = dataBytes / Formats.GIB / rules.restoreGibPerHour();
        return rules.restoreFixedTime().plusSeconds(Math.round(hours * 3600));
    }

    Clock clock() {
        return clock;
    }
}
