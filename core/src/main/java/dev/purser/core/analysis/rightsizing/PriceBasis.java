package dev.purser.core.analysis.rightsizing;

/** What a recommendation's money figures rest on. */
public enum PriceBasis {
    /** Catalog list prices (see the recommendation's price note for the catalog and its date). */
    LIST_PRICE,
    /** The effective cost from the bill (after discounts and credits). */
    EFFECTIVE_COST,
    /** No price was found: no saving is claimed. */
    NOT_FOUND
}
