package dev.purser.core.execution;

import java.util.Locale;
import java.util.Objects;

/**
 * What a change is made to.
 *
 * @param kind what sort of thing it is, which decides the executor
 * @param id   the provider's id (a cluster UUID, a droplet id) or, for files, the file's path
 *             relative to the GitOps source directory
 * @param name what people call it ({@code mandible-prod}; for a compose file, the service; for a
 *             Kubernetes manifest, {@code namespace/workload/container})
 */
public record Target(Kind kind, String id, String name) {

    /** The kinds of target an executor handles. */
    public enum Kind { DATABASE_CLUSTER, DROPLET, COMPOSE_SERVICE, KUBERNETES_CONTAINER }

    public Target {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (id.isBlank()) {
            throw new IllegalArgumentException("target id must not be blank");
        }
    }

    /** {@code database_cluster}, {@code droplet}, {@code compose_service}, {@code kubernetes_container}: the journal's target kind. */
    public String kindName() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** {@code mandible-prod (database_cluster 9cc1...)}. */
    public String describe() {
        return name + " (" + kindName() + " " + id + ")";
    }
}
