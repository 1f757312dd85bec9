package dev.purser.core.cloud.digitalocean;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A managed database cluster from {@code GET /v2/databases}. Connection details and users are
 * deliberately not kept: they carry passwords, and costing does not need them.
 *
 * @param engine         {@code pg}, {@code mysql}, {@code valkey}, ...
 * @param size           the node size slug, e.g. {@code db-s-2vcpu-4gb}
 * @param numNodes       nodes including standbys (2 = primary + one standby)
 * @param storageSizeMib null when DigitalOcean leaves it out
 */
public record DatabaseCluster(
        String id,
        String name,
        String engine,
        String version,
        String size,
        int numNodes,
        String region,
        String status,
        Instant createdAt,
        List<String> tags,
        Long storageSizeMib) {

    public DatabaseCluster {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(region, "region");
        if (numNodes < 1) {
            throw new IllegalArgumentException("numNodes must be at least 1: " + numNodes + " for cluster " + name);
        }
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
