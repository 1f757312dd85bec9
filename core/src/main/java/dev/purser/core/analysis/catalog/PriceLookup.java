package dev.purser.core.analysis.catalog;

import dev.purser.core.model.Money;
import java.util.Objects;
import java.util.Optional;

/** The answer to "what does this size cost?": a price, or the reason there is none. */
public sealed interface PriceLookup {

    String slug();

    /** The monthly price when found. */
    Optional<Money> monthlyPrice();

    /**
     * @param size    the catalog entry
     * @param nodes   how many nodes (1 for machines)
     * @param monthly the list price per month for all nodes
     * @param hourly  the list price per hour for all nodes, when the catalog has one
     */
    record Found(CatalogSize size, int nodes, Money monthly, Money hourly) implements PriceLookup {
        public Found {
            Objects.requireNonNull(size, "size");
            Objects.requireNonNull(monthly, "monthly");
        }

        @Override
        public String slug() {
            return size.slug();
        }

        @Override
        public Optional<Money> monthlyPrice() {
            return Optional.of(monthly);
        }
    }

    /** "price not found", with why: an unknown slug, a size listed without a price, an engine the catalog lacks. */
    record NotFound(String slug, int nodes, String reason) implements PriceLookup {
        public NotFound {
            Objects.requireNonNull(slug, "slug");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Optional<Money> monthlyPrice() {
            return Optional.empty();
        }
    }
}
