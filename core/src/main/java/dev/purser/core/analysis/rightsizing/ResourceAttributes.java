package dev.purser.core.analysis.rightsizing;

import dev.purser.core.model.Resource;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** Reads the resource attribute and tag keys documented in the package overview, leniently. */
final class ResourceAttributes {

    private ResourceAttributes() {
    }

    static Optional<String> text(Resource r, String... keys) {
        for (String key : keys) {
            String v = r.attributes().get(key);
            if (v == null) {
                v = r.tags().get(key);
            }
            if (v != null && !v.isBlank()) {
                return Optional.of(v.trim());
            }
        }
        return Optional.empty();
    }

    static OptionalDouble number(Resource r, String... keys) {
        for (String key : keys) {
            String v = r.attributes().get(key);
            if (v == null || v.isBlank()) {
                continue;
            }
            try {
                return OptionalDouble.of(Double.parseDouble(v.trim()));
            } catch (NumberFormatException e) {
                // A malformed attribute is treated as absent: the analysis says what it fell back to.
            }
        }
        return OptionalDouble.empty();
    }

    static OptionalDouble vcpus(Resource r) {
        return number(r, "vcpus", "cpus", "vcpu");
    }

    /** Memory in bytes from {@code memory_bytes}, {@code memory_mib}/{@code memory_mb} or {@code memory_gib}/{@code memory_gb}. */
    static OptionalDouble memoryBytes(Resource r) {
        OptionalDouble bytes = number(r, "memory_bytes");
        if (bytes.isPresent()) {
            return bytes;
        }
        OptionalDouble mib = number(r, "memory_mib", "memory_mb", "memory");
        if (mib.isPresent()) {
            return OptionalDouble.of(mib.getAsDouble() * 1024 * 1024);
        }
        OptionalDouble gib = number(r, "memory_gib", "memory_gb");
        return gib.isPresent() ? OptionalDouble.of(gib.getAsDouble() * 1024 * 1024 * 1024) : OptionalDouble.empty();
    }

    static int nodes(Resource r) {
        OptionalDouble n = number(r, "nodes", "num_nodes", "node_count", "instances");
        return n.isPresent() ? Math.max(1, (int) Math.round(n.getAsDouble())) : 1;
    }

    static OptionalDouble dataBytes(Resource r) {
        OptionalDouble bytes = number(r, "storage_used_bytes", "db_size_bytes", "data_bytes", "disk_used_bytes");
        if (bytes.isPresent()) {
            return bytes;
        }
        OptionalDouble gib = number(r, "storage_used_gib", "storage_used_gb", "db_size_gb", "storage_gb", "disk_used_gb");
        return gib.isPresent() ? OptionalDouble.of(gib.getAsDouble() * 1024 * 1024 * 1024) : OptionalDouble.empty();
    }

    static OptionalDouble diskUsedGib(Resource r) {
        OptionalDouble gib = number(r, "disk_used_gb", "disk_used_gib");
        if (gib.isPresent()) {
            return gib;
        }
        OptionalDouble bytes = number(r, "disk_used_bytes");
        return bytes.isPresent() ? OptionalDouble.of(bytes.getAsDouble() / (1024.0 * 1024 * 1024))
                : OptionalDouble.empty();
    }

    static Optional<Instant> lastBackup(Resource r) {
        Optional<String> v = text(r, "last_backup_at", "latest_backup_at", "latest_backup", "backup_at");
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(v.get()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static boolean critical(Resource r) {
        return text(r, "tier").map(t -> t.equalsIgnoreCase("critical")).orElse(false);
    }

    /** {@code production}, {@code staging}, {@code test}, ... from the env tag, else from the name. */
    static String environment(Resource r) {
        Optional<String> tagged = text(r, "env", "environment", "stage");
        if (tagged.isPresent()) {
            return normaliseEnvironment(tagged.get());
        }
        String name = r.name().toLowerCase(Locale.ROOT);
        for (String word : name.split("[^a-z0-9]+")) {
            String env = normaliseEnvironment(word);
            if (!env.equals("unknown")) {
                return env;
            }
        }
        return "unknown";
    }

    private static String normaliseEnvironment(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "prod", "production", "prd", "live" -> "production";
            case "staging", "stage", "stg", "preprod" -> "staging";
            case "test", "testing", "qa" -> "test";
            case "dev", "development", "sandbox" -> "development";
            default -> "unknown";
        };
    }

    /** Autoscaled: {@code autoscaler=hpa} (or any autoscaler), or a DigitalOcean autoscale pool. */
    static boolean autoscaled(Resource r) {
        Map<String, String> a = r.attributes();
        if (a.containsKey("autoscaler") && !a.get("autoscaler").isBlank()
                && !a.get("autoscaler").equalsIgnoreCase("none")) {
            return true;
        }
        if (truthy(a.get("autoscale_pool")) || truthy(a.get("autoscale")) || truthy(a.get("autoscaled"))) {
            return true;
        }
        // A node group or pool with a size range is scaled by something, even if it is not named.
        OptionalDouble min = number(r, "min_size", "min_nodes", "min_replicas");
        OptionalDouble max = number(r, "max_size", "max_nodes", "max_replicas");
        return min.isPresent() && max.isPresent() && max.getAsDouble() > min.getAsDouble();
    }

    private static boolean truthy(String v) {
        return v != null && (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes") || v.equals("1"));
    }

    static int replicas(Resource r) {
        OptionalDouble n = number(r, "replicas", "current_replicas", "pool_size", "desired_size");
        return n.isPresent() ? Math.max(1, (int) Math.round(n.getAsDouble())) : 1;
    }
}
