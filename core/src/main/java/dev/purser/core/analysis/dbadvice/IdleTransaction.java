package dev.purser.core.analysis.dbadvice;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A session sitting idle inside an open transaction: it holds its locks and keeps vacuum from
 * removing dead rows until it ends.
 *
 * @param lastQuery the normalised text of its last statement, when {@code pg_stat_statements} knows the query id
 */
public record IdleTransaction(int pid, String database, String user, String application, Duration idleFor,
                              Optional<Duration> transactionAge, OptionalLong queryId, Optional<String> lastQuery) {

    public IdleTransaction {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(idleFor, "idleFor");
        Objects.requireNonNull(transactionAge, "transactionAge");
        Objects.requireNonNull(queryId, "queryId");
        Objects.requireNonNull(lastQuery, "lastQuery");
    }
}
