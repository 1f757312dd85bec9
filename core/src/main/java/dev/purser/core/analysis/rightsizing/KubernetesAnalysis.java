package dev.purser.core.analysis.rightsizing;

import java.util.List;
import java.util.Objects;

/**
 * Requests and limits for a workload's containers.
 *
 * @param containers      per container, in pod order
 * @param patchYaml       a strategic-merge patch ({@code kubectl patch --type strategic}) setting
 *                        requests and limits of the containers that have usage data
 * @param recommendations one per container
 */
public record KubernetesAnalysis(KubernetesWorkload workload, List<ContainerSizing> containers, String patchYaml,
        List<Recommendation> recommendations) {

    public KubernetesAnalysis {
        Objects.requireNonNull(workload, "workload");
        containers = List.copyOf(containers);
        Objects.requireNonNull(patchYaml, "patchYaml");
        recommendations = List.copyOf(recommendations);
    }

    /** One container: current and proposed requests (as reservations) and limits, as Kubernetes quantities. */
    public record ContainerSizing(String name, ContainerLimits current, ContainerLimits proposed, String cpuRequest,
            String memoryRequest, String cpuLimit, String memoryLimit, List<String> notes) {
        public ContainerSizing {
            Objects.requireNonNull(name, "name");
            notes = List.copyOf(notes);
        }
    }
}
