package dev.purser.core.cloud.digitalocean;

import dev.purser.core.analysis.catalog.CatalogOrigin;
import dev.purser.core.analysis.catalog.CatalogSize;
import dev.purser.core.analysis.catalog.DatabaseLayout;
import dev.purser.core.analysis.catalog.PriceCatalog;
import dev.purser.core.analysis.catalog.PriceCatalogs;
import dev.purser.core.analysis.catalog.SizeClass;
import dev.purser.core.model.Money;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * DigitalOcean's live price catalog: droplet sizes and prices from {@code GET /v2/sizes}, the
 * engines' node-count layouts from {@code GET /v2/databases/options}.
 *
 * <p>The API publishes no managed-database node prices, so those come from the bundled snapshot,
 * and the catalog's note says so. Sizes the API lists as unavailable stay in the catalog with
 * {@code available=false}: a droplet on a retired size can still be priced, but never proposed.
 */
public final class DoLiveCatalog {

    /** The stored catalog's name; one row per provider and name, so a new pull replaces the last. */
    public static final String NAME = "digitalocean-live";

    private final DigitalOceanClient client;
    private final PriceCatalog bundled;
    private final Clock clock;

    /** With database node prices from {@link PriceCatalogs#bundledDigitalOcean()}. */
    public DoLiveCatalog(DigitalOceanClient client, Clock clock) {
        this(client, PriceCatalogs.bundledDigitalOcean(), clock);
    }

    /** @param bundled where database node prices come from (the API has none) */
    public DoLiveCatalog(DigitalOceanClient client, PriceCatalog bundled, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.bundled = Objects.requireNonNull(bundled, "bundled");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Reads sizes and database options and builds the catalog, dated today (UTC) by the clock.
     *
     * @throws dev.purser.core.error.PurserException EXTERNAL_API_ERROR when the API fails
     */
    public PriceCatalog fetch() {
        return build(client.sizes(), client.databaseOptions(), bundled, LocalDate.ofInstant(clock.instant(),
                ZoneOffset.UTC));
    }

    /** The catalog from what the API answered; no I/O. */
    public static PriceCatalog build(List<Size> sizes, DatabaseOptions options, PriceCatalog bundled, LocalDate date) {
        List<CatalogSize> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Size s : sizes) {
            if (!seen.add(s.slug())) {
                continue; // a size listed twice across pages is one size
            }
            Money hourly = new Money(s.priceHourly(), s.priceMonthly().currency());
            out.add(new CatalogSize(s.slug(), SizeClass.MACHINE, null, null,
                    s.description() == null ? "" : s.description(), Math.max(1, s.vcpus()),
                    Math.max(1, s.memoryMb()), Math.max(0, s.diskGb()), s.priceMonthly(), hourly, s.available()));
        }
        int nodePrices = 0;
        for (CatalogSize node : bundled.sizes()) {
            if (node.sizeClass() == SizeClass.DATABASE_NODE) {
                out.add(node);
                nodePrices++;
            }
        }
        List<DatabaseLayout> layouts = new ArrayList<>();
        for (Map.Entry<String, DatabaseOptions.Engine> e : options.engines().entrySet()) {
            for (DatabaseOptions.Layout l : e.getValue().layouts()) {
                layouts.add(new DatabaseLayout(e.getKey(), l.numNodes(), Set.copyOf(l.sizes())));
            }
        }
        String note = "Droplet sizes and prices from GET /v2/sizes (" + seen.size() + " sizes) and database layouts"
                + " from GET /v2/databases/options on " + date + "; database node prices from the bundled "
                + bundled.snapshotDate() + " snapshot (" + nodePrices + " node sizes): the API publishes none.";
        return new PriceCatalog(NAME, bundled.provider(), date, CatalogOrigin.LIVE, note, out, layouts);
    }
}
