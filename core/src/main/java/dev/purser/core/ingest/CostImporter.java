package dev.purser.core.ingest;

import java.nio.file.Path;

/**
 * Loads one cost file into the store. Each file is one transaction: it lands whole or not at
 * all. Its identity is what it covers (source kind, billing accounts, billing periods): landing
 * it replaces whatever an earlier import of the same identity wrote, so totals never double.
 */
public interface CostImporter {

    /** The source kind this importer reads, as typed after {@code import}: {@code focus}. */
    String kind();

    /**
     * @throws dev.purser.core.error.PurserException MALFORMED_FILE with
     *         {@code file:line: column: reason}, FILE_NOT_FOUND, or DATABASE_* ; nothing lands
     */
    ImportResult importFile(Path file, ImportOptions options);
}
