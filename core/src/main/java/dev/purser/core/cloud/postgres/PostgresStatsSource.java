package dev.purser.core.cloud.postgres;

import dev.purser.core.analysis.dbadvice.DatabaseStat;
import dev.purser.core.analysis.dbadvice.IndexStat;
import dev.purser.core.analysis.dbadvice.PgSetting;
import dev.purser.core.analysis.dbadvice.PostgresStats;
import dev.purser.core.analysis.dbadvice.SessionStat;
import dev.purser.core.analysis.dbadvice.StatementStat;
import dev.purser.core.analysis.dbadvice.TableStat;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Reads a target database's statistics for the database advisor.
 *
 * <p>Safety: the target is someone's production database, so the connection is made unable to
 * change anything three ways: JDBC {@code readOnly} (pgjdbc then opens every transaction with
 * {@code BEGIN READ ONLY}), {@code default_transaction_read_only = on} for the session (covers
 * any autocommit statement), and only {@code SELECT}s are ever sent, all as prepared statements
 * with constant text. A {@code statement_timeout} bounds each statement, so a busy server is
 * asked little and never for long.
 *
 * <p>Consistency: everything except {@code pg_stat_statements} is read in one transaction, so
 * the cumulative statistics views answer from one snapshot ({@code stats_fetch_consistency =
 * cache}, the default) and ratios computed across them agree.
 *
 * <p>Gaps: a missing or unloaded {@code pg_stat_statements}, or a role that may not see other
 * roles' statements, is reported in {@link PostgresStats#gaps()} with the fix, not thrown.
 */
public final class PostgresStatsSource {

    /**
     * @param statementTimeout limit for each statement sent to the target
     * @param topStatements    how many statements to keep by total time, and again by mean time
     */
    public record Options(Duration statementTimeout, int topStatements) {
        public Options {
            Objects.requireNonNull(statementTimeout, "statementTimeout");
            if (statementTimeout.toMillis() < 1) {
                throw new IllegalArgumentException("statementTimeout must be at least 1 ms: " + statementTimeout);
            }
            if (topStatements < 1 || topStatements > 1_000) {
                throw new IllegalArgumentException("topStatements must be 1..1000: " + topStatements);
            }
        }

        /** 10 s per statement, 50 top statements. */
        public static Options defaults() {
            return new Options(Duration.ofSeconds(10), 50);
        }
    }

    /** The gap reported when the extension is absent; advisors and tests match on its start. */
    public static final String STATEMENTS_NOT_INSTALLED =
            "pg_stat_statements is not installed: add it to shared_preload_libraries and CREATE EXTENSION pg_stat_statements";

    /** Settings the advisor compares with its proposals. Values, not identifiers: bound as a parameter. */
    static final List<String> SETTINGS = List.of(
            "max_connections", "superuser_reserved_connections", "shared_buffers", "effective_cache_size",
            "work_mem", "maintenance_work_mem", "max_worker_processes", "max_parallel_workers",
            "max_parallel_workers_per_gather", "idle_in_transaction_session_timeout", "shared_preload_libraries");

