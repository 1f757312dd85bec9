package dev.purser.core.analysis.catalog;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Money;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads price catalogs: the snapshots bundled on the class path, or any document in the same
 * JSON shape (a live listing converted by a cloud client).
 *
 * <p>The shape: {@code name}, {@code provider}, {@code snapshot_date}, {@code currency},
 * {@code note}; {@code sizes[]} as in DigitalOcean's {@code GET /v2/sizes} ({@code slug},
 * {@code vcpus}, {@code memory} in MB, {@code disk} in GB, {@code price_monthly},
 * {@code price_hourly}, {@code available}, {@code description}); {@code database_sizes[]} with
 * {@code price_monthly_per_node}/{@code price_hourly_per_node} and an optional {@code engine};
 * {@code database_options} as in {@code GET /v2/databases/options} (engine → {@code layouts[]}
 * of {@code num_nodes} and {@code sizes}). A size whose price is absent or null is kept,
 * unpriced. Prices are read as exact decimals, never through {@code double}.
 */
public final class PriceCatalogs {

    /** Class-path resource of the bundled DigitalOcean snapshot. */
    public static final String DIGITALOCEAN_RESOURCE = "/catalog/digitalocean-2026-11-01.json";
    /** Class-path resource of the bundled AWS us-east-1 subset. */
    public static final String AWS_RESOURCE = "/catalog/aws-us-east-1-2026-11-01.json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    // Writing keeps each price's exact digits: no trailing-zero stripping, no exponent notation.
    private static final ObjectMapper WRITER = new ObjectMapper()
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private PriceCatalogs() {
    }

    /** The bundled DigitalOcean snapshot (droplets and managed-database nodes). */
    public static PriceCatalog bundledDigitalOcean() {
        return bundled(DIGITALOCEAN_RESOURCE);
    }

    /** The bundled AWS us-east-1 on-demand subset (EC2, RDS for PostgreSQL, Aurora PostgreSQL). */
    public static PriceCatalog bundledAws() {
        return bundled(AWS_RESOURCE);
    }

    /** Every bundled catalog. */
    public static List<PriceCatalog> bundled() {
        return List.of(bundledDigitalOcean(), bundledAws());
    }

    /**
     * Per provider, the live catalog when one is given, else the bundled one; a live catalog of a
     * provider with no bundled snapshot is added after the bundled ones. When several live catalogs
     * price one provider, the one with the latest snapshot date wins.
     */
    public static List<PriceCatalog> preferLive(List<PriceCatalog> bundled, List<PriceCatalog> live) {
        Map<String, PriceCatalog> newestLive = new LinkedHashMap<>();
        for (PriceCatalog c : live) {
            newestLive.merge(c.provider().toLowerCase(Locale.ROOT), c,
                    (a, b) -> b.snapshotDate().isAfter(a.snapshotDate()) ? b : a);
        }
        List<PriceCatalog> out = new ArrayList<>();
        Set<String> providers = new HashSet<>();
        for (PriceCatalog c : bundled) {
            String key = c.provider().toLowerCase(Locale.ROOT);
            providers.add(key);
            out.add(newestLive.getOrDefault(key, c));
        }
        newestLive.forEach((key, c) -> {
            if (!providers.contains(key)) {
                out.add(c);
            }
        });
        return List.copyOf(out);
    }

    /**
     * The catalog as a JSON document {@link #read} parses back to the same sizes, prices and layouts
     * (the family is derived from the slug, so it is not written). Prices are written as exact
     * decimals. Every price must be in one currency, which the document names once.
     *
     * @throws IllegalArgumentException when prices are in more than one currency
     */
    public static String write(PriceCatalog catalog) {
        Currency currency = null;
        for (CatalogSize s : catalog.sizes()) {
            for (Money m : new Money[] {s.monthlyPrice(), s.hourlyPrice()}) {
                if (m == null) {
                    continue;
                }
                if (currency != null && !currency.equals(m.currency())) {
                    throw new IllegalArgumentException("catalog " + catalog.name() + " mixes currencies "
                            + currency + " and " + m.currency());
                }
                currency = m.currency();
            }
        }
        ObjectNode root = WRITER.createObjectNode();
        root.put("name", catalog.name());
        root.put("provider", catalog.provider());
        root.put("snapshot_date", catalog.snapshotDate().toString());
        root.put("currency", (currency == null ? Currency.getInstance("USD") : currency).getCurrencyCode());
        root.put("note", catalog.note());
        ArrayNode machines = root.putArray("sizes");
        ArrayNode nodes = root.putArray("database_sizes");
        for (CatalogSize s : catalog.sizes()) {
            boolean machine = switch (s.sizeClass()) {
                case MACHINE -> true;
                case DATABASE_NODE -> false;
            };
            ObjectNode n = (machine ? machines : nodes).addObject();
            n.put("slug", s.slug());
            if (!s.engine().isEmpty()) {
                n.put("engine", s.engine());
            }
            n.put("memory", s.memoryMib());
            n.put("vcpus", s.vcpus());
            n.put("disk", s.diskGib());
            putMoney(n, machine ? "price_monthly" : "price_monthly_per_node", s.monthlyPrice());
            putMoney(n, machine ? "price_hourly" : "price_hourly_per_node", s.hourlyPrice());
            n.put("available", s.available());
            n.put("description", s.description());
        }
        ObjectNode options = root.putObject("database_options");
        Map<String, Map<Integer, Set<String>>> byEngine = new TreeMap<>();
        for (DatabaseLayout l : catalog.databaseLayouts()) {
            byEngine.computeIfAbsent(l.engine(), e -> new TreeMap<>())
                    .computeIfAbsent(l.numNodes(), k -> new TreeSet<>()).addAll(l.sizes());
        }
        byEngine.forEach((engine, layouts) -> {
            ArrayNode ls = options.putObject(engine).putArray("layouts");
            layouts.forEach((count, slugs) -> {
                ObjectNode l = ls.addObject();
                l.put("num_nodes", count);
                ArrayNode a = l.putArray("sizes");
                slugs.forEach(a::add);
            });
        });
        try {
            return WRITER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new PurserException(ErrorCode.INTERNAL_ERROR, "cannot write price catalog " + catalog.name(), e);
        }
    }

