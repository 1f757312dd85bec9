package dev.purser.core.analysis.recommendations;

import dev.purser.core.model.Resource;
import dev.purser.core.model.ResourceFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a right-sizing query covers: the resources of its account, narrowed to a scenario when the
 * target names one, and otherwise a target matched by resource id or name, compose service or
 * Kubernetes container. Groups compose services by host and Kubernetes containers by workload,
 * since each group is sized together.
 */
final class RightsizingScope {

    private final List<Resource> resources;
    private final Optional<String> target;
    private final Map<String, Resource> byId = new HashMap<>();
    private final Map<String, List<Resource>> containersByHost = new LinkedHashMap<>();
    private final Map<String, List<Resource>> podsByWorkload = new LinkedHashMap<>();

    private RightsizingScope(List<Resource> resources, Optional<String> target) {
        this.resources = List.copyOf(resources);
        this.target = target;
        for (Resource r : resources) {
            byId.put(r.id(), r);
        }
        for (Resource r : resources) {
            Optional<RightsizeKind> kind = RightsizeKind.of(r);
            if (kind.isPresent() && kind.get() == RightsizeKind.CONTAINER) {
                String host = r.facts().composeService().map(ResourceFacts.ComposeService::hostId).orElse("");
                containersByHost.computeIfAbsent(host, h -> new ArrayList<>()).add(r);
            } else if (kind.isPresent() && kind.get() == RightsizeKind.KUBERNETES) {
                podsByWorkload.computeIfAbsent(r.facts().kubernetes().orElseThrow().workloadKey(),
                        w -> new ArrayList<>()).add(r);
            }
        }
    }

    /**
     * The scope of {@code target} among {@code resources}: a scenario's name as the target means
     * the whole scenario (and no further matching); anything else is matched per resource.
     */
    static RightsizingScope of(List<Resource> resources, Optional<String> target) {
        List<Resource> ofScenario = target.isEmpty() ? List.of() : resources.stream()
                .filter(r -> r.scenario().equalsIgnoreCase(target.get())).toList();
        return ofScenario.isEmpty() ? new RightsizingScope(resources, target)
                : new RightsizingScope(ofScenario, Optional.empty());
    }

    List<Resource> resources() {
        return resources;
    }

    /** The target still to match per resource; empty when everything in scope is wanted. */
    Optional<String> target() {
        return target;
    }

    Optional<Resource> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Compose services by the id of their host ({@code ""} when they name none), in inventory order. */
    Map<String, List<Resource>> containersByHost() {
        return containersByHost;
    }

    /** Kubernetes containers by {@code namespace/workload}, in inventory order. */
    Map<String, List<Resource>> podsByWorkload() {
        return podsByWorkload;
    }

    boolean hostsStack(Resource r) {
        return containersByHost.containsKey(r.id());
    }

    /** True when there is no target, or the resource's id, name, compose service or container is it. */
    boolean matches(Resource r) {
        if (target.isEmpty()) {
            return true;
        }
        String t = target.get();
        return r.id().equalsIgnoreCase(t) || r.name().equalsIgnoreCase(t)
                || r.facts().composeService().map(c -> c.service().equalsIgnoreCase(t)).orElse(false)
                || r.facts().kubernetes().map(k -> k.container().equalsIgnoreCase(t)).orElse(false);
    }

    /** A compose stack is wanted when its host or one of its services matches. */
    boolean matchesStack(Resource hostOrNull, List<Resource> services) {
        return target.isEmpty() || (hostOrNull != null && matches(hostOrNull)) || services.stream().anyMatch(this::matches);
    }

    /** A workload is wanted when one of its containers matches, or the target is the workload's name. */
    boolean matchesWorkload(List<Resource> pods) {
        return target.isEmpty() || pods.stream().anyMatch(this::matches)
                || pods.get(0).facts().kubernetes().orElseThrow().workload().equalsIgnoreCase(target.get());
    }

    /**
     * The instance an Aurora-style cluster reports its usage on: its writer member, else its first
     * member found in scope.
     */
    Optional<Resource> writerOf(Resource cluster) {
        List<String> members = cluster.facts().database().map(ResourceFacts.DatabaseCluster::members)
                .orElse(List.of());
        Resource first = null;
        for (String id : members) {
            Resource m = byId.get(id.strip());
            if (m == null) {
                continue;
            }
            if (m.facts().memberOf().map(ResourceFacts.Membership::writer).orElse(false)) {
                return Optional.of(m);
            }
            first = first == null ? m : first;
        }
        return Optional.ofNullable(first);
    }

    static String names(List<Resource> rs) {
        return String.join(", ", rs.stream().map(Resource::name).toList());
    }
}
