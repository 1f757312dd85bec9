package dev.purser.core.ingest;

import java.time.Instant;

/**
 * Where imports and cost pulls land FOCUS rows. The store implements it; the readers and cloud
 * clients never see a database.
 */
public interface CostSink {

    /**
     * Starts a batch whose identity is its billing accounts and periods, as found in its rows.
     *
     * @param source   the importer kind ({@code focus}, {@code cur}, ...); part of the identity
     * @param fileName for the import record and error messages
     * @throws dev.purser.core.error.PurserException DATABASE_UNAVAILABLE or DATABASE_ERROR
     */
    CostBatch begin(String source, String fileName, Instant importedAt);

    /**
     * As {@link #begin}, but the batch's identity is {@code range}: on commit it replaces what
     * earlier batches of {@code source} wrote for those accounts on those charge days, and
     * {@link CostBatch#add} refuses rows outside it.
     */
    CostBatch beginDays(String source, String fileName, Instant importedAt, DayRange range);
}
