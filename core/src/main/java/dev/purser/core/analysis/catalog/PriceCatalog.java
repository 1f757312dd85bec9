package dev.purser.core.analysis.catalog;

import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sizes one provider sells, with list prices as of one date. Immutable.
 *
 * <p>Lookups never throw for missing knowledge: {@link #price(String, int)} answers
 * {@link PriceLookup.NotFound} for an unknown slug or a size listed without a price, and callers
 * carry that into their answer ("price not found").
 */
public final class PriceCatalog {

    private final String name;
    private final String provider;
    private final LocalDate snapshotDate;
    private final CatalogOrigin origin;
    private final String note;
    private final List<CatalogSize> sizes;
    private final List<DatabaseLayout> databaseLayouts;
    private final Map<String, CatalogSize> machinesBySlug = new HashMap<>();
    private final Map<String, CatalogSize> databaseNodesByKey = new HashMap<>();

    /**
     * @param name         short catalog name, e.g. {@code digitalocean}
     * @param provider     FOCUS ProviderName the catalog prices, e.g. {@code DigitalOcean}
     * @param snapshotDate the date the prices were read
     * @param note         where the prices come from, in a sentence
     */
    public PriceCatalog(String name, String provider, LocalDate snapshotDate, CatalogOrigin origin, String note,
            List<CatalogSize> sizes, List<DatabaseLayout> databaseLayouts) {
        this.name = Objects.requireNonNull(name, "name");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.snapshotDate = Objects.requireNonNull(snapshotDate, "snapshotDate");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.note = note == null ? "" : note;
        this.sizes = List.copyOf(sizes);
        this.databaseLayouts = List.copyOf(databaseLayouts);
        for (CatalogSize size : this.sizes) {
            switch (size.sizeClass()) {
                case MACHINE -> {
                    if (machinesBySlug.put(size.slug(), size) != null) {
                        throw new IllegalArgumentException("duplicate machine size in catalog " + name + ": " + size.slug());
                    }
                }
                case DATABASE_NODE -> {
                    if (databaseNodesByKey.put(size.engine() + "/" + size.slug(), size) != null) {
                        throw new IllegalArgumentException("duplicate database size in catalog " + name + ": "
                                + size.engine() + "/" + size.slug());
                    }
                }
            }
        }
    }

    public String name() {
        return name;
    }

    public String provider() {
        return provider;
    }

    public LocalDate snapshotDate() {
        return snapshotDate;
    }

    public CatalogOrigin origin() {
        return origin;
    }

    public String note() {
        return note;
    }

    public List<CatalogSize> sizes() {
        return sizes;
    }

    public List<DatabaseLayout> databaseLayouts() {
        return databaseLayouts;
    }

    /** How to cite these prices: {@code "bundled snapshot 2026-11-01"} or {@code "live 2026-11-23"}. */
    public String source() {
        return switch (origin) {
            case BUNDLED_SNAPSHOT -> "bundled snapshot " + snapshotDate;
            case LIVE -> "live " + snapshotDate;
        };
    }

    public Optional<CatalogSize> machine(String slug) {
        return Optional.ofNullable(machinesBySlug.get(slug));
    }

    /**
     * A database node size for an engine: the engine's own entry first (AWS prices per engine),
     * then an entry that applies to every engine (DigitalOcean).
     */
    public Optional<CatalogSize> databaseNode(String engine, String slug) {
        CatalogSize own = databaseNodesByKey.get((engine == null ? "" : engine) + "/" + slug);
        return Optional.ofNullable(own != null ? own : databaseNodesByKey.get("/" + slug));
    }

    /** The machine price of a slug. */
    public PriceLookup price(String slug, int nodes) {
        return priced(machine(slug), slug, nodes, "no machine size " + slug + " in catalog " + name);
    }

    /** The price of a database cluster: node price times node count. */
    public PriceLookup databasePrice(String engine, String slug, int nodes) {
        return priced(databaseNode(engine, slug), slug, nodes,
                "no database node size " + slug + (engine == null || engine.isEmpty() ? "" : " for engine " + engine)
                        + " in catalog " + name);
    }

    private PriceLookup priced(Optional<CatalogSize> found, String slug, int nodes, String missing) {
        if (nodes <= 0) {
            throw new IllegalArgumentException("nodes must be positive: " + nodes + " for " + slug);
        }
        if (found.isEmpty()) {
            return new PriceLookup.NotFound(slug, nodes, "price not found: " + missing + " (" + source() + ")");
        }
        CatalogSize size = found.get();
        if (!size.priced()) {
            return new PriceLookup.NotFound(slug, nodes, "price not found: " + slug + " is listed without a price ("
                    + source() + ")");
        }
        BigDecimal count = BigDecimal.valueOf(nodes);
        Money hourly = size.hourlyPrice() == null ? null : size.hourlyPrice().times(count);
        return new PriceLookup.Found(size, nodes, size.monthlyPrice().times(count), hourly);
    }

    /** Machine sizes, cheapest first (unpriced last), optionally only one family. */
    public List<CatalogSize> machines(String family) {
        List<CatalogSize> out = new ArrayList<>();
        for (CatalogSize size : sizes) {
            if (size.sizeClass() == SizeClass.MACHINE && (family == null || size.family().equals(family))) {
                out.add(size);
            }
        }
        out.sort(CHEAPEST_FIRST);
        return out;
    }

    /** Node counts the engine offers, ascending; empty when the catalog has no layouts for it. */
    public Set<Integer> nodeCounts(String engine) {
        Set<Integer> counts = new TreeSet<>();
        for (DatabaseLayout layout : databaseLayouts) {
            if (layout.engine().equals(engine)) {
                counts.add(layout.numNodes());
            }
        }
        return counts;
    }

    /**
     * Database node sizes the engine offers at a node count, cheapest first. With no layouts for
     * the engine, every node size priced for it (or for all engines) is offered.
     */
    public List<CatalogSize> databaseNodes(String engine, int nodes) {
        Set<String> allowed = null;
        for (DatabaseLayout layout : databaseLayouts) {
            if (layout.engine().equals(engine) && layout.numNodes() == nodes) {
                allowed = layout.sizes();
            }
        }
        boolean engineHasLayouts = !nodeCounts(engine).isEmpty();
        List<CatalogSize> out = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (CatalogSize size : sizes) {
            if (size.sizeClass() != SizeClass.DATABASE_NODE) {
                continue;
            }
            if (!size.engine().isEmpty() && !size.engine().equals(engine)) {
                continue;
            }
            if (engineHasLayouts && (allowed == null || !allowed.contains(size.slug()))) {
                continue;
            }
            CatalogSize effective = databaseNode(engine, size.slug()).orElse(size);
            if (seen.add(effective.slug())) {
                out.add(effective);
            }
        }
        out.sort(CHEAPEST_FIRST);
        return out;
    }

    /** Whether the engine's layouts allow this size at this node count (true when the catalog has no layouts for the engine). */
    public boolean layoutAllows(String engine, String slug, int nodes) {
        if (nodeCounts(engine).isEmpty()) {
            return true;
        }
        for (DatabaseLayout layout : databaseLayouts) {
            if (layout.engine().equals(engine) && layout.numNodes() == nodes && layout.sizes().contains(slug)) {
                return true;
            }
        }
        return false;
    }

    private static final Comparator<CatalogSize> CHEAPEST_FIRST = Comparator
            .comparing((CatalogSize s) -> s.priced() ? s.monthlyPrice().amount() : null,
                    Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingInt(CatalogSize::vcpus)
            .thenComparingLong(CatalogSize::memoryMib)
            .thenComparing(CatalogSize::slug);

    @Override
    public String toString() {
        return "PriceCatalog[" + name + ", " + source() + ", " + sizes.size() + " sizes]";
    }
}
