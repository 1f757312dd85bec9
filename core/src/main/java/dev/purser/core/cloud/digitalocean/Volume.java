package dev.purser.core.cloud.digitalocean;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A block-storage volume from {@code GET /v2/volumes}.
 *
 * @param dropletIds the droplets it is attached to; empty when unattached (billed all the same)
 */
public record Volume(
        String id,
        String name,
        String regionSlug,
        BigDecimal sizeGigabytes,
        Instant createdAt,
        List<Long> dropletIds,
        List<String> tags) {

    public Volume {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sizeGigabytes, "sizeGigabytes");
        dropletIds = dropletIds == null ? List.of() : List.copyOf(dropletIds);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public boolean attached() {
        return !dropletIds.isEmpty();
    }
}
