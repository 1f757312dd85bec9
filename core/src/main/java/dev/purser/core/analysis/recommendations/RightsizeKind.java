package dev.purser.core.analysis.recommendations;

import dev.purser.core.model.Resource;
import java.util.Locale;
import java.util.Optional;

/** Which resources a right-sizing request covers. */
public enum RightsizeKind {
    /** Droplets, EC2 instances and node groups (per replica). */
    VM,
    /** Managed database clusters, and database instances that belong to no cluster. */
    DATABASE,
    /** docker-compose services, sized as a stack on their host. */
    CONTAINER,
    /** Kubernetes containers (facet {@code kubernetes}), sized per pod. */
    KUBERNETES;

    /**
     * The kind a stored resource is right-sized as, or empty for things that have no size to
     * choose (volumes, snapshots, IPs, buckets) or that another resource stands for (a cluster's
     * member instances, the EC2 instances of an autoscaled node group).
     */
    public static Optional<RightsizeKind> of(Resource r) {
        String kind = r.kind().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "droplet", "vm", "ec2-instance", "instance", "eks-node-group", "node-pool" -> Optional.of(VM);
            case "database-cluster" -> Optional.of(DATABASE);
            case "database-instance" -> r.facts().memberOf().isPresent() ? Optional.empty() : Optional.of(DATABASE);
            case "container" -> r.facts().kubernetes().isPresent() ? Optional.of(KUBERNETES)
                    : r.facts().composeService().isPresent() ? Optional.of(CONTAINER) : Optional.empty();
            default -> Optional.empty();
        };
    }
}
