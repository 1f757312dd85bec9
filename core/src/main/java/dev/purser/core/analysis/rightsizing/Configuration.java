package dev.purser.core.analysis.rightsizing;

import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A resource's configuration, current or proposed: typed settings and their monthly price. Two
 * configurations are equal when their settings and price are; {@link #canonical()} is the form a
 * plan hashes and an executor reads.
 *
 * @param setting      what is configured: a machine or cluster size, compose limits, Kubernetes
 *                     requests and limits, or nothing (the resource is removed)
 * @param monthlyPrice its monthly price, when known
 */
public record Configuration(Setting setting, Optional<Money> monthlyPrice) {

    public Configuration {
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(monthlyPrice, "monthlyPrice");
    }

    /** The settings of one kind of configuration, and how each kind reads and renders. */
    public sealed interface Setting permits MachineSize, ComposeLimits, KubernetesResources, Removed {

        /** CPU capacity in cores, when this kind has one and it is known. */
        OptionalDouble cpus();

        /** Memory capacity in bytes, when this kind has one and it is known. */
        OptionalLong memoryBytes();

        /** One line for people. */
        String label();

        /** The settings by name as people read them, in display order. */
        Map<String, String> values();

        /** Exact settings, keys sorted, prefixed with the kind. */
        String canonical();
    }

    /**
     * A machine, or a database cluster of {@code nodes} such machines.
     *
     * @param size        the size slug or instance type; empty when unknown
     * @param nodes       node count, for a cluster layout (absent for a single machine)
     * @param vcpus       vCPUs of one machine or node, when known
     * @param memoryBytes memory of one machine or node, when known
     */
    public record MachineSize(Optional<String> size, OptionalInt nodes, OptionalDouble vcpus, OptionalLong memoryBytes)
            implements Setting {

        public MachineSize {
            Objects.requireNonNull(size, "size");
            size = size.filter(s -> !s.isBlank());
            Objects.requireNonNull(nodes, "nodes");
            if (nodes.isPresent() && nodes.getAsInt() < 1) {
                throw new IllegalArgumentException("nodes must be at least 1: " + nodes.getAsInt());
            }
            Objects.requireNonNull(vcpus, "vcpus");
            if (vcpus.isPresent() && !(vcpus.getAsDouble() >= 0)) {
                throw new IllegalArgumentException("vcpus must not be negative: " + vcpus.getAsDouble());
            }
            Objects.requireNonNull(memoryBytes, "memoryBytes");
            if (memoryBytes.isPresent() && memoryBytes.getAsLong() < 0) {
                throw new IllegalArgumentException("memoryBytes must not be negative: " + memoryBytes.getAsLong());
            }
        }

        @Override
        public OptionalDouble cpus() {
            return vcpus;
        }

        @Override
        public String label() {
            return size.orElse("unknown size") + (nodes.isPresent()
                    ? " x " + nodes.getAsInt() + " node" + (nodes.getAsInt() == 1 ? "" : "s") : "");
        }

        @Override
        public Map<String, String> values() {
            Map<String, String> v = new LinkedHashMap<>();
            v.put("size", size.orElse("unknown"));
            nodes.ifPresent(n -> v.put("nodes", Integer.toString(n)));
            v.put("vcpus", vcpus.isPresent() ? trim(vcpus.getAsDouble()) : "unknown");
            v.put("memory_bytes", memoryBytes.isPresent() ? Long.toString(memoryBytes.getAsLong()) : "unknown");
            return v;
        }

        @Override
        public String canonical() {
            StringBuilder b = new StringBuilder("machine");
            memoryBytes.ifPresent(x -> b.append(";memory_bytes=").append(x));
            nodes.ifPresent(x -> b.append(";nodes=").append(x));
            size.ifPresent(x -> b.append(";size=").append(x));
            vcpus.ifPresent(x -> b.append(";vcpus=").append(exact(BigDecimal.valueOf(x))));
            return b.toString();
        }

        private static String trim(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
    }

    /** docker-compose {@code deploy.resources}: limits and reservations. */
    public record ComposeLimits(ContainerLimits limits) implements Setting {

        public ComposeLimits {
            Objects.requireNonNull(limits, "limits");
        }

        @Override
        public OptionalDouble cpus() {
            return limits.cpusLimit();
        }

        @Override
        public OptionalLong memoryBytes() {
            return limits.memoryLimit();
        }

        @Override
        public String label() {
            Map<String, String> v = values();
            return v.isEmpty() ? "no limits" : "cpus " + v.getOrDefault("cpus_limit", "unlimited") + ", memory "
                    + v.getOrDefault("memory_limit", "unlimited");
        }

        @Override
        public Map<String, String> values() {
            Map<String, String> v = new LinkedHashMap<>();
            limits.cpusLimit().ifPresent(x -> v.put("cpus_limit", Quantities.formatCpus(x)));
            limits.memoryLimit().ifPresent(x -> v.put("memory_limit", Quantities.formatComposeBytes(x, "M")));
            limits.cpusReservation().ifPresent(x -> v.put("cpus_reservation", Quantities.formatCpus(x)));
            limits.memoryReservation().ifPresent(x -> v.put("memory_reservation",
                    Quantities.formatComposeBytes(x, "M")));
            return v;
        }

        @Override
        public String canonical() {
            return "compose" + Configuration.limits(limits, "reservation");
        }
    }

    /** Kubernetes {@code resources}: requests (the reservation fields of {@link ContainerLimits}) and limits. */
    public record KubernetesResources(ContainerLimits resources) implements Setting {

        public KubernetesResources {
            Objects.requireNonNull(resources, "resources");
        }

        /** Empty: a pod's CPU is shared out by requests and capped by limits, not a capacity of its own. */
        @Override
        public OptionalDouble cpus() {
            return OptionalDouble.empty();
        }

        @Override
        public OptionalLong memoryBytes() {
            return OptionalLong.empty();
        }

        @Override
        public String label() {
            Map<String, String> v = values();
            return v.isEmpty() ? "no requests or limits"
                    : "requests " + v.getOrDefault("cpu_request", "-") + "/" + v.getOrDefault("memory_request", "-")
                            + ", limits " + v.getOrDefault("cpu_limit", "-") + "/" + v.getOrDefault("memory_limit", "-");
        }

        @Override
        public Map<String, String> values() {
            Map<String, String> v = new LinkedHashMap<>();
            resources.cpusReservation().ifPresent(x -> v.put("cpu_request", Quantities.formatK8sCpu(x)));
            resources.memoryReservation().ifPresent(x -> v.put("memory_request", Quantities.formatK8sMemory(x)));
            resources.cpusLimit().ifPresent(x -> v.put("cpu_limit", Quantities.formatK8sCpu(x)));
            resources.memoryLimit().ifPresent(x -> v.put("memory_limit", Quantities.formatK8sMemory(x)));
            return v;
        }

        @Override
        public String canonical() {
            return "kubernetes" + Configuration.limits(resources, "request");
        }

        /** The CPU request as a manifest writes it, e.g. {@code 250m}. */
        public Optional<String> cpuRequest() {
            return text(resources.cpusReservation());
        }

        /** The memory request as a manifest writes it, e.g. {@code 512Mi}. */
        public Optional<String> memoryRequest() {
            return bytes(resources.memoryReservation());
        }

        /** The CPU limit as a manifest writes it. */
        public Optional<String> cpuLimit() {
            return text(resources.cpusLimit());
        }

        /** The memory limit as a manifest writes it. */
        public Optional<String> memoryLimit() {
            return bytes(resources.memoryLimit());
        }

        private static Optional<String> text(OptionalDouble cores) {
            return cores.isPresent() ? Optional.of(Quantities.formatK8sCpu(cores.getAsDouble())) : Optional.empty();
        }

        private static Optional<String> bytes(OptionalLong bytes) {
            return bytes.isPresent() ? Optional.of(Quantities.formatK8sMemory(bytes.getAsLong())) : Optional.empty();
        }
    }

    /** Nothing runs: the resource is removed. */
    public record Removed() implements Setting {

        @Override
        public OptionalDouble cpus() {
            return OptionalDouble.empty();
        }

        @Override
        public OptionalLong memoryBytes() {
            return OptionalLong.empty();
        }

        @Override
        public String label() {
            return "remove (idle)";
        }

        @Override
        public Map<String, String> values() {
            Map<String, String> v = new LinkedHashMap<>();
            v.put("size", "none");
            return v;
        }

        @Override
        public String canonical() {
            return "removed";
        }
    }

    // ------------------------------------------------------------------------------- factories

    /**
     * A machine or cluster size.
     *
     * @param vcpus       NaN when unknown
     * @param memoryBytes NaN when unknown
     */
    public static Configuration machine(String slug, double vcpus, double memoryBytes, OptionalInt nodes,
            Optional<Money> monthlyPrice) {
        return new Configuration(new MachineSize(Optional.ofNullable(slug), nodes,
                Double.isNaN(vcpus) ? OptionalDouble.empty() : OptionalDouble.of(vcpus),
                Double.isNaN(memoryBytes) ? OptionalLong.empty() : OptionalLong.of((long) memoryBytes)), monthlyPrice);
    }

    public static Configuration compose(ContainerLimits limits, Optional<Money> monthlyPrice) {
        return new Configuration(new ComposeLimits(limits), monthlyPrice);
    }

    public static Configuration kubernetes(ContainerLimits resources) {
        return new Configuration(new KubernetesResources(resources), Optional.empty());
    }

    public static Configuration removed() {
        return new Configuration(new Removed(), Optional.empty());
    }

    // ------------------------------------------------------------------------------- typed reads

    /** The size slug of a machine or cluster configuration, when known. */
    public Optional<String> size() {
        return setting instanceof MachineSize m ? m.size() : Optional.empty();
    }

    /** The node count of a cluster configuration. */
    public OptionalInt nodes() {
        return setting instanceof MachineSize m ? m.nodes() : OptionalInt.empty();
    }

    /** CPU capacity: a machine's vCPUs, a compose service's CPU limit; empty otherwise or when unknown. */
    public OptionalDouble cpus() {
        return setting.cpus();
    }

    /** Memory capacity: a machine's memory, a compose service's memory limit; empty otherwise or when unknown. */
    public OptionalLong memoryBytes() {
        return setting.memoryBytes();
    }

    /** Limits and reservations (Kubernetes: requests) of a compose or Kubernetes configuration. */
    public Optional<ContainerLimits> container() {
        if (setting instanceof ComposeLimits c) {
            return Optional.of(c.limits());
        }
        return setting instanceof KubernetesResources k ? Optional.of(k.resources()) : Optional.empty();
    }

    /**
     * Equal as a compose or manifest file would hold the settings: quantities at the precision
     * they are written in ({@code 0.5}, {@code 512M}, {@code 250m}), so a difference finer than a
     * file can state is no change.
     */
    public boolean sameAsWritten(Configuration other) {
        return setting.values().equals(other.setting.values());
    }

    // ------------------------------------------------------------------------------- renderings

    /** One line for people, e.g. {@code "db-s-2vcpu-4gb x 2 nodes"} or {@code "cpus 0.5, memory 512M"}. */
    public String label() {
        return setting.label();
    }

    /**
     * The settings by name as people read them, in display order ({@code size}, {@code nodes},
     * {@code vcpus}, {@code memory_bytes}; {@code cpus_limit}, {@code memory_limit}, ...; Kubernetes
     * quantities such as {@code 250m} and {@code 512Mi}). Display only: logic reads the typed
     * accessors ({@link #size()}, {@link #cpus()}, {@link #memoryBytes()}, {@link #container()}).
     */
    public Map<String, String> values() {
        return Collections.unmodifiableMap(setting.values());
    }

    /**
     * A canonical, unambiguous text of the settings and the price: equal configurations give equal
     * text whatever built them. Figures are exact (no display rounding), keys sorted within the
     * kind, absent settings left out.
     */
    public String canonical() {
        return setting.canonical() + monthlyPrice.map(p -> ";monthly_price=" + exact(p.amount()) + " "
                + p.currency().getCurrencyCode()).orElse("");
    }

    private static String limits(ContainerLimits l, String reservation) {
        StringBuilder b = new StringBuilder();
        l.cpusLimit().ifPresent(x -> b.append(";cpus_limit=").append(exact(BigDecimal.valueOf(x))));
        l.cpusReservation().ifPresent(x -> b.append(";cpus_").append(reservation).append('=')
                .append(exact(BigDecimal.valueOf(x))));
        l.memoryLimit().ifPresent(x -> b.append(";memory_limit=").append(x));
        l.memoryReservation().ifPresent(x -> b.append(";memory_").append(reservation).append('=').append(x));
        return b.toString();
    }

    private static String exact(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }
}
