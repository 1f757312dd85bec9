package dev.purser.core.analysis.dbadvice;

import java.util.Objects;

/**
 * One row of {@code pg_stat_statements} for the target database: a normalised statement
 * (literals replaced by {@code $1}, {@code $2} …) and its cumulative execution figures since the
 * last reset.
 *
 * @param query the statement text as PostgreSQL stored it, or {@code <insufficient privilege>}
 */
public record StatementStat(long queryId, String query, long calls, double totalExecMillis,
                            double meanExecMillis, long rows, long sharedBlocksHit, long sharedBlocksRead) {

    public StatementStat {
        Objects.requireNonNull(query, "query");
        if (calls < 0) {
            throw new IllegalArgumentException("calls must not be negative: " + calls);
        }
    }
}
