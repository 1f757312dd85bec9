package dev.purser.core.plan;

import dev.purser.core.analysis.rightsizing.Recommendation;
import dev.purser.core.analysis.rightsizing.RecommendationKind;
import dev.purser.core.analysis.rightsizing.RecommendedAction;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Resource;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns recommendations into a plan's phases.
 *
 * <p>Order, when {@code --phases} does not say otherwise: non-production targets first, each its
 * own phase, least busy first; then one rehearsal phase that makes the change on forks of the
 * production database clusters restored from their latest backups (where the provider can fork:
 * DigitalOcean), so the change is tried before it touches production; then the production targets,
 * one a phase, from the lowest measured traffic to the highest. Traffic is the mean over the
 * settings' window of the target's {@code connections} series for a database, else its
 * {@code cpu_percent}; a target without either goes last. The plan says which usage decided.
 *
 * <p>Windows: phase 1 gets the first occurrence of the window from now; each next phase the first
 * occurrence after the previous window's end plus its soak.
 *
 * <p>{@code --phases}: phases separated by {@code ,}, targets of one phase joined by {@code +},
 * each named by resource name or id, and {@code rehearsal} for the rehearsal phase, e.g.
 * {@code rehearsal,sso-prod+mandible-prod}. Every target appears exactly once.
 */
public final class PlanBuilder {

    /** Rollback triggers of a database phase. */
    public static final List<Trigger> DATABASE_TRIGGERS = List.of(
            trigger("cpu_percent", "80", false, Duration.ofMinutes(5)),
            trigger("memory_percent", "90", false, Duration.ofMinutes(5)),
            trigger("query_p95_ms", "1.5", true, Duration.ofMinutes(10)),
            trigger("connection_errors", "5", false, Duration.ofMinutes(5)));
    /** Rollback triggers of a machine or container phase. */
    public static final List<Trigger> MACHINE_TRIGGERS = List.of(
            trigger("cpu_percent", "80", false, Duration.ofMinutes(5)),
            trigger("memory_percent", "90", false, Duration.ofMinutes(5)));

    static final String REHEARSAL = "rehearsal";
    static final String PRODUCTION = "production";

    private final PlanSettings settings;

