package dev.purser.core.cloud.digitalocean;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET /v2/databases/options}: per engine, the regions, versions and which node sizes are
 * offered at which node counts. DigitalOcean's options carry no prices; prices of database
 * sizes come from a price catalog.
 */
public record DatabaseOptions(Map<String, Engine> engines) {

    /** What one engine ({@code pg}, {@code mysql}, ...) offers. */
    public record Engine(String engine, List<String> regions, List<String> versions, List<Layout> layouts,
            String defaultVersion) {
        public Engine {
            Objects.requireNonNull(engine, "engine");
            regions = List.copyOf(regions);
            versions = List.copyOf(versions);
            layouts = List.copyOf(layouts);
        }

        /** The sizes offered at {@code numNodes} nodes; empty when that count is not offered. */
        public List<String> sizesFor(int numNodes) {
            return layouts.stream().filter(l -> l.numNodes() == numNodes).findFirst()
                    .map(Layout::sizes).orElse(List.of());
        }
    }

    /** Sizes offered at one node count. */
    public record Layout(int numNodes, List<String> sizes) {
        public Layout {
            if (numNodes < 1) {
                throw new IllegalArgumentException("numNodes must be at least 1: " + numNodes);
            }
            sizes = List.copyOf(sizes);
        }
    }

    public DatabaseOptions {
        engines = Map.copyOf(engines);
    }

    public Optional<Engine> engine(String name) {
        return Optional.ofNullable(engines.get(name));
    }
}
