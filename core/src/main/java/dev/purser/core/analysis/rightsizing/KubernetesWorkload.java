package dev.purser.core.analysis.rightsizing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Kubernetes workload to right-size.
 *
 * @param kind       {@code Deployment}, {@code StatefulSet}, {@code DaemonSet}
 * @param replicas   current replica count
 * @param autoscaled a HorizontalPodAutoscaler scales it: requests are per pod and drive the HPA
 * @param containers current requests (as reservations) and limits per container name, in pod order
 */
public record KubernetesWorkload(String kind, String namespace, String name, int replicas, boolean autoscaled,
        Map<String, ContainerLimits> containers) {

    public KubernetesWorkload {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must not be negative: " + replicas + " for " + name);
        }
        containers = Collections.unmodifiableMap(new LinkedHashMap<>(containers));
        if (containers.isEmpty()) {
            throw new IllegalArgumentException("containers must not be empty for " + name);
        }
    }
}