    private static void putMoney(ObjectNode n, String field, Money m) {
        if (m == null) {
            n.putNull(field);
        } else {
            n.put(field, m.amount());
        }
    }

    private static PriceCatalog bundled(String resource) {
        try (InputStream in = PriceCatalogs.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new PurserException(ErrorCode.INTERNAL_ERROR, "bundled price catalog missing: " + resource);
            }
            return read(in, CatalogOrigin.BUNDLED_SNAPSHOT, resource);
        } catch (IOException e) {
            throw new PurserException(ErrorCode.INTERNAL_ERROR, "cannot read bundled price catalog " + resource, e);
        }
    }

    /**
     * @param sourceName names the document in error messages
     * @throws PurserException with {@link ErrorCode#MALFORMED_FILE} when the document is not a catalog
     */
    public static PriceCatalog read(InputStream in, CatalogOrigin origin, String sourceName) {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (IOException e) {
            throw new PurserException(ErrorCode.MALFORMED_FILE, "price catalog " + sourceName + " is not JSON: "
                    + e.getMessage(), e);
        }
        try {
            String name = text(root, "name", sourceName);
            String provider = text(root, "provider", sourceName);
            LocalDate date = LocalDate.parse(text(root, "snapshot_date", sourceName));
            Currency currency = Currency.getInstance(text(root, "currency", sourceName));
            List<CatalogSize> sizes = new ArrayList<>();
            for (JsonNode s : root.path("sizes")) {
                sizes.add(size(s, SizeClass.MACHINE, "price_monthly", "price_hourly", currency, sourceName));
            }
            for (JsonNode s : root.path("database_sizes")) {
                sizes.add(size(s, SizeClass.DATABASE_NODE, "price_monthly_per_node", "price_hourly_per_node",
                        currency, sourceName));
            }
            List<DatabaseLayout> layouts = new ArrayList<>();
            for (Map.Entry<String, JsonNode> engine : root.path("database_options").properties()) {
                for (JsonNode layout : engine.getValue().path("layouts")) {
                    Set<String> slugs = new HashSet<>();
                    layout.path("sizes").forEach(n -> slugs.add(n.asText()));
                    layouts.add(new DatabaseLayout(engine.getKey(), layout.path("num_nodes").asInt(), slugs));
                }
            }
            return new PriceCatalog(name, provider, date, origin, root.path("note").asText(""), sizes, layouts);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new PurserException(ErrorCode.MALFORMED_FILE, "price catalog " + sourceName + ": " + e.getMessage(), e);
        }
    }

    private static CatalogSize size(JsonNode s, SizeClass sizeClass, String monthlyField, String hourlyField,
            Currency currency, String sourceName) {
        String slug = text(s, "slug", sourceName);
        return new CatalogSize(slug, sizeClass, s.path("engine").asText(""), null, s.path("description").asText(""),
                s.path("vcpus").asInt(), s.path("memory").asLong(), s.path("disk").asInt(),
                money(s.get(monthlyField), currency), money(s.get(hourlyField), currency),
                s.path("available").asBoolean(true));
    }

    private static Money money(JsonNode node, Currency currency) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        BigDecimal amount = node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText());
        return new Money(amount, currency);
    }

    private static String text(JsonNode node, String field, String sourceName) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.asText().isBlank()) {
            throw new PurserException(ErrorCode.MALFORMED_FILE, "price catalog " + sourceName + ": missing field "
                    + field);
        }
        return value.asText();
    }
}
