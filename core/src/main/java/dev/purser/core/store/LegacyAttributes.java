package dev.purser.core.store;

import dev.purser.core.model.Money;
import dev.purser.core.model.ResourceFacts;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads a resource stored before typed facts (schema V4 and earlier: a string map under
 * {@code attributes}) into {@link ResourceFacts}, accepting every key spelling those versions
 * wrote or read, so an inventory loaded then still right-sizes and reports waste the same way
 * until it is next replaced. Keys it does not know are kept as descriptive details. Nothing new
 * is written in this form.
 */
final class LegacyAttributes {

    private static final double GIB = 1024.0 * 1024 * 1024;
    private static final double MIB = 1024.0 * 1024;

    private LegacyAttributes() {
    }

    static ResourceFacts facts(String kind, Map<String, String> a, Currency priceCurrency) {
        Set<String> used = new HashSet<>();
        Reader r = new Reader(a, used);
        ResourceFacts.Builder b = ResourceFacts.builder();

        OptionalDouble vcpus = r.number("vcpus", "cpus", "vcpu");
        OptionalDouble memory = r.number("memory_bytes");
        if (memory.isEmpty()) {
            OptionalDouble mib = r.number("memory_mib", "memory_mb", "memory");
            OptionalDouble gib = r.number("memory_gib", "memory_gb");
            memory = mib.isPresent() ? OptionalDouble.of(mib.getAsDouble() * MIB)
                    : gib.isPresent() ? OptionalDouble.of(gib.getAsDouble() * GIB) : OptionalDouble.empty();
        }
        OptionalDouble disk = r.number("disk_gb");
        OptionalDouble diskUsed = r.number("disk_used_gb", "disk_used_gib");
        if (vcpus.isPresent() || memory.isPresent() || disk.isPresent() || diskUsed.isPresent()) {
            b.compute(new ResourceFacts.Compute(positive(vcpus),
                    memory.isPresent() && memory.getAsDouble() > 0 ? OptionalLong.of((long) memory.getAsDouble())
                            : OptionalLong.empty(), disk, diskUsed));
        }

        Optional<String> engine = r.text("engine");
        OptionalDouble nodes = r.number("nodes", "num_nodes", "node_count", "instances");
        List<String> members = r.text("members").map(m -> Arrays.stream(m.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList()).orElse(List.of());
        if (engine.isPresent() || nodes.isPresent() || kind.startsWith("database") || kind.startsWith("rds")) {
            OptionalDouble data = r.number("storage_used_bytes", "db_size_bytes", "data_bytes", "disk_used_bytes");
            if (data.isEmpty()) {
                OptionalDouble gib = r.number("storage_used_gib", "storage_used_gb", "db_size_gb", "storage_gb");
                data = gib.isPresent() ? OptionalDouble.of(gib.getAsDouble() * GIB) : OptionalDouble.empty();
            }
            OptionalDouble connections = r.number("max_connections");
            OptionalDouble perNode = r.number("price_per_node_monthly");
            b.database(new ResourceFacts.DatabaseCluster(engine.orElse("pg"), r.text("version", "engine_version",
                    "engineVersion"), nodes.isPresent() ? Math.max(1, (int) Math.round(nodes.getAsDouble())) : 1,
                    data.isPresent() ? OptionalLong.of((long) data.getAsDouble()) : OptionalLong.empty(),
                    connections.isPresent() && connections.getAsDouble() >= 1
                            ? OptionalInt.of((int) connections.getAsDouble()) : OptionalInt.empty(),
                    r.text("last_backup_at", "latest_backup_at", "latest_backup", "backup_at").flatMap(LegacyAttributes::instant),
                    perNode.isPresent() && priceCurrency != null
                            ? Optional.of(new Money(BigDecimal.valueOf(perNode.getAsDouble()), priceCurrency))
                            : Optional.empty(), members));
        }
        r.text("cluster").ifPresent(c -> b.memberOf(new ResourceFacts.Membership(c, r.text("role"))));

        Optional<String> autoscalerName = r.text("autoscaler").filter(v -> !v.equalsIgnoreCase("none"));
        boolean pool = truthy(r.text("autoscale_pool")) || truthy(r.text("autoscale")) || truthy(r.text("autoscaled"));
        OptionalDouble min = r.number("min_size", "min_nodes", "min_replicas");
        OptionalDouble max = r.number("max_size", "max_nodes", "max_replicas");
        boolean range = min.isPresent() && max.isPresent() && max.getAsDouble() > min.getAsDouble();
        OptionalDouble replicas = r.number("replicas", "current_replicas", "pool_size", "desired_size");
        if (autoscalerName.isPresent() || pool || range || replicas.isPresent() || r.text("autoscaler").isPresent()) {
            Optional<ResourceFacts.Autoscaler> autoscaler = autoscalerName.isPresent() || pool || range
                    ? Optional.of(new ResourceFacts.Autoscaler(autoscalerName.orElse(pool ? "autoscale-pool" : "size-range"),
                            range ? OptionalInt.of((int) min.getAsDouble()) : OptionalInt.empty(),
                            range ? OptionalInt.of((int) max.getAsDouble()) : OptionalInt.empty()))
                    : Optional.empty();
            b.scaling(new ResourceFacts.Scaling(replicas.isPresent()
                    ? Math.max(0, (int) Math.round(replicas.getAsDouble())) : 1, autoscaler));
        }

        Optional<String> service = r.text("compose_service");
        if (service.isPresent()) {
            b.composeService(new ResourceFacts.ComposeService(service.get(), r.text("host").orElse(""), r.text("image"),
                    resources(r.number("cpu_limit"), r.number("memory_limit_bytes")),
                    resources(r.number("cpu_reservation"), r.number("memory_reservation_bytes"))));
        }
        Optional<String> yaml = r.raw("compose_yaml");
        Optional<String> file = r.text("compose_file");
        OptionalDouble budget = r.number("budget_monthly");
        if (yaml.isPresent() || file.isPresent() || budget.isPresent()) {
            b.composeSource(new ResourceFacts.ComposeSource(yaml, file, budget.isPresent() && priceCurrency != null
                    ? Optional.of(new Money(new BigDecimal(a.get("budget_monthly").strip()), priceCurrency))
                    : Optional.empty()));
        }
        Optional<String> workload = r.text("k8s_workload");
        if (workload.isPresent()) {
            b.kubernetes(new ResourceFacts.KubernetesContainer(r.text("k8s_cluster"),
                    r.text("k8s_namespace").orElse("default"), r.text("k8s_kind").orElse("Deployment"), workload.get(),
                    r.text("k8s_container").orElse(workload.get()),
                    resources(r.number("cpu_request"), r.number("memory_request_bytes")),
                    resources(r.number("cpu_limit"), r.number("memory_limit_bytes"))));
        }

        Optional<Boolean> attached = r.bool("attached").or(() -> r.bool("associated")).or(() -> r.bool("assigned"));
        attached.ifPresent(x -> b.attachment(x ? ResourceFacts.Attachment.to(r.text("attached_to", "attachedTo",
                "droplet_id", "instanceId").map(t -> Arrays.stream(t.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList()).orElse(List.of())) : ResourceFacts.Attachment.DETACHED));
        Optional<String> size = r.text("size_gb", "sizeGiB", "size_gigabytes", "volumeSizeGiB");
        OptionalDouble full = r.number("fullSnapshotSizeBytes");
        OptionalDouble iops = r.number("iops");
        OptionalDouble throughput = r.number("throughputMiBps");
        Optional<String> tier = r.text("storageTier");
        Optional<String> source = r.text("volumeId", "volume_id", "source_resource_id");
        if (size.isPresent() || full.isPresent() || iops.isPresent() || tier.isPresent()) {
            b.storage(new ResourceFacts.Storage(size.flatMap(LegacyAttributes::decimal), whole(full), whole(iops),
                    whole(throughput), tier, source));
        }
        r.text("state", "status").ifPresent(b::state);
        r.text("start_time", "startTime", "created_at", "create_time", "createTime", "launch_time", "launchTime")
                .flatMap(LegacyAttributes::instant).ifPresent(b::createdAt);
        r.text("account_id").ifPresent(b::account);
        b.addresses(r.texts("private_ip", "public_ip", "private_ip_address", "public_ip_address", "ipv4_private",
                "ipv4_public", "ip", "publicIp", "ip_address", "private_dns_name", "public_dns_name", "private_dns",
                "public_dns", "private_host", "hostname", "endpoint"));
        r.text("prometheus_instance").ifPresent(b::prometheusInstance);
        r.text("price_source").ifPresent(s -> b.price(new ResourceFacts.PriceSource(s, r.text("price_rate"),
                r.text("price_note"))));
        a.forEach((k, v) -> {
            if (!used.contains(k)) {
                b.detail(k, v);
            }
        });
        return b.build();
    }

    private static ResourceFacts.ContainerResources resources(OptionalDouble cpus, OptionalDouble memory) {
        return new ResourceFacts.ContainerResources(cpus.isPresent() && cpus.getAsDouble() >= 0 ? cpus
                : OptionalDouble.empty(), memory.isPresent() && memory.getAsDouble() >= 0
                        ? OptionalLong.of((long) memory.getAsDouble()) : OptionalLong.empty());
    }

    private static OptionalDouble positive(OptionalDouble v) {
        return v.isPresent() && v.getAsDouble() > 0 ? v : OptionalDouble.empty();
    }

    private static OptionalLong whole(OptionalDouble v) {
        return v.isPresent() && v.getAsDouble() >= 0 ? OptionalLong.of((long) v.getAsDouble()) : OptionalLong.empty();
    }

    private static boolean truthy(Optional<String> v) {
        return v.map(x -> x.equalsIgnoreCase("true") || x.equalsIgnoreCase("yes") || x.equals("1")).orElse(false);
    }

    private static Optional<BigDecimal> decimal(String v) {
        try {
            BigDecimal d = new BigDecimal(v);
            return d.signum() < 0 ? Optional.empty() : Optional.of(d);
        } catch (NumberFormatException e) {
            return Optional.empty(); // an unreadable size is treated as absent, as the old readers did
        }
    }

    private static Optional<Instant> instant(String v) {
        try {
            return Optional.of(OffsetDateTime.parse(v).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty(); // an unreadable time is treated as absent, as the old readers did
        }
    }

    /** Lenient reads of the old map that remember which keys were understood. */
    private record Reader(Map<String, String> a, Set<String> used) {

        Optional<String> raw(String key) {
            String v = a.get(key);
            used.add(key);
            return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
        }

        Optional<String> text(String... keys) {
            for (String key : keys) {
                Optional<String> v = raw(key);
                if (v.isPresent()) {
                    return Optional.of(v.get().strip());
                }
            }
            return Optional.empty();
        }

        List<String> texts(String... keys) {
            return Arrays.stream(keys).map(this::text).flatMap(Optional::stream).toList();
        }

        Optional<Boolean> bool(String key) {
            return text(key).map(String::toLowerCase).filter(v -> v.equals("true") || v.equals("false"))
                    .map(Boolean::parseBoolean);
        }

        OptionalDouble number(String... keys) {
            for (String key : keys) {
                Optional<String> v = text(key);
                if (v.isPresent()) {
                    try {
                        return OptionalDouble.of(Double.parseDouble(v.get()));
                    } catch (NumberFormatException e) {
                        // a malformed number is treated as absent, as the old readers did
                    }
                }
            }
            return OptionalDouble.empty();
        }
    }
}
