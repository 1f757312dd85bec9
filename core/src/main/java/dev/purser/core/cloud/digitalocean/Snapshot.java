package dev.purser.core.cloud.digitalocean;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A droplet or volume snapshot from {@code GET /v2/snapshots}.
 *
 * @param resourceType {@code droplet} or {@code volume}
 * @param resourceId   the droplet or volume it was taken from (which may no longer exist)
 */
public record Snapshot(
        String id,
        String name,
        Instant createdAt,
        List<String> regions,
        BigDecimal sizeGigabytes,
        int minDiskSize,
        String resourceId,
        String resourceType,
        List<String> tags) {

    public Snapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(sizeGigabytes, "sizeGigabytes");
        Objects.requireNonNull(resourceType, "resourceType");
        regions = regions == null ? List.of() : List.copyOf(regions);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
