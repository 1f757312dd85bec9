package dev.purser.core.analysis.catalog;

import java.time.Instant;
import java.util.List;

/** Live price catalogs read from providers' APIs, kept so right-sizing prices with today's list. */
public interface PriceCatalogStore {

    /**
     * Stores a catalog read from a provider, replacing the one of the same provider and name.
     *
     * @param fetchedAt when the provider's API was read
     * @throws dev.purser.core.error.PurserException DATABASE_ERROR when the write fails (the
     *         previous catalog stays)
     */
    void save(PriceCatalog catalog, Instant fetchedAt);

    /**
     * Every stored catalog, origin {@link CatalogOrigin#LIVE}, newest fetch first (so per provider
     * the first one is the freshest).
     */
    List<PriceCatalog> latest();
}
