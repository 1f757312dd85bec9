package dev.purser.core.analysis.dbadvice;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code pg_stat_database} for the target database, cumulative since {@code statsReset}.
 *
 * @param sizeBytes {@code pg_database_size}
 */
public record DatabaseStat(String name, int backends, long commits, long rollbacks, long blocksRead,
                           long blocksHit, long tempFiles, long tempBytes, long deadlocks, long sizeBytes,
                           Optional<Instant> statsReset) {

    public DatabaseStat {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(statsReset, "statsReset");
    }
}
