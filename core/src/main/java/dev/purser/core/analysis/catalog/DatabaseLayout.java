package dev.purser.core.analysis.catalog;

import java.util.Objects;
import java.util.Set;

/**
 * Which node sizes an engine offers at one node count (DigitalOcean's {@code layouts}).
 *
 * @param engine   {@code pg}, {@code mysql}, {@code redis}, ... ({@code postgres} for RDS)
 * @param numNodes the node count, the primary included
 * @param sizes    the slugs available at that count
 */
public record DatabaseLayout(String engine, int numNodes, Set<String> sizes) {

    public DatabaseLayout {
        Objects.requireNonNull(engine, "engine");
        if (numNodes <= 0) {
            throw new IllegalArgumentException("numNodes must be positive: " + numNodes + " for " + engine);
        }
        sizes = Set.copyOf(sizes);
    }
}
