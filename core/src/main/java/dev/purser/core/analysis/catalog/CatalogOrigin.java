package dev.purser.core.analysis.catalog;

/** Where a catalog's prices came from, so every answer can say how fresh they are. */
public enum CatalogOrigin {
    /** A dated snapshot shipped inside Purser. */
    BUNDLED_SNAPSHOT,
    /** Read from the provider's API at the snapshot date. */
    LIVE
}
