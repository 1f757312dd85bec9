package dev.purser.core.analysis.recommendations;

import dev.purser.core.analysis.rightsizing.ContainerLimits;
import dev.purser.core.analysis.rightsizing.KubernetesWorkload;
import dev.purser.core.model.Resource;
import dev.purser.core.model.ResourceFacts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Kubernetes workload as the sizer reads it, from the stored containers of one workload. */
final class KubernetesWorkloads {

    private KubernetesWorkloads() {
    }

    /**
     * The workload of {@code pods} (its containers, one resource each, all with the
     * {@code kubernetes} facet): kind, namespace and name from the first, replicas and autoscaler
     * from its {@code scaling} facet (one replica, no autoscaler when absent).
     */
    static KubernetesWorkload of(List<Resource> pods) {
        ResourceFacts first = pods.get(0).facts();
        ResourceFacts.KubernetesContainer k = first.kubernetes().orElseThrow();
        Map<String, ContainerLimits> containers = new LinkedHashMap<>();
        for (Resource p : pods) {
            ResourceFacts.KubernetesContainer c = p.facts().kubernetes().orElseThrow();
            containers.put(c.container(), limits(c));
        }
        int replicas = first.scaling().map(ResourceFacts.Scaling::replicas).orElse(1);
        boolean autoscaled = first.scaling().map(ResourceFacts.Scaling::autoscaled).orElse(false);
        return new KubernetesWorkload(k.kind(), k.namespace(), k.workload(), replicas, autoscaled, containers);
    }

    /** Requests become the reservation fields. */
    static ContainerLimits limits(ResourceFacts.KubernetesContainer c) {
        return new ContainerLimits(c.limits().cpus(), c.limits().memoryBytes(), c.requests().cpus(),
                c.requests().memoryBytes());
    }

    /** How a container's usage is kept: {@code namespace/workload/container}, as its recommendation names it. */
    static String usageKey(Resource pod) {
        ResourceFacts.KubernetesContainer c = pod.facts().kubernetes().orElseThrow();
        return c.namespace() + "/" + c.workload() + "/" + c.container();
    }
}
