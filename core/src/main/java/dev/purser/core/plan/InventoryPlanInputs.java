package dev.purser.core.plan;

import dev.purser.core.analysis.inventory.InventorySource;
import dev.purser.core.analysis.recommendations.RightsizingService;
import dev.purser.core.analysis.rightsizing.Recommendation;
import dev.purser.core.analysis.rightsizing.RecommendationKind;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Resource;
import dev.purser.core.model.UsageSeries;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Plan inputs from what the store holds: the current right-sizing recommendations (found by
 * their stable ids), their resources, and each resource's traffic from its usage series.
 */
public final class InventoryPlanInputs implements PlanInputs {

    private final RightsizingService rightsizing;
    private final InventorySource inventory;
    private final Duration trafficWindow;
    private final Clock clock;

    public InventoryPlanInputs(RightsizingService rightsizing, InventorySource inventory, Duration trafficWindow,
            Clock clock) {
        this.rightsizing = Objects.requireNonNull(rightsizing, "rightsizing");
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.trafficWindow = Objects.requireNonNull(trafficWindow, "trafficWindow");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public List<Candidate> candidates(List<String> ids) {
        for (String id : ids) {
            if (!id.matches("rs-[0-9a-f]{10}")) {
                throw PurserException.badArgument("'" + id + "' is not a right-sizing recommendation id (rs- and 10 hex "
                        + "digits, as rightsize and savings print them); only right-sizing recommendations can be planned");
            }
        }
        Map<String, Recommendation> byId = new LinkedHashMap<>();
        for (Recommendation r : rightsizing.recommendations(null)) {
            byId.putIfAbsent(r.id(), r);
        }
        List<String> missing = ids.stream().filter(id -> !byId.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            throw new PurserException(ErrorCode.NOT_FOUND, "no current recommendation has the id "
                    + String.join(", ", missing) + "; ids change when the usage behind them changes, so run "
                    + "rightsize or savings again for the current ones");
        }
        Map<String, Resource> resources = new LinkedHashMap<>();
        for (Resource r : inventory.resources(null)) {
            resources.putIfAbsent(r.id(), r);
        }
        Instant to = clock.instant();
        Instant from = to.minus(trafficWindow);
        List<Candidate> out = new ArrayList<>();
        for (String id : ids) {
            Recommendation r = byId.get(id);
            Optional<Resource> resource = Optional.ofNullable(resources.get(r.resourceId()));
            if (resource.isEmpty() && r.kind() == RecommendationKind.KUBERNETES_CONTAINER) {
                resource = container(r.resourceId(), resources.values());
            }
            out.add(new Candidate(r, resource, resource.flatMap(x -> traffic(x, r.kind(), from, to))));
        }
        return out;
    }

    /**
     * The stored container a Kubernetes recommendation ({@code namespace/workload/container})
     * names: the inventory keeps it as {@code k8s/[cluster/]namespace/workload/container}; none
     * when two clusters run a container of that name.
     */
    private static Optional<Resource> container(String path, Collection<Resource> all) {
        List<Resource> found = all.stream().filter(x -> x.facts().kubernetes()
                .map(k -> (k.namespace() + "/" + k.workload() + "/" + k.container()).equals(path)).orElse(false))
                .toList();
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /** Mean connections for a database, else mean CPU: the busier target goes later. */
    private Optional<Traffic> traffic(Resource resource, RecommendationKind kind, Instant from, Instant to) {
        List<String> metrics = kind == RecommendationKind.DATABASE_CLUSTER ? List.of("connections", "cpu_percent")
                : List.of("cpu_percent");
        List<String> stored = inventory.metrics(resource.id());
        for (String m : metrics) {
            if (!stored.contains(m)) {
                continue;
            }
            Optional<UsageSeries> s = inventory.usage(resource.id(), m, from, to);
            if (s.isPresent() && !s.get().samples().isEmpty()) {
                double sum = 0;
                for (UsageSeries.Sample x : s.get().samples()) {
                    sum += x.value();
                }
                int n = s.get().samples().size();
                return Optional.of(new Traffic(m, BigDecimal.valueOf(sum / n), n));
            }
        }
        return Optional.empty();
    }
}
