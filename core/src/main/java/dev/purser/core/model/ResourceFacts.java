package dev.purser.core.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What is known about a resource beyond its identity, as typed facets. Each source (the demo
 * scenarios, DigitalOcean, AWS, Prometheus, compose and {@code docker stats} files) normalises
 * its facts once, where it reads them: the analyses read these facets and never a provider's key
 * names. A facet is absent when the source does not know it; a present facet is valid (its
 * compact constructor says which field is not).
 *
 * @param compute            capacity of a machine, or of one node of a database cluster
 * @param database           a managed database cluster (or a database instance standing alone)
 * @param memberOf           the cluster (database cluster, Kubernetes cluster) this resource is one member of
 * @param scaling            replicas and autoscaler of a pool, node group or Kubernetes workload
 * @param composeService     a docker-compose service and its host
 * @param composeSource      where a compose host's stack is described, and its monthly budget
 * @param kubernetes         a Kubernetes container and its requests and limits
 * @param attachment         whether a volume or an address is attached to something
 * @param storage            size and performance of a volume or snapshot
 * @param state              the provider's lifecycle word ({@code running}, {@code active}, {@code available}, ...)
 * @param createdAt          when the resource was created (a snapshot's age is read from it)
 * @param account            the provider account that owns it, when the source says
 * @param addresses          IP addresses and host names it is reachable at (a scrape target names one)
 * @param prometheusInstance the Prometheus {@code instance} label that stands for it, when linked explicitly
 * @param price              where its monthly price came from
 * @param details            descriptive facts for people (launch time, platform, ARN, ...): stored and
 *                           shown, never read by an analysis or a command's logic
 */
public record ResourceFacts(
        Optional<Compute> compute,
        Optional<DatabaseCluster> database,
        Optional<Membership> memberOf,
        Optional<Scaling> scaling,
        Optional<ComposeService> composeService,
        Optional<ComposeSource> composeSource,
        Optional<KubernetesContainer> kubernetes,
        Optional<Attachment> attachment,
        Optional<Storage> storage,
        Optional<String> state,
        Optional<Instant> createdAt,
        Optional<String> account,
        List<String> addresses,
        Optional<String> prometheusInstance,
        Optional<PriceSource> price,
        Map<String, String> details) {

    /** Nothing known. */
    public static final ResourceFacts NONE = builder().build();

    public ResourceFacts {
        Objects.requireNonNull(compute, "compute");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(memberOf, "memberOf");
        Objects.requireNonNull(scaling, "scaling");
        Objects.requireNonNull(composeService, "composeService");
        Objects.requireNonNull(composeSource, "composeSource");
        Objects.requireNonNull(kubernetes, "kubernetes");
        Objects.requireNonNull(attachment, "attachment");
        Objects.requireNonNull(storage, "storage");
        state = nonBlank(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        account = nonBlank(account, "account");
        addresses = List.copyOf(Objects.requireNonNull(addresses, "addresses")).stream()
                .map(String::strip).filter(a -> !a.isEmpty()).toList();
        prometheusInstance = nonBlank(prometheusInstance, "prometheusInstance");
        Objects.requireNonNull(price, "price");
        // sorted, so that equal facts store and print alike whatever order a source wrote them in
        details = Map.copyOf(new TreeMap<>(Objects.requireNonNull(details, "details")));
    }

    private static Optional<String> nonBlank(Optional<String> v, String field) {
        Objects.requireNonNull(v, field);
        return v.map(String::strip).filter(s -> !s.isEmpty());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these facts, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.compute = compute;
        b.database = database;
        b.memberOf = memberOf;
        b.scaling = scaling;
        b.composeService = composeService;
        b.composeSource = composeSource;
        b.kubernetes = kubernetes;
        b.attachment = attachment;
        b.storage = storage;
        b.state = state;
        b.createdAt = createdAt;
        b.account = account;
        b.addresses = addresses;
        b.prometheusInstance = prometheusInstance;
        b.price = price;
        b.details = new TreeMap<>(details);
        return b;
    }

    // ------------------------------------------------------------------------------- facets

    /**
     * Capacity of a machine or of one database node. Each figure may be unknown (a catalog
     * supplies it then).
     *
     * @param vcpus       virtual CPUs
     * @param memoryBytes memory in bytes
     * @param diskGib     disk size in GiB
     * @param diskUsedGib disk in use in GiB: a smaller size must still hold it
     */
    public record Compute(OptionalDouble vcpus, OptionalLong memoryBytes, OptionalDouble diskGib,
            OptionalDouble diskUsedGib) {

        public Compute {
            positive(vcpus, "vcpus");
            positive(memoryBytes, "memoryBytes");
            notNegative(diskGib, "diskGib");
            notNegative(diskUsedGib, "diskUsedGib");
        }

        public static Compute of(double vcpus, long memoryBytes) {
            return new Compute(OptionalDouble.of(vcpus), OptionalLong.of(memoryBytes), OptionalDouble.empty(),
                    OptionalDouble.empty());
        }

        public Compute withDiskGib(double gib) {
            return new Compute(vcpus, memoryBytes, OptionalDouble.of(gib), diskUsedGib);
        }
    }

    /**
     * A managed database cluster.
     *
     * @param engine              as the price catalog names it: {@code pg}, {@code mysql}, {@code redis}
     *                            (DigitalOcean), {@code postgres}, {@code aurora-postgresql} (AWS)
     * @param version             engine version
     * @param nodes               node count, primary included (an RDS Multi-AZ standby counts)
     * @param storageUsedBytes    data size: what a restore reads back
     * @param maxConnections      the server's connection limit
     * @param lastBackup          the newest backup
     * @param pricePerNodeMonthly list price of one node
     * @param members             ids of member instances that report the cluster's usage (Aurora)
     */
    public record DatabaseCluster(String engine, Optional<String> version, int nodes, OptionalLong storageUsedBytes,
            OptionalInt maxConnections, Optional<Instant> lastBackup, Optional<Money> pricePerNodeMonthly,
            List<String> members) {

        public DatabaseCluster {
            Objects.requireNonNull(engine, "engine");
            if (engine.isBlank()) {
                throw new IllegalArgumentException("database engine is blank");
            }
            Objects.requireNonNull(version, "version");
            if (nodes < 1) {
                throw new IllegalArgumentException("database nodes must be at least 1: " + nodes);
            }
            notNegative(storageUsedBytes, "storageUsedBytes");
            Objects.requireNonNull(maxConnections, "maxConnections");
            if (maxConnections.isPresent() && maxConnections.getAsInt() < 1) {
                throw new IllegalArgumentException("database maxConnections must be positive: "
                        + maxConnections.getAsInt());
            }
            Objects.requireNonNull(lastBackup, "lastBackup");
            Objects.requireNonNull(pricePerNodeMonthly, "pricePerNodeMonthly");
            members = List.copyOf(Objects.requireNonNull(members, "members"));
        }

        /** An engine's cluster of {@code nodes} with nothing else known. */
        public static DatabaseCluster of(String engine, int nodes) {
            return new DatabaseCluster(engine, Optional.empty(), nodes, OptionalLong.empty(), OptionalInt.empty(),
                    Optional.empty(), Optional.empty(), List.of());
        }
    }

    /**
     * Membership of a cluster: a database instance of an Aurora cluster (role {@code writer} or
     * {@code reader}), a node group of a Kubernetes cluster.
     */
    public record Membership(String clusterId, Optional<String> role) {

        public Membership {
            Objects.requireNonNull(clusterId, "clusterId");
            if (clusterId.isBlank()) {
                throw new IllegalArgumentException("membership clusterId is blank");
            }
            role = nonBlank(role, "role");
        }

        public boolean writer() {
            return role.map(r -> r.equalsIgnoreCase("writer")).orElse(false);
        }
    }

    /**
     * How many replicas run and what scales them.
     *
     * @param replicas   the current count (a pool's droplets, a node group's desired size, a workload's replicas)
     * @param autoscaler what scales them, when something does
     */
    public record Scaling(int replicas, Optional<Autoscaler> autoscaler) {

        public Scaling {
            if (replicas < 0) {
                throw new IllegalArgumentException("scaling replicas must not be negative: " + replicas);
            }
            Objects.requireNonNull(autoscaler, "autoscaler");
        }

        /** True when an autoscaler changes the replica count: sizing is per replica then. */
        public boolean autoscaled() {
            return autoscaler.isPresent();
        }
    }

    /**
     * An autoscaler: a Kubernetes HPA, a DigitalOcean autoscale pool, a node group's size range.
     *
     * @param name what it is ({@code hpa}, {@code digitalocean-autoscale-pool}, {@code node-group}) or its name
     */
    public record Autoscaler(String name, OptionalInt min, OptionalInt max) {

        public Autoscaler {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("autoscaler name is blank");
            }
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(max, "max");
            if (min.isPresent() && max.isPresent() && min.getAsInt() > max.getAsInt()) {
                throw new IllegalArgumentException("autoscaler min " + min.getAsInt() + " is above max "
                        + max.getAsInt());
            }
        }

        public static Autoscaler named(String name) {
            return new Autoscaler(name, OptionalInt.empty(), OptionalInt.empty());
        }
    }

    /**
     * CPU and memory of a container: limits, or reservations (Kubernetes: requests). Either may be
     * unset.
     *
     * @param cpus        cores
     * @param memoryBytes bytes
     */
    public record ContainerResources(OptionalDouble cpus, OptionalLong memoryBytes) {

        public static final ContainerResources UNSET = new ContainerResources(OptionalDouble.empty(),
                OptionalLong.empty());

        public ContainerResources {
            // zero is a setting a file can hold (and the sizer reads as "none"), so only negatives are refused
            notNegative(cpus, "cpus");
            notNegative(memoryBytes, "memoryBytes");
        }

        public static ContainerResources of(double cpus, long memoryBytes) {
            return new ContainerResources(OptionalDouble.of(cpus), OptionalLong.of(memoryBytes));
        }
    }

    /**
     * A docker-compose service running on a host.
     *
     * @param service      the service's name in the compose file
     * @param hostId       the id of the host resource it runs on
     * @param image        its image, when known
     * @param limits       {@code deploy.resources.limits}
     * @param reservations {@code deploy.resources.reservations}
     */
    public record ComposeService(String service, String hostId, Optional<String> image, ContainerResources limits,
            ContainerResources reservations) {

        public ComposeService {
            Objects.requireNonNull(service, "service");
            if (service.isBlank()) {
                throw new IllegalArgumentException("compose service name is blank");
            }
            Objects.requireNonNull(hostId, "hostId");
            image = nonBlank(image, "image");
            Objects.requireNonNull(limits, "limits");
            Objects.requireNonNull(reservations, "reservations");
        }
    }

    /**
     * Where a compose host's stack is described: the file's text stored with the inventory, or a
     * path to it (read only where allowed); and the stack's monthly budget.
     */
    public record ComposeSource(Optional<String> yaml, Optional<String> path, Optional<Money> monthlyBudget) {

        public ComposeSource {
            Objects.requireNonNull(yaml, "yaml");
            yaml = yaml.filter(y -> !y.isBlank());
            path = nonBlank(path, "path");
            Objects.requireNonNull(monthlyBudget, "monthlyBudget");
            if (monthlyBudget.isPresent() && monthlyBudget.get().isNegative()) {
                throw new IllegalArgumentException("compose monthlyBudget is negative: " + monthlyBudget.get());
            }
        }
    }

    /**
     * A container of a Kubernetes workload; its replicas and autoscaler are the {@link Scaling} facet.
     *
     * @param cluster   the cluster's name, when the source knows several
     * @param kind      {@code Deployment}, {@code StatefulSet}, ...
     * @param requests  {@code resources.requests}
     * @param limits    {@code resources.limits}
     */
    public record KubernetesContainer(Optional<String> cluster, String namespace, String kind, String workload,
            String container, ContainerResources requests, ContainerResources limits) {

        public KubernetesContainer {
            cluster = nonBlank(cluster, "cluster");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(workload, "workload");
            Objects.requireNonNull(container, "container");
            if (namespace.isBlank() || kind.isBlank() || workload.isBlank() || container.isBlank()) {
                throw new IllegalArgumentException("kubernetes namespace, kind, workload and container must not be"
                        + " blank: " + namespace + "/" + kind + "/" + workload + "/" + container);
            }
            Objects.requireNonNull(requests, "requests");
            Objects.requireNonNull(limits, "limits");
        }

        /** {@code namespace/workload}: one workload's containers are sized together. */
        public String workloadKey() {
            return namespace + "/" + workload;
        }
    }

    /**
     * Whether a volume, address or snapshot is attached to (assigned to, used by) something.
     *
     * @param attachedTo ids of what it is attached to; empty when not attached or not named
     */
    public record Attachment(boolean attached, List<String> attachedTo) {

        public Attachment {
            attachedTo = List.copyOf(Objects.requireNonNull(attachedTo, "attachedTo"));
            if (!attached && !attachedTo.isEmpty()) {
                throw new IllegalArgumentException("attachment names " + attachedTo + " but is not attached");
            }
        }

        public static Attachment to(List<String> ids) {
            return new Attachment(true, ids);
        }

        public static final Attachment DETACHED = new Attachment(false, List.of());
    }

    /**
     * Size and performance of a volume or snapshot.
     *
     * @param sizeGib         provisioned size (a snapshot: its source volume's size)
     * @param fullSizeBytes   a snapshot's full size, when the provider reports it
     * @param iops            provisioned IOPS
     * @param throughputMiBps provisioned throughput
     * @param tier            a snapshot's storage tier ({@code standard}, {@code archive})
     * @param sourceId        the volume or droplet a snapshot was taken of
     */
    public record Storage(Optional<BigDecimal> sizeGib, OptionalLong fullSizeBytes, OptionalLong iops,
            OptionalLong throughputMiBps, Optional<String> tier, Optional<String> sourceId) {

        public Storage {
            Objects.requireNonNull(sizeGib, "sizeGib");
            if (sizeGib.isPresent() && sizeGib.get().signum() < 0) {
                throw new IllegalArgumentException("storage sizeGib is negative: " + sizeGib.get());
            }
            notNegative(fullSizeBytes, "fullSizeBytes");
            notNegative(iops, "iops");
            notNegative(throughputMiBps, "throughputMiBps");
            tier = nonBlank(tier, "tier");
            sourceId = nonBlank(sourceId, "sourceId");
        }

        public static Storage ofGib(BigDecimal gib) {
            return new Storage(Optional.of(gib), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                    Optional.empty(), Optional.empty());
        }
    }

    /**
     * Where a resource's monthly price came from, for the reader of a saving.
     *
     * @param source e.g. {@code AWS Price List 2026-11-23}
     * @param rate   the rate and quantity it multiplies, e.g. {@code 0.08 USD per GB-month x 100 GiB}
     * @param note   what the figure leaves out, e.g. {@code storage only: provisioned IOPS not priced}
     */
    public record PriceSource(String source, Optional<String> rate, Optional<String> note) {

        public PriceSource {
            Objects.requireNonNull(source, "source");
            if (source.isBlank()) {
                throw new IllegalArgumentException("price source is blank");
            }
            rate = nonBlank(rate, "rate");
            note = nonBlank(note, "note");
        }

        public static PriceSource of(String source) {
            return new PriceSource(source, Optional.empty(), Optional.empty());
        }
    }

    // ------------------------------------------------------------------------------- validation

    private static void positive(OptionalDouble v, String field) {
        Objects.requireNonNull(v, field);
        if (v.isPresent() && !(v.getAsDouble() > 0) || v.isPresent() && Double.isInfinite(v.getAsDouble())) {
            throw new IllegalArgumentException(field + " must be positive: " + v.getAsDouble());
        }
    }

    private static void positive(OptionalLong v, String field) {
        Objects.requireNonNull(v, field);
        if (v.isPresent() && v.getAsLong() <= 0) {
            throw new IllegalArgumentException(field + " must be positive: " + v.getAsLong());
        }
    }

    private static void notNegative(OptionalDouble v, String field) {
        Objects.requireNonNull(v, field);
        if (v.isPresent() && !(v.getAsDouble() >= 0)) {
            throw new IllegalArgumentException(field + " must not be negative: " + v.getAsDouble());
        }
    }

    private static void notNegative(OptionalLong v, String field) {
        Objects.requireNonNull(v, field);
        if (v.isPresent() && v.getAsLong() < 0) {
            throw new IllegalArgumentException(field + " must not be negative: " + v.getAsLong());
        }
    }

    // ------------------------------------------------------------------------------- builder

    /** Builds facts a facet at a time; unset facets are absent. */
    public static final class Builder {
        private Optional<Compute> compute = Optional.empty();
        private Optional<DatabaseCluster> database = Optional.empty();
        private Optional<Membership> memberOf = Optional.empty();
        private Optional<Scaling> scaling = Optional.empty();
        private Optional<ComposeService> composeService = Optional.empty();
        private Optional<ComposeSource> composeSource = Optional.empty();
        private Optional<KubernetesContainer> kubernetes = Optional.empty();
        private Optional<Attachment> attachment = Optional.empty();
        private Optional<Storage> storage = Optional.empty();
        private Optional<String> state = Optional.empty();
        private Optional<Instant> createdAt = Optional.empty();
        private Optional<String> account = Optional.empty();
        private List<String> addresses = List.of();
        private Optional<String> prometheusInstance = Optional.empty();
        private Optional<PriceSource> price = Optional.empty();
        private Map<String, String> details = new TreeMap<>();

        private Builder() {
        }

        public Builder compute(Compute v) {
            compute = Optional.ofNullable(v);
            return this;
        }

        public Builder database(DatabaseCluster v) {
            database = Optional.ofNullable(v);
            return this;
        }

        public Builder memberOf(Membership v) {
            memberOf = Optional.ofNullable(v);
            return this;
        }

        public Builder scaling(Scaling v) {
            scaling = Optional.ofNullable(v);
            return this;
        }

        public Builder composeService(ComposeService v) {
            composeService = Optional.ofNullable(v);
            return this;
        }

        public Builder composeSource(ComposeSource v) {
            composeSource = Optional.ofNullable(v);
            return this;
        }

        public Builder kubernetes(KubernetesContainer v) {
            kubernetes = Optional.ofNullable(v);
            return this;
        }

        public Builder attachment(Attachment v) {
            attachment = Optional.ofNullable(v);
            return this;
        }

        public Builder storage(Storage v) {
            storage = Optional.ofNullable(v);
            return this;
        }

        public Builder state(String v) {
            state = Optional.ofNullable(v);
            return this;
        }

        public Builder createdAt(Instant v) {
            createdAt = Optional.ofNullable(v);
            return this;
        }

        public Builder account(String v) {
            account = Optional.ofNullable(v);
            return this;
        }

        public Builder addresses(List<String> v) {
            addresses = List.copyOf(v);
            return this;
        }

        public Builder prometheusInstance(String v) {
            prometheusInstance = Optional.ofNullable(v);
            return this;
        }

        public Builder price(PriceSource v) {
            price = Optional.ofNullable(v);
            return this;
        }

        /** A descriptive fact for people; a null value is left out. */
        public Builder detail(String key, Object value) {
            if (value != null && !value.toString().isBlank()) {
                details.put(key, value.toString());
            }
            return this;
        }

        public ResourceFacts build() {
            return new ResourceFacts(compute, database, memberOf, scaling, composeService, composeSource,
                    kubernetes, attachment, storage, state, createdAt, account, addresses, prometheusInstance,
                    price, details);
        }
    }
}
