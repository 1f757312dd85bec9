package dev.purser.core.analysis.rightsizing;

import dev.purser.core.analysis.catalog.CatalogSize;
import dev.purser.core.analysis.catalog.PriceCatalog;
import dev.purser.core.analysis.catalog.PriceLookup;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Money;
import java.util.Objects;

/**
 * The machine a compose stack runs on.
 *
 * @param size         its size slug, empty when unknown
 * @param vcpus        its vCPUs
 * @param memoryBytes  its memory
 * @param monthlyPrice what it costs a month
 * @param priceBasis   list price from the catalog, or the effective cost from the bill
 */
public record ComposeHost(String provider, String size, int vcpus, long memoryBytes, Money monthlyPrice,
        PriceBasis priceBasis) {

    public ComposeHost {
        Objects.requireNonNull(provider, "provider");
        size = size == null ? "" : size;
        if (vcpus <= 0 || memoryBytes <= 0) {
            throw new IllegalArgumentException("host vcpus and memory must be positive: " + vcpus + ", " + memoryBytes);
        }
        Objects.requireNonNull(monthlyPrice, "monthlyPrice");
        Objects.requireNonNull(priceBasis, "priceBasis");
        if (priceBasis == PriceBasis.NOT_FOUND) {
            throw new IllegalArgumentException("a host needs a price basis other than NOT_FOUND");
        }
    }

    /**
     * A host of a catalog size at its list price.
     *
     * @throws PurserException {@link ErrorCode#NOT_FOUND} when the catalog does not price the size
     */
    public static ComposeHost ofCatalog(PriceCatalog catalog, String slug) {
        PriceLookup price = catalog.price(slug, 1);
        if (price instanceof PriceLookup.Found found) {
            CatalogSize s = found.size();
            return new ComposeHost(catalog.provider(), slug, s.vcpus(), s.memoryBytes(), found.monthly(),
                    PriceBasis.LIST_PRICE);
        }
        throw new PurserException(ErrorCode.NOT_FOUND, ((PriceLookup.NotFound) price).reason());
    }

    /** A host whose cost comes from the bill. */
    public static ComposeHost billed(String provider, String size, int vcpus, long memoryBytes, Money monthly) {
        return new ComposeHost(provider, size, vcpus, memoryBytes, monthly, PriceBasis.EFFECTIVE_COST);
    }
}
