package dev.purser.core.analysis.dbadvice;

import java.util.Objects;

/**
 * A statement from {@code pg_stat_statements}.
 *
 * @param query           whitespace collapsed, at most {@value DatabaseAdvisor#MAX_QUERY_LENGTH} characters
 * @param shareOfTotalTime this statement's execution time over all statements' of the database, 0..1
 */
public record TopQuery(long queryId, String query, long calls, double totalMillis, double meanMillis,
                       double shareOfTotalTime, long rows) {

    public TopQuery {
        Objects.requireNonNull(query, "query");
    }
}
