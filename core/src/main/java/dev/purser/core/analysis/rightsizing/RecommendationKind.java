package dev.purser.core.analysis.rightsizing;

/** What was right-sized. */
public enum RecommendationKind {
    /** A droplet or VM. */
    VM,
    /** A managed database cluster: node size and node count. */
    DATABASE_CLUSTER,
    /** A docker-compose service's limits and reservations. */
    COMPOSE_SERVICE,
    /** A Kubernetes container's requests and limits. */
    KUBERNETES_CONTAINER
}
