package dev.purser.core.analysis.dbadvice;

import java.util.Objects;

/**
 * A table read mostly by sequential scans of many rows: a query filtering it probably lacks an index.
 *
 * @param avgRowsPerScan {@code seq_tup_read / seq_scan}
 */
public record SeqScanTable(String schema, String table, long seqScans, long seqTuplesRead, long avgRowsPerScan,
                           long liveTuples, long indexScans, long totalBytes) {

    public SeqScanTable {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
    }
}
