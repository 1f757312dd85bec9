package dev.purser.core.cloud.digitalocean;

import java.time.Instant;
import java.util.Objects;

/**
 * A droplet action from {@code POST /v2/droplets/{id}/actions}, {@code GET /v2/actions/{id}} or
 * {@code GET /v2/droplets/{id}/actions}.
 *
 * @param status       {@code in-progress}, {@code completed} or {@code errored}
 * @param type         {@code power_off}, {@code resize}, {@code power_on}, ...
 * @param startedAt    when DigitalOcean started it, when given
 * @param completedAt  when it finished; null while in progress
 * @param resourceId   the droplet's id, when given
 */
public record DropletAction(long id, String status, String type, Instant startedAt, Instant completedAt,
        Long resourceId, String resourceType, String regionSlug) {

    public DropletAction {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(type, "type");
    }

    public boolean inProgress() {
        return "in-progress".equals(status);
    }

    public boolean completed() {
        return "completed".equals(status);
    }

    public boolean errored() {
        return "errored".equals(status);
    }
}
