package dev.purser.core.analysis.rightsizing;

import dev.purser.core.model.Resource;
import dev.purser.core.model.ResourceFacts;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The figures sizing reads from a resource's typed facts, with the defaults sizing assumes when
 * a source did not say (one node, one replica, the {@code pg} engine).
 */
final class SizingFacts {

    private SizingFacts() {
    }

    static OptionalDouble vcpus(Resource r) {
        return r.facts().compute().map(ResourceFacts.Compute::vcpus).orElse(OptionalDouble.empty());
    }

    static OptionalDouble memoryBytes(Resource r) {
        OptionalLong bytes = r.facts().compute().map(ResourceFacts.Compute::memoryBytes).orElse(OptionalLong.empty());
        return bytes.isPresent() ? OptionalDouble.of(bytes.getAsLong()) : OptionalDouble.empty();
    }

    static OptionalDouble diskUsedGib(Resource r) {
        return r.facts().compute().map(ResourceFacts.Compute::diskUsedGib).orElse(OptionalDouble.empty());
    }

    /** The catalog's engine name; {@code pg} when the source did not say. */
    static String engine(Resource r) {
        return r.facts().database().map(ResourceFacts.DatabaseCluster::engine).orElse("pg");
    }

    /** Node count, primary included; one when the source did not say. */
    static int nodes(Resource r) {
        return r.facts().database().map(ResourceFacts.DatabaseCluster::nodes).orElse(1);
    }

    static OptionalDouble dataBytes(Resource r) {
        OptionalLong bytes = r.facts().database().map(ResourceFacts.DatabaseCluster::storageUsedBytes)
                .orElse(OptionalLong.empty());
        return bytes.isPresent() ? OptionalDouble.of(bytes.getAsLong()) : OptionalDouble.empty();
    }

    static Optional<Instant> lastBackup(Resource r) {
        return r.facts().database().flatMap(ResourceFacts.DatabaseCluster::lastBackup);
    }

    static boolean autoscaled(Resource r) {
        return r.facts().scaling().map(ResourceFacts.Scaling::autoscaled).orElse(false);
    }

    /** The current replica count, at least one. */
    static int replicas(Resource r) {
        return Math.max(1, r.facts().scaling().map(ResourceFacts.Scaling::replicas).orElse(1));
    }
}
