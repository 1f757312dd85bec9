package dev.purser.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Money;
import dev.purser.core.model.ResourceFacts;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The stored form of {@link ResourceFacts}: a JSON object with snake_case keys, one per present
 * facet, written and read field by field so that the stored shape is a schema of its own (it does
 * not move when a record is refactored). Decimal figures that must stay exact (sizes in GiB,
 * money) are strings; absent facts are left out.
 */
final class ResourceFactsJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResourceFactsJson() {
    }

    static String write(ResourceFacts f) {
        ObjectNode o = JSON.createObjectNode();
        f.compute().ifPresent(c -> {
            ObjectNode n = o.putObject("compute");
            put(n, "vcpus", c.vcpus());
            put(n, "memory_bytes", c.memoryBytes());
            put(n, "disk_gib", c.diskGib());
            put(n, "disk_used_gib", c.diskUsedGib());
        });
        f.database().ifPresent(d -> {
            ObjectNode n = o.putObject("database");
            n.put("engine", d.engine());
            d.version().ifPresent(v -> n.put("version", v));
            n.put("nodes", d.nodes());
            put(n, "storage_used_bytes", d.storageUsedBytes());
            d.maxConnections().ifPresent(v -> n.put("max_connections", v));
            d.lastBackup().ifPresent(v -> n.put("last_backup", v.toString()));
            d.pricePerNodeMonthly().ifPresent(m -> money(n, "price_per_node_monthly", m));
            strings(n, "members", d.members());
        });
        f.memberOf().ifPresent(m -> {
            ObjectNode n = o.putObject("member_of");
            n.put("cluster_id", m.clusterId());
            m.role().ifPresent(v -> n.put("role", v));
        });
        f.scaling().ifPresent(s -> {
            ObjectNode n = o.putObject("scaling");
            n.put("replicas", s.replicas());
            s.autoscaler().ifPresent(a -> {
                ObjectNode an = n.putObject("autoscaler");
                an.put("name", a.name());
                a.min().ifPresent(v -> an.put("min", v));
                a.max().ifPresent(v -> an.put("max", v));
            });
        });
        f.composeService().ifPresent(c -> {
            ObjectNode n = o.putObject("compose_service");
            n.put("service", c.service());
            n.put("host_id", c.hostId());
            c.image().ifPresent(v -> n.put("image", v));
            resources(n.putObject("limits"), c.limits());
            resources(n.putObject("reservations"), c.reservations());
        });
        f.composeSource().ifPresent(c -> {
            ObjectNode n = o.putObject("compose_source");
            c.yaml().ifPresent(v -> n.put("yaml", v));
            c.path().ifPresent(v -> n.put("path", v));
            c.monthlyBudget().ifPresent(m -> money(n, "monthly_budget", m));
        });
        f.kubernetes().ifPresent(k -> {
            ObjectNode n = o.putObject("kubernetes");
            k.cluster().ifPresent(v -> n.put("cluster", v));
            n.put("namespace", k.namespace());
            n.put("kind", k.kind());
            n.put("workload", k.workload());
            n.put("container", k.container());
            resources(n.putObject("requests"), k.requests());
            resources(n.putObject("limits"), k.limits());
        });
        f.attachment().ifPresent(a -> {
            ObjectNode n = o.putObject("attachment");
            n.put("attached", a.attached());
            strings(n, "attached_to", a.attachedTo());
        });
        f.storage().ifPresent(s -> {
            ObjectNode n = o.putObject("storage");
            s.sizeGib().ifPresent(v -> n.put("size_gib", v.toPlainString()));
            put(n, "full_size_bytes", s.fullSizeBytes());
            put(n, "iops", s.iops());
            put(n, "throughput_mibps", s.throughputMiBps());
            s.tier().ifPresent(v -> n.put("tier", v));
            s.sourceId().ifPresent(v -> n.put("source_id", v));
        });
        f.state().ifPresent(v -> o.put("state", v));
        f.createdAt().ifPresent(v -> o.put("created_at", v.toString()));
        f.account().ifPresent(v -> o.put("account", v));
        if (!f.addresses().isEmpty()) {
            strings(o, "addresses", f.addresses());
        }
        f.prometheusInstance().ifPresent(v -> o.put("prometheus_instance", v));
        f.price().ifPresent(p -> {
            ObjectNode n = o.putObject("price");
            n.put("source", p.source());
            p.rate().ifPresent(v -> n.put("rate", v));
            p.note().ifPresent(v -> n.put("note", v));
        });
        if (!f.details().isEmpty()) {
            ObjectNode n = o.putObject("details");
            new TreeMap<>(f.details()).forEach(n::put);
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new PurserException(ErrorCode.INTERNAL_ERROR, "could not serialize resource facts", e);
        }
    }

    /**
     * @throws PurserException INTERNAL_ERROR when the text is not stored facts (malformed JSON, or a
     *         facet a record refuses, named by its message)
     */
    static ResourceFacts read(String json) {
        JsonNode o;
        try {
            o = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new PurserException(ErrorCode.INTERNAL_ERROR, "stored resource facts are not JSON", e);
        }
        try {
            ResourceFacts.Builder b = ResourceFacts.builder();
            JsonNode n = o.get("compute");
            if (n != null) {
                b.compute(new ResourceFacts.Compute(dbl(n, "vcpus"), lng(n, "memory_bytes"), dbl(n, "disk_gib"),
                        dbl(n, "disk_used_gib")));
            }
            n = o.get("database");
            if (n != null) {
                b.database(new ResourceFacts.DatabaseCluster(n.path("engine").asText(), text(n, "version"),
                        n.path("nodes").asInt(1), lng(n, "storage_used_bytes"), integer(n, "max_connections"),
                        text(n, "last_backup").map(Instant::parse), money(n, "price_per_node_monthly"),
                        strings(n, "members")));
            }
            n = o.get("member_of");
            if (n != null) {
                b.memberOf(new ResourceFacts.Membership(n.path("cluster_id").asText(), text(n, "role")));
            }
            n = o.get("scaling");
            if (n != null) {
                JsonNode a = n.get("autoscaler");
                b.scaling(new ResourceFacts.Scaling(n.path("replicas").asInt(1), a == null ? Optional.empty()
                        : Optional.of(new ResourceFacts.Autoscaler(a.path("name").asText(), integer(a, "min"),
                                integer(a, "max")))));
            }
            n = o.get("compose_service");
            if (n != null) {
                b.composeService(new ResourceFacts.ComposeService(n.path("service").asText(),
                        n.path("host_id").asText(), text(n, "image"), resources(n.get("limits")),
                        resources(n.get("reservations"))));
            }
            n = o.get("compose_source");
            if (n != null) {
                b.composeSource(new ResourceFacts.ComposeSource(text(n, "yaml"), text(n, "path"),
                        money(n, "monthly_budget")));
            }
            n = o.get("kubernetes");
            if (n != null) {
                b.kubernetes(new ResourceFacts.KubernetesContainer(text(n, "cluster"), n.path("namespace").asText(),
                        n.path("kind").asText(), n.path("workload").asText(), n.path("container").asText(),
                        resources(n.get("requests")), resources(n.get("limits"))));
            }
            n = o.get("attachment");
            if (n != null) {
                b.attachment(new ResourceFacts.Attachment(n.path("attached").asBoolean(), strings(n, "attached_to")));
            }
            n = o.get("storage");
            if (n != null) {
                b.storage(new ResourceFacts.Storage(text(n, "size_gib").map(BigDecimal::new), lng(n, "full_size_bytes"),
                        lng(n, "iops"), lng(n, "throughput_mibps"), text(n, "tier"), text(n, "source_id")));
            }
            text(o, "state").ifPresent(b::state);
            text(o, "created_at").map(Instant::parse).ifPresent(b::createdAt);
            text(o, "account").ifPresent(b::account);
            b.addresses(strings(o, "addresses"));
            text(o, "prometheus_instance").ifPresent(b::prometheusInstance);
            n = o.get("price");
            if (n != null) {
                b.price(new ResourceFacts.PriceSource(n.path("source").asText(), text(n, "rate"), text(n, "note")));
            }
            n = o.get("details");
            if (n != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    b.detail(e.getKey(), e.getValue().asText());
                }
            }
            return b.build();
        } catch (RuntimeException e) {
            throw new PurserException(ErrorCode.INTERNAL_ERROR, "stored resource facts are not valid: "
                    + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------------------- writing

    private static void put(ObjectNode n, String key, OptionalDouble v) {
        v.ifPresent(x -> n.put(key, x));
    }

    private static void put(ObjectNode n, String key, OptionalLong v) {
        v.ifPresent(x -> n.put(key, x));
    }

    private static void money(ObjectNode n, String key, Money m) {
        ObjectNode o = n.putObject(key);
        o.put("amount", m.amount().toPlainString());
        o.put("currency", m.currency().getCurrencyCode());
    }

    private static void strings(ObjectNode n, String key, List<String> values) {
        ArrayNode a = n.putArray(key);
        values.forEach(a::add);
    }

    private static void resources(ObjectNode n, ResourceFacts.ContainerResources r) {
        put(n, "cpus", r.cpus());
        put(n, "memory_bytes", r.memoryBytes());
    }

    // ------------------------------------------------------------------------------- reading

    private static OptionalDouble dbl(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? OptionalDouble.empty() : OptionalDouble.of(v.asDouble());
    }

    private static OptionalLong lng(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? OptionalLong.empty() : OptionalLong.of(v.asLong());
    }

    private static OptionalInt integer(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? OptionalInt.empty() : OptionalInt.of(v.asInt());
    }

    private static Optional<String> text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    private static Optional<Money> money(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? Optional.empty()
                : Optional.of(new Money(new BigDecimal(v.path("amount").asText()),
                        Currency.getInstance(v.path("currency").asText())));
    }

    private static List<String> strings(JsonNode n, String key) {
        List<String> out = new ArrayList<>();
        JsonNode v = n.get(key);
        if (v != null) {
            v.forEach(x -> out.add(x.asText()));
        }
        return out;
    }

    private static ResourceFacts.ContainerResources resources(JsonNode n) {
        return n == null ? ResourceFacts.ContainerResources.UNSET
                : new ResourceFacts.ContainerResources(dbl(n, "cpus"), lng(n, "memory_bytes"));
    }
}
