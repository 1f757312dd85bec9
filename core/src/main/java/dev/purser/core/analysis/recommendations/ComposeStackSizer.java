package dev.purser.core.analysis.recommendations;

import dev.purser.core.analysis.catalog.CatalogSize;
import dev.purser.core.analysis.catalog.PriceCatalog;
import dev.purser.core.analysis.catalog.PriceLookup;
import dev.purser.core.analysis.rightsizing.Assessment;
import dev.purser.core.analysis.rightsizing.ComposeAnalysis;
import dev.purser.core.analysis.rightsizing.ComposeHost;
import dev.purser.core.analysis.rightsizing.Configuration;
import dev.purser.core.analysis.rightsizing.Evidence;
import dev.purser.core.analysis.rightsizing.Level;
import dev.purser.core.analysis.rightsizing.PriceBasis;
import dev.purser.core.analysis.rightsizing.Recommendation;
import dev.purser.core.analysis.rightsizing.RecommendationKind;
import dev.purser.core.analysis.rightsizing.RecommendedAction;
import dev.purser.core.analysis.rightsizing.RightsizingEngine;
import dev.purser.core.analysis.rightsizing.UsageStats;
import dev.purser.core.model.Money;
import dev.purser.core.model.Resource;
import dev.purser.core.model.ResourceFacts;
import dev.purser.core.model.UsageSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * A docker-compose stack sized with its host: where the compose file comes from, what the host
 * is and costs, and the host's own recommendation (the cheapest size that carries the stack with
 * its right-sized limits).
 *
 * <p>The compose file's text comes from, in this order, the query ({@code --compose FILE}), the
 * {@code composeSource} facet of the host or a service (the text stored with the inventory, as the
 * demo does), or a path in that facet (read only through the given reader, which confines it to
 * allowed directories). The stack's budget is the query's, else the host's facet's.
 */
final class ComposeStackSizer {

    private ComposeStackSizer() {
    }

    /** The compose text and where it came from, or empty (with a note) when there is none. */
    record Source(String yaml, String from) {
    }

    static Optional<Source> source(RightsizingQuery q, Resource host, List<Resource> services,
            RightsizingService.ComposeFileReader files, List<String> notes) {
        if (q.composeYaml().isPresent()) {
            return Optional.of(new Source(q.composeYaml().get(), "the compose file given"));
        }
        Optional<String> yaml = stored(host, services, ResourceFacts.ComposeSource::yaml);
        Optional<String> path = stored(host, services, ResourceFacts.ComposeSource::path);
        if (yaml.isPresent()) {
            return Optional.of(new Source(yaml.get(), "the compose file stored with the inventory of " + host.name()));
        }
        if (path.isPresent()) {
            return Optional.of(new Source(files.read(path.get()), path.get()));
        }
        notes.add("compose stack on " + host.name() + " (" + RightsizingScope.names(services) + "): no compose file"
                + " stored (attribute compose_yaml or compose_file); give --compose FILE to size it");
        return Optional.empty();
    }

    /** The stack's monthly budget: the query's, else the host's stored one. */
    static Optional<Money> budget(RightsizingQuery q, Resource host) {
        return q.budget().or(() -> host.facts().composeSource().flatMap(ResourceFacts.ComposeSource::monthlyBudget));
    }

    /** A stored compose fact of the host, else of the first service that has it. */
    private static Optional<String> stored(Resource host, List<Resource> services,
            Function<ResourceFacts.ComposeSource, Optional<String>> fact) {
        Optional<String> v = host.facts().composeSource().flatMap(fact);
        for (int i = 0; v.isEmpty() && i < services.size(); i++) {
            v = services.get(i).facts().composeSource().flatMap(fact);
        }
        return v;
    }

    /**
     * The host as sized: its vCPUs and memory (stored, else the catalog's), priced as billed when
     * the bill has it, else at list price, else at the inventory's price; empty (with a note) when
     * it cannot be sized or priced.
     */
    static Optional<ComposeHost> host(Resource host, PriceCatalog catalog, Optional<Money> billed, String month,
            List<String> notes) {
        String slug = host.size() == null ? "" : host.size();
        Optional<CatalogSize> size = catalog.machine(slug);
        OptionalDouble vcpus = host.facts().compute().map(ResourceFacts.Compute::vcpus).orElse(OptionalDouble.empty());
        Optional<Long> memory = host.facts().compute().filter(c -> c.memoryBytes().isPresent())
                .map(c -> c.memoryBytes().getAsLong());
        int cpus = (int) Math.round(vcpus.orElse(size.map(s -> (double) s.vcpus()).orElse(0.0)));
        long mem = memory.orElse(size.map(CatalogSize::memoryBytes).orElse(0L));
        if (cpus <= 0 || mem <= 0) {
            notes.add(host.name() + ": vCPUs and memory unknown (size " + slug + " not in " + catalog.name()
                    + "): its compose stack is not sized");
            return Optional.empty();
        }
        if (billed.isPresent() && billed.get().amount().signum() > 0) {
            notes.add(host.name() + ": the stack's host is priced as billed in " + month + " ("
                    + PaidPrices.money(billed.get()) + ", effective cost of everything charged to the droplet)");
            return Optional.of(ComposeHost.billed(host.provider(), slug, cpus, mem, billed.get()));
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

    /** Sizes the stack: its services' limits and its host. */
    static ComposeStack size(RightsizingEngine eng, Resource host, ComposeHost h, Source source,
            Map<String, List<UsageSeries>> usage, Optional<Money> budget, Set<String> without) {
        ComposeAnalysis a = eng.analyzeCompose(source.yaml(), usage, h, budget, without);
        return new ComposeStack(host.scenario(), host.id(), host.name(), source.from(), a,
                hostRecommendation(host, h, a));
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
        Configuration current = Configuration.machine(h.size(), h.vcpus(), h.memoryBytes(), OptionalInt.empty(),
                Optional.of(h.monthlyPrice()));
        ComposeAnalysis.HostChoice choice = a.proposedHost();
        String basisWord = h.priceBasis() == PriceBasis.EFFECTIVE_COST ? "as billed" : "list price";
        String note = "the stack's host at " + PaidPrices.money(h.monthlyPrice()) + "/month (" + basisWord + "); "
                + choice.reason();
        Assessment conf = new Assessment(confidence, confidenceReasons);
        if (choice.size().isEmpty()) {
            return new Recommendation(id, RecommendationKind.VM, RecommendedAction.KEEP, host.id(), host.name(),
                    current, current, Optional.of(Money.zero(h.monthlyPrice().currency())), h.priceBasis(), note,
                    new Assessment(Level.LOW, List.of(choice.reason())), Level.LOW, conf, evidence, false,
                    Optional.empty(), "Keep " + host.name() + ": " + choice.reason());
        }
        String slug = choice.size().get();
        Configuration proposed = Configuration.machine(slug, Double.NaN, choice.neededMemory(), OptionalInt.empty(),
                choice.monthlyPrice());
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
                        + saving.map(s -> ": " + (s.isNegative() ? "costs " + PaidPrices.money(s.negate()) + "/month more"
                                : "saves " + PaidPrices.money(s) + "/month")).orElse("") + " with right-sized compose limits");
    }

    private static String gib(double bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
