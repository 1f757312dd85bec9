package dev.purser.core.cloud.digitalocean;

import java.util.Objects;

/**
 * A reserved IP from {@code GET /v2/reserved_ips}.
 *
 * @param dropletId   the droplet it is assigned to; null when unassigned (and billed as such)
 * @param dropletName that droplet's name; null when unassigned
 * @param projectId   null when not given
 */
public record ReservedIp(String ip, String regionSlug, Long dropletId, String dropletName, boolean locked,
        String projectId) {

    public ReservedIp {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(regionSlug, "regionSlug");
    }

    public boolean assigned() {
        return dropletId != null;
    }
}
