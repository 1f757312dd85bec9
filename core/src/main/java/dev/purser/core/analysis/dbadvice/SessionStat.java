package dev.purser.core.analysis.dbadvice;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One client backend from {@code pg_stat_activity}. The statement text is deliberately not
 * read: outside {@code pg_stat_statements} it carries literal values, which may be personal
 * data. {@code queryId} (PostgreSQL 14+) joins to the normalised text instead; before
 * PostgreSQL 18 it is empty for statements sent with the extended query protocol (most drivers'
 * prepared statements), a server limitation.
 *
 * @param state        {@code active}, {@code idle}, {@code idle in transaction}, … or empty if
 *                     the reading role may not see it
 * @param inState      how long the backend has been in {@code state}
 * @param transactionAge how long its current transaction has been open, if one is
 */
public record SessionStat(int pid, String database, String user, String application, String state,
                          Duration inState, Optional<Duration> transactionAge, OptionalLong queryId,
                          String waitEventType) {

    public SessionStat {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(inState, "inState");
        Objects.requireNonNull(transactionAge, "transactionAge");
        Objects.requireNonNull(queryId, "queryId");
        Objects.requireNonNull(waitEventType, "waitEventType");
    }

    /** Idle inside an open transaction, holding locks and snapshots. */
    public boolean idleInTransaction() {
        return state.startsWith("idle in transaction");
    }
}