    public PlanBuilder(PlanSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * One target per recommendation, with its change, rollback, saving, risk and traffic.
     *
     * @throws PurserException BAD_ARGUMENT for a recommendation that proposes no change, or two
     *         that change the same resource
     */
    public List<PhaseTarget> targets(List<Candidate> candidates) {
        List<PhaseTarget> out = new ArrayList<>();
        Set<String> resources = new HashSet<>();
        for (Candidate c : candidates) {
            Recommendation r = c.recommendation();
            if (r.action() == RecommendedAction.KEEP || r.action() == RecommendedAction.INSUFFICIENT_DATA
                    || r.change().none()) {
                throw PurserException.badArgument(r.id() + " (" + r.resourceName() + ") proposes no change ("
                        + r.action().name().toLowerCase(Locale.ROOT).replace('_', ' ') + "): nothing to plan");
            }
            if (!resources.add(r.resourceId())) {
                throw PurserException.badArgument("two recommendations change " + r.resourceName()
                        + "; plan one of them");
            }
            PlannedChange change = new PlannedChange(executor(r, c.resource()), r.change());
            String account = c.resource().map(Resource::scenario).orElse("files");
            out.add(new PhaseTarget(r.resourceId(), r.resourceName(), r.kind(), account, tier(r, c.resource()), false,
                    r.id(), change, change.inverse(), r.monthlySaving(), r.risk().level(), r.caveats(),
                    r.decisionMatrix(), c.traffic()));
        }
        return out;
    }

    /**
     * The plan's content for these targets.
     *
     * @param targets the plan's own targets (never rehearsal forks: those are made here)
     * @param phases  the {@code --phases} text, when given
     * @param now     phase 1's window is the first occurrence from here
     * @throws PurserException BAD_ARGUMENT when {@code phases} names an unknown target, leaves one
     *         out or names one twice
     */
    public PlanContent content(List<PhaseTarget> targets, List<String> recommendationIds, MaintenanceWindow window,
            Optional<String> phases, Instant now) {
        if (targets.isEmpty()) {
            throw PurserException.badArgument("a plan needs at least one recommendation");
        }
        List<PhaseTarget> production = sortedByTraffic(targets.stream().filter(t -> t.tier().equals(PRODUCTION)).toList());
        List<PhaseTarget> other = sortedByTraffic(targets.stream().filter(t -> !t.tier().equals(PRODUCTION)).toList());
        List<PhaseTarget> forks = production.stream().filter(PlanBuilder::forkable)
                .map(t -> t.asRehearsal(rehearsalExecutor(t))).toList();

        List<List<PhaseTarget>> groups = new ArrayList<>();
        String orderedBy;
        if (phases.isPresent()) {
            groups.addAll(groups(phases.get(), targets, forks));
            orderedBy = "as given by --phases " + phases.get().trim();
        } else {
            other.forEach(t -> groups.add(List.of(t)));
            if (!forks.isEmpty()) {
                groups.add(forks);
            }
            production.forEach(t -> groups.add(List.of(t)));
            orderedBy = orderSentence(other, production);
        }

        List<Phase> out = new ArrayList<>();
        Instant notBefore = now;
        for (List<PhaseTarget> g : groups) {
            boolean rehearsal = g.get(0).rehearsal();
            String tier = rehearsal ? "test" : strictest(g);
            Duration soak = rehearsal || !tier.equals(PRODUCTION) ? settings.shortSoak() : settings.soak();
            WindowSlot slot = window.next(notBefore);
            String name = rehearsal ? REHEARSAL : g.stream().map(PhaseTarget::name).collect(Collectors.joining("+"));
            out.add(new Phase(out.size() + 1, name, rehearsal, tier, g, slot, preChecks(g), soak, triggers(g)));
            notBefore = slot.end().plus(soak);
        }
        return new PlanContent(title(targets), recommendationIds, window, orderedBy, out);
    }

    // ------------------------------------------------------------------ tiers and executors

    /** The tier configuration gives the resource by id or name, else its environment from the tags. */
    String tier(Recommendation r, Optional<Resource> resource) {
        String byConfig = settings.tiers().get(r.resourceId());
        if (byConfig == null) {
            byConfig = settings.tiers().get(r.resourceName());
        }
        if (byConfig != null) {
            return byConfig;
        }
        return resource.map(Resource::environment).orElse("unknown");
    }

    private static String executor(Recommendation r, Optional<Resource> resource) {
        boolean digitalOcean = resource.map(x -> x.provider().equalsIgnoreCase("DigitalOcean")).orElse(false);
        return switch (r.kind()) {
            case DATABASE_CLUSTER -> digitalOcean ? "digitalocean.database.resize" : "manual";
            case VM -> digitalOcean ? "digitalocean.droplet.resize" : "manual";
            case COMPOSE_SERVICE -> "gitops.compose";
            case KUBERNETES_CONTAINER -> "gitops.kubernetes";
        };
    }

    private static boolean forkable(PhaseTarget t) {
        return t.kind() == RecommendationKind.DATABASE_CLUSTER && t.change().executor().startsWith("digitalocean.");
    }

    private static String rehearsalExecutor(PhaseTarget t) {
        return "digitalocean.database.rehearsal";
    }

    private String strictest(List<PhaseTarget> group) {
        Set<String> tiers = new LinkedHashSet<>();
        group.forEach(t -> tiers.add(t.tier()));
        if (tiers.contains(PRODUCTION)) {
            return PRODUCTION;
        }
        return tiers.iterator().next();
    }

    // ------------------------------------------------------------------ checks and triggers

    private List<PreCheck> preChecks(List<PhaseTarget> group) {
        List<PreCheck> checks = new ArrayList<>();
        if (group.stream().anyMatch(t -> t.kind() == RecommendationKind.DATABASE_CLUSTER)) {
            checks.add(new PreCheck(PreCheck.Kind.BACKUP_NEWER_THAN, settings.backupMaxAge().toString()));
        }
        Set<String> metrics = new LinkedHashSet<>();
        for (PhaseTarget t : group) {
            metrics.add("cpu_percent");
            metrics.add("memory_percent");
            if (t.kind() == RecommendationKind.DATABASE_CLUSTER) {
                metrics.add("connections");
            }
        }
        checks.add(new PreCheck(PreCheck.Kind.METRICS_IN_BAND, String.join(",", metrics) + " within p5-p95 of "
                + Durations.words(settings.trafficWindow())));
        checks.add(new PreCheck(PreCheck.Kind.NO_OTHER_PLAN_LOCK, ""));
        return checks;
    }

    private static List<Trigger> triggers(List<PhaseTarget> group) {
        Set<Trigger> out = new LinkedHashSet<>();
        for (PhaseTarget t : group) {
            out.addAll(t.kind() == RecommendationKind.DATABASE_CLUSTER ? DATABASE_TRIGGERS : MACHINE_TRIGGERS);
        }
        return List.copyOf(out);
    }

    private static Trigger trigger(String metric, String threshold, boolean relative, Duration d) {
        return new Trigger(metric, Trigger.Comparison.ABOVE, new BigDecimal(threshold), relative, d);
    }

    // ------------------------------------------------------------------ order

    private static List<PhaseTarget> sortedByTraffic(List<PhaseTarget> targets) {
        return targets.stream().sorted(Comparator.comparing((PhaseTarget t) -> t.traffic().map(Traffic::mean).orElse(null),
                Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(PhaseTarget::name)).toList();
    }

    private String orderSentence(List<PhaseTarget> other, List<PhaseTarget> production) {
        List<String> parts = new ArrayList<>();
        if (!other.isEmpty()) {
            parts.add("non-production first (" + other.stream().map(PhaseTarget::name).collect(Collectors.joining(", "))
                    + ")");
        }
        if (production.stream().anyMatch(PlanBuilder::forkable)) {
            parts.add("a rehearsal on forks from the latest backups before production");
        }
        if (!production.isEmpty()) {
            Set<String> metrics = new LinkedHashSet<>();
            production.forEach(t -> t.traffic().ifPresent(x -> metrics.add(x.metric())));
            String figures = production.stream().map(t -> t.name() + " " + t.traffic().map(x -> x.mean().toPlainString()
                    + (metrics.size() > 1 ? " " + x.metric() : "")).orElse("unmeasured")).collect(Collectors.joining(", "));
            parts.add("production from the lowest measured traffic to the highest: mean "
                    + (metrics.size() == 1 ? metrics.iterator().next() + " " : "") + "over the last "
                    + Durations.words(settings.trafficWindow()) + " (" + figures + ")");
        }
        return String.join("; ", parts);
    }

    /** Reads {@code rehearsal,sso-prod+mandible-prod}. */
    private static List<List<PhaseTarget>> groups(String spec, List<PhaseTarget> targets, List<PhaseTarget> forks) {
        Map<String, PhaseTarget> byName = new LinkedHashMap<>();
        for (PhaseTarget t : targets) {
            byName.put(t.name().toLowerCase(Locale.ROOT), t);
            byName.put(t.resourceId().toLowerCase(Locale.ROOT), t);
        }
        List<List<PhaseTarget>> groups = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (String phase : spec.split(",")) {
            String p = phase.trim().toLowerCase(Locale.ROOT);
            if (p.isEmpty()) {
                throw PurserException.badArgument("--phases '" + spec + "' has an empty phase; separate phases with ','"
                        + " and join targets of one phase with '+'");
            }
            if (p.equals(REHEARSAL)) {
                if (forks.isEmpty()) {
                    throw PurserException.badArgument("--phases names a rehearsal, but no target can be rehearsed "
                            + "(only production database clusters on DigitalOcean are forked from a backup)");
                }
                if (!placed.add(REHEARSAL)) {
                    throw PurserException.badArgument("--phases names the rehearsal twice");
                }
                groups.add(forks);
                continue;
            }
            List<PhaseTarget> group = new ArrayList<>();
            for (String name : p.split("\\+")) {
                PhaseTarget t = byName.get(name.trim());
                if (t == null) {
                    throw PurserException.badArgument("--phases names '" + name.trim() + "', which is not a target of "
                            + "the plan (targets: " + targets.stream().map(PhaseTarget::name)
                            .collect(Collectors.joining(", ")) + ")");
                }
                if (!placed.add(t.resourceId())) {
                    throw PurserException.badArgument("--phases names " + t.name() + " twice");
                }
                group.add(t);
            }
            groups.add(group);
        }
        List<String> missing = targets.stream().filter(t -> !placed.contains(t.resourceId())).map(PhaseTarget::name)
                .toList();
        if (!missing.isEmpty()) {
            throw PurserException.badArgument("--phases leaves out " + String.join(", ", missing)
                    + "; every target must be in one phase");
        }
        return groups;
    }

    private static String title(List<PhaseTarget> targets) {
        Set<String> accounts = new LinkedHashSet<>();
        targets.forEach(t -> accounts.add(t.account()));
        return "Right-size " + targets.stream().map(PhaseTarget::name).collect(Collectors.joining(", ")) + " ("
                + String.join(", ", accounts) + ")";
    }
}