    private static final String SQL_SESSION = "SELECT set_config('default_transaction_read_only', 'on', false),"
            + " set_config('statement_timeout', ?, false), set_config('application_name', 'purser-advisor', false)";
    private static final String SQL_VERSION = "SELECT current_setting('server_version_num')::int";
    private static final String SQL_EXTENSION = "SELECT extversion FROM pg_extension WHERE extname = 'pg_stat_statements'";
    // Two texts because the timing columns were renamed in pg_stat_statements 1.8 (PostgreSQL 13).
    private static final String SQL_STATEMENTS = statementsSql("total_exec_time", "mean_exec_time");
    private static final String SQL_STATEMENTS_BEFORE_1_8 = statementsSql("total_time", "mean_time");
    private static final String SQL_DATABASE = "SELECT d.datname, d.numbackends, d.xact_commit, d.xact_rollback,"
            + " d.blks_read, d.blks_hit, d.temp_files, d.temp_bytes, d.deadlocks, pg_database_size(d.datid), d.stats_reset"
            + " FROM pg_stat_database d WHERE d.datname = current_database()";
    private static final String SQL_SESSIONS = sessionsSql("a.query_id");
    private static final String SQL_SESSIONS_BEFORE_14 = sessionsSql("NULL::bigint");
    private static final String SQL_INDEXES = "SELECT s.schemaname, s.relname, s.indexrelname, s.idx_scan,"
            + " i.indisunique, i.indisprimary, i.indisvalid,"
            + " EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid"
            + "   AND c.contype IN ('p', 'u', 'x')),"
            + " pg_relation_size(s.indexrelid), am.amname,"
            + " array_to_string(ARRAY(SELECT CASE WHEN k > i.indnkeyatts THEN 'INCLUDE ' ELSE '' END"
            + "   || pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnatts) AS k ORDER BY k), ', '),"
            + " i.indclass::text || ' ' || i.indcollation::text || ' ' || i.indoption::text,"
            + " coalesce(pg_get_expr(i.indpred, i.indrelid, true), ''), pg_get_indexdef(i.indexrelid)"
            + " FROM pg_stat_user_indexes s JOIN pg_index i ON i.indexrelid = s.indexrelid"
            + " JOIN pg_class ic ON ic.oid = s.indexrelid JOIN pg_am am ON am.oid = ic.relam"
            + " ORDER BY s.schemaname, s.relname, s.indexrelname";
    private static final String SQL_TABLES = "SELECT t.schemaname, t.relname, t.seq_scan, t.seq_tup_read,"
            + " coalesce(t.idx_scan, 0), t.n_live_tup, t.n_dead_tup, pg_total_relation_size(t.relid)"
            + " FROM pg_stat_user_tables t ORDER BY t.seq_tup_read DESC, t.schemaname, t.relname";
    private static final String SQL_SETTINGS = "SELECT name, setting, coalesce(unit, ''), source, pending_restart"
            + " FROM pg_settings WHERE name = ANY (?)";

    private final DataSource target;
    private final Options options;
    private final Clock clock;

    /**
     * @param target the database to read; its credentials need only {@code pg_monitor} (or
     *               {@code pg_read_all_stats}) to see every session and statement
     */
    public PostgresStatsSource(DataSource target, Options options, Clock clock) {
        this.target = Objects.requireNonNull(target, "target");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A source for a JDBC URL. The password comes from the caller (read from the environment);
     * it is held by the driver's data source only and never logged.
     */
    public static PostgresStatsSource forJdbcUrl(String jdbcUrl, String user, String password, Options options,
                                                 Clock clock) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw PurserException.badArgument("target database URL must start with jdbc:postgresql: "
                    + jdbcUrl.replaceAll("password=[^&]*", "password=…"));
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        if (user != null) {
            ds.setUser(user);
        }
        if (password != null) {
            ds.setPassword(password);
        }
        ds.setReadOnly(true);
        ds.setApplicationName("purser-advisor");
        ds.setConnectTimeout((int) Math.max(1, options.statementTimeout().toSeconds()));
        return new PostgresStatsSource(ds, options, clock);
    }

