package dev.purser.commands.rightsizing;

import dev.purser.commands.Principal;
import dev.purser.commands.Role;
import dev.purser.core.model.Resource;
import dev.purser.core.model.ResourceFacts;
import dev.purser.core.model.UsageSeries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntToDoubleFunction;

/**
 * A small Kubernetes namespace {@code shop} as the Prometheus pull stores it: container resources
 * with requests, limits, replicas and autoscaler, and 30 days of 5-minute usage.
 */
final class KubernetesShop {

    static final Instant NOW = Instant.parse("2026-12-10T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Principal VIEWER = new Principal("slack:U1", "Vera", Set.of(Role.VIEWER), true);
    static final String SCENARIO = "cluster";
    static final long MIB = 1024L * 1024;
    static final long GIB = 1024 * MIB;
    static final Duration STEP = Duration.ofMinutes(5);
    static final int POINTS = 30 * 288;

    private KubernetesShop() {
    }

    /** A container of workload {@code shop/<workload>}; with {@code limits}, requests 1 core / 1 GiB and limits 2 / 2 GiB. */
    static Resource container(String workload, String kind, String name, String replicas, String autoscaler,
            boolean limits) {
        ResourceFacts.ContainerResources requests = limits ? ResourceFacts.ContainerResources.of(1, GIB)
                : ResourceFacts.ContainerResources.UNSET;
        ResourceFacts.ContainerResources max = limits ? ResourceFacts.ContainerResources.of(2, 2 * GIB)
                : ResourceFacts.ContainerResources.UNSET;
        ResourceFacts a = ResourceFacts.builder()
                .kubernetes(new ResourceFacts.KubernetesContainer(Optional.empty(), "shop", kind, workload, name,
                        requests, max))
                .scaling(new ResourceFacts.Scaling(Integer.parseInt(replicas), autoscaler.equals("none")
                        ? Optional.empty() : Optional.of(ResourceFacts.Autoscaler.named(autoscaler))))
                .build();
        String path = "shop/" + workload + "/" + name;
        return new Resource(SCENARIO, "k8s/" + path, path, "Kubernetes", "container", null, null, null, Map.of(), a);
    }

    /** {@link #POINTS} samples {@link #STEP} apart, ending at {@link #NOW}; {@code value} gets the sample's index. */
    static UsageSeries series(String id, String metric, String unit, IntToDoubleFunction value) {
        List<UsageSeries.Sample> samples = new ArrayList<>(POINTS);
        Instant start = NOW.minus(STEP.multipliedBy(POINTS));
        for (int i = 0; i < POINTS; i++) {
            samples.add(new UsageSeries.Sample(start.plus(STEP.multipliedBy(i)), value.applyAsDouble(i)));
        }
        return new UsageSeries(id, metric, unit, STEP, samples);
    }
}
