package dev.purser.core.analysis.dbadvice;

import java.util.Objects;

/**
 * One user table from {@code pg_stat_user_tables}.
 *
 * @param seqTuplesRead rows read by sequential scans, in total
 * @param indexScans    {@code idx_scan}, 0 for a table without indexes
 * @param totalBytes    {@code pg_total_relation_size}: heap, indexes and TOAST
 */
public record TableStat(String schema, String table, long seqScans, long seqTuplesRead, long indexScans,
                        long liveTuples, long deadTuples, long totalBytes) {

    public TableStat {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
    }
}