    /**
     * Reads every statistic once.
     *
     * @throws PurserException {@code DATABASE_UNAVAILABLE} if the target cannot be reached,
     *                         {@code DATABASE_ERROR} if a required view cannot be read
     */
    public PostgresStats collect() {
        Instant capturedAt = clock.instant();
        try (Connection c = openReadOnly()) {
            List<String> gaps = new ArrayList<>();
            int version = single(c, SQL_VERSION, "the server version");
            StatementsReading statements = readStatements(c, gaps);
            c.commit();
            try {
                DatabaseStat database = readDatabase(c);
                List<SessionStat> sessions = readSessions(c, version);
                List<IndexStat> indexes = readIndexes(c);
                List<TableStat> tables = readTables(c);
                Map<String, PgSetting> settings = readSettings(c);
                c.commit();
                return new PostgresStats(capturedAt, version, database, statements.rows(), statements.available(),
                        statements.totalMillis(), sessions, indexes, tables, settings, gaps);
            } catch (PurserException | SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("the target database's statistics", e);
        }
    }

    /**
     * A connection configured as described in the class comment; callers close it. Package-private
     * so tests can prove a write through it fails.
     */
    Connection openReadOnly() throws SQLException {
        Connection c;
        try {
            c = target.getConnection();
        } catch (SQLException e) {
            throw new PurserException(ErrorCode.DATABASE_UNAVAILABLE, "could not connect to the target database ("
                    + sqlState(e) + "): " + firstLine(e.getMessage()), e);
        }
        try {
            c.setReadOnly(true);
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(SQL_SESSION)) {
                ps.setString(1, options.statementTimeout().toMillis() + "ms");
                ps.executeQuery().close();
            }
            // Commit so the session settings outlive this transaction.
            c.commit();
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    private record StatementsReading(boolean available, List<StatementStat> rows, double totalMillis) {
    }

    private StatementsReading readStatements(Connection c, List<String> gaps) throws SQLException {
        Optional<String> extVersion;
        try (PreparedStatement ps = c.prepareStatement(SQL_EXTENSION); ResultSet rs = ps.executeQuery()) {
            extVersion = rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
        if (extVersion.isEmpty()) {
            gaps.add(STATEMENTS_NOT_INSTALLED + " (top queries are missing from this report)");
            return new StatementsReading(false, List.of(), 0);
        }
        String sql = atLeast(extVersion.get(), 1, 8) ? SQL_STATEMENTS : SQL_STATEMENTS_BEFORE_1_8;
        List<StatementStat> rows = new ArrayList<>();
        double totalMillis = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, options.topStatements());
            ps.setInt(2, options.topStatements());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new StatementStat(rs.getLong(1), nonNull(rs.getString(2)), rs.getLong(3),
                            rs.getDouble(4), rs.getDouble(5), rs.getLong(6), rs.getLong(7), rs.getLong(8)));
                    totalMillis = rs.getDouble(9);
                }
            }
        } catch (SQLException e) {
            c.rollback();
            if ("55000".equals(e.getSQLState())) {
                gaps.add("pg_stat_statements is installed but not loaded: add it to shared_preload_libraries"
                        + " and restart PostgreSQL (top queries are missing from this report)");
            } else {
                gaps.add("could not read pg_stat_statements (" + sqlState(e) + ": " + firstLine(e.getMessage())
                        + "); top queries are missing from this report");
            }
            return new StatementsReading(false, List.of(), 0);
        }
        long hidden = rows.stream().filter(s -> s.query().equals("<insufficient privilege>")).count();
        if (hidden > 0) {
            gaps.add(hidden + " statements' text is hidden from the reading role: grant it pg_read_all_stats (or pg_monitor)");
        }
        return new StatementsReading(true, rows, totalMillis);
    }

    private DatabaseStat readDatabase(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SQL_DATABASE); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new PurserException(ErrorCode.DATABASE_ERROR, "pg_stat_database has no row for the target database");
            }
            Timestamp reset = rs.getTimestamp(11);
            return new DatabaseStat(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                    rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10),
                    Optional.ofNullable(reset).map(Timestamp::toInstant));
        }
    }

    private List<SessionStat> readSessions(Connection c, int version) throws SQLException {
        List<SessionStat> sessions = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(version >= 140_000 ? SQL_SESSIONS : SQL_SESSIONS_BEFORE_14);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                double inState = rs.getDouble(6);
                double xactAge = rs.getDouble(7);
                Optional<Duration> age = rs.wasNull() ? Optional.empty() : Optional.of(seconds(xactAge));
                long queryId = rs.getLong(8);
                OptionalLong qid = rs.wasNull() || queryId == 0 ? OptionalLong.empty() : OptionalLong.of(queryId);
                sessions.add(new SessionStat(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), seconds(inState), age, qid, rs.getString(9)));
            }
        }
        return sessions;
    }

    private List<IndexStat> readIndexes(Connection c) throws SQLException {
        List<IndexStat> indexes = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SQL_INDEXES); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                indexes.add(new IndexStat(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getBoolean(5), rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8), rs.getLong(9),
                        rs.getString(10), nonNull(rs.getString(11)), nonNull(rs.getString(12)), rs.getString(13),
                        nonNull(rs.getString(14))));
            }
        }
        return indexes;
    }

    private List<TableStat> readTables(Connection c) throws SQLException {
        List<TableStat> tables = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SQL_TABLES); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                tables.add(new TableStat(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8)));
            }
        }
        return tables;
    }

    private Map<String, PgSetting> readSettings(Connection c) throws SQLException {
        Map<String, PgSetting> settings = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(SQL_SETTINGS)) {
            Array names = c.createArrayOf("text", SETTINGS.toArray());
            ps.setArray(1, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    PgSetting s = new PgSetting(rs.getString(1), nonNull(rs.getString(2)), rs.getString(3),
                            nonNull(rs.getString(4)), rs.getBoolean(5));
                    settings.put(s.name(), s);
                }
            } finally {
                names.free();
            }
        }
        return settings;
    }

    private static int single(Connection c, String sql, String what) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new PurserException(ErrorCode.DATABASE_ERROR, "the target database did not report " + what);
            }
            return rs.getInt(1);
        }
    }

    private static String statementsSql(String totalColumn, String meanColumn) {
        return "SELECT queryid, query, calls, total, mean, rows, shared_blks_hit, shared_blks_read, all_total FROM ("
                + " SELECT s.queryid, s.query, s.calls, s." + totalColumn + " AS total, s." + meanColumn + " AS mean,"
                + " s.rows, s.shared_blks_hit, s.shared_blks_read,"
                + " sum(s." + totalColumn + ") OVER () AS all_total,"
                + " row_number() OVER (ORDER BY s." + totalColumn + " DESC) AS by_total,"
                + " row_number() OVER (ORDER BY s." + meanColumn + " DESC) AS by_mean"
                + " FROM pg_stat_statements s"
                + " WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
                + ") ranked WHERE by_total <= ? OR by_mean <= ? ORDER BY total DESC";
    }

    private static String sessionsSql(String queryIdColumn) {
        return "SELECT a.pid, coalesce(a.datname, ''), coalesce(a.usename, ''), coalesce(a.application_name, ''),"
                + " coalesce(a.state, ''),"
                + " coalesce(extract(epoch FROM clock_timestamp() - coalesce(a.state_change, a.backend_start))::float8, 0),"
                + " extract(epoch FROM clock_timestamp() - a.xact_start)::float8, " + queryIdColumn + ","
                + " coalesce(a.wait_event_type, '')"
                + " FROM pg_stat_activity a WHERE a.backend_type = 'client backend' AND a.pid <> pg_backend_pid()"
                + " ORDER BY a.pid";
    }

    private static boolean atLeast(String version, int major, int minor) {
        String[] parts = version.split("\\.");
        try {
            int ma = Integer.parseInt(parts[0]);
            int mi = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return ma > major || (ma == major && mi >= minor);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.max(0L, Math.round(s * 1000)));
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static PurserException failure(String what, SQLException e) {
        boolean connection = e.getSQLState() != null && e.getSQLState().startsWith("08");
        return new PurserException(connection ? ErrorCode.DATABASE_UNAVAILABLE : ErrorCode.DATABASE_ERROR,
                "could not read " + what + " (" + sqlState(e) + "): " + firstLine(e.getMessage()), e);
    }

    private static String sqlState(SQLException e) {
        return "SQLSTATE " + (e.getSQLState() == null ? "unknown" : e.getSQLState());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
