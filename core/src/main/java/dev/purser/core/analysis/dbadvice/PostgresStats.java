package dev.purser.core.analysis.dbadvice;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One reading of a target database's statistics. What could not be read is in {@code gaps}, as
 * a sentence that says how to fix it; the rest is still usable.
 *
 * @param capturedAt    when the reading was taken (Purser's clock)
 * @param serverVersion {@code server_version_num}, e.g. {@code 170011}
 * @param statements    the top statements by total and by mean time; empty when
 *                      {@code pg_stat_statements} is unavailable (then a gap says why)
 * @param statementsAvailable whether {@code pg_stat_statements} could be read
 * @param statementsTotalMillis execution time of every statement of the database, listed or
 *                      not, so a statement's share of the whole can be computed
 * @param sessions      client backends of the whole server (connections count server-wide)
 * @param settings      the settings the advisor needs, by name
 */
public record PostgresStats(Instant capturedAt, int serverVersion, DatabaseStat database,
                            List<StatementStat> statements, boolean statementsAvailable, double statementsTotalMillis,
                            List<SessionStat> sessions, List<IndexStat> indexes, List<TableStat> tables,
                            Map<String, PgSetting> settings, List<String> gaps) {

    public PostgresStats {
        Objects.requireNonNull(capturedAt, "capturedAt");
        Objects.requireNonNull(database, "database");
        statements = List.copyOf(statements);
        sessions = List.copyOf(sessions);
        indexes = List.copyOf(indexes);
        tables = List.copyOf(tables);
        settings = Map.copyOf(settings);
        gaps = List.copyOf(gaps);
    }

    /** The named setting, if it was read. */
    public Optional<PgSetting> setting(String name) {
        return Optional.ofNullable(settings.get(name));
    }
}
