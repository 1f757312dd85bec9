package dev.purser.core.cloud.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.purser.core.analysis.dbadvice.PgSetting;
import dev.purser.core.analysis.dbadvice.PostgresStats;
import dev.purser.core.analysis.dbadvice.StatementStat;
import dev.purser.core.analysis.dbadvice.TableStat;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresStatsSourceTest {

    private static final Instant NOW = Instant.parse("2026-02-01T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static DataSource withExtension;
    private static DataSource withoutExtension;

    @BeforeAll
    static void databases() throws SQLException {
        withExtension = StatsTestServer.freshDatabase("source_ext");
        try (Connection c = withExtension.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION pg_stat_statements");
            s.execute("CREATE TABLE accounts (id int PRIMARY KEY, email text NOT NULL)");
            s.execute("INSERT INTO accounts SELECT g, 'user' || g || '@example.org' FROM generate_series(1, 100) g");
        }
        withoutExtension = StatsTestServer.freshDatabase("source_noext");
        try (Connection c = withoutExtension.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE accounts (id int PRIMARY KEY, email text NOT NULL)");
        }
    }

    private static PostgresStatsSource source(DataSource ds) {
        return new PostgresStatsSource(ds, PostgresStatsSource.Options.defaults(), CLOCK);
    }

    @Test
    void openReadOnly_insert_isRefusedByTheServer() throws SQLException {
        try (Connection c = source(withExtension).openReadOnly();
             PreparedStatement insert = c.prepareStatement("INSERT INTO accounts VALUES (1000, 'x@example.org')")) {

            assertThatThrownBy(insert::executeUpdate)
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25006"));
        }
    }

    @Test
    void openReadOnly_autocommitSwitchedBackOn_stillRefusesWrites() throws SQLException {
        try (Connection c = source(withExtension).openReadOnly()) {
            c.setAutoCommit(true);
            c.setReadOnly(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO accounts VALUES (1001, 'y@example.org')")) {

                assertThatThrownBy(insert::executeUpdate)
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25006"));
            }
        }
    }

    @Test
    void openReadOnly_statementTimeout_isSetForTheSession() throws SQLException {
        PostgresStatsSource source = new PostgresStatsSource(withExtension,
                new PostgresStatsSource.Options(Duration.ofMillis(1500), 5), CLOCK);
        try (Connection c = source.openReadOnly();
             PreparedStatement ps = c.prepareStatement("SELECT current_setting('statement_timeout')");
             var rs = ps.executeQuery()) {
            rs.next();

            assertThat(rs.getString(1)).isEqualTo("1500ms");
        }
    }

    @Test
    void collect_withExtension_readsStatementsTablesIndexesAndSettings() {
        PostgresStats stats = source(withExtension).collect();

        assertThat(stats.capturedAt()).isEqualTo(NOW);
        assertThat(stats.serverVersion()).isGreaterThanOrEqualTo(140_000);
        assertThat(stats.statementsAvailable()).isTrue();
        assertThat(stats.statements()).extracting(StatementStat::query)
                .anySatisfy(q -> assertThat(q).contains("INSERT INTO accounts"));
        assertThat(stats.tables()).extracting(TableStat::table).contains("accounts");
        assertThat(stats.indexes()).singleElement().satisfies(i -> {
            assertThat(i.index()).isEqualTo("accounts_pkey");
            assertThat(i.primary()).isTrue();
            assertThat(i.backsConstraint()).isTrue();
            assertThat(i.keys()).isEqualTo("id");
            assertThat(i.sizeBytes()).isPositive();
        });
        assertThat(stats.setting("max_connections")).get().extracting(PgSetting::setting).isEqualTo("50");
        assertThat(stats.setting("shared_buffers").orElseThrow().bytes()).isPresent();
        assertThat(stats.database().name()).startsWith("source_ext_");
        assertThat(stats.gaps()).isEmpty();
    }

    @Test
    void collect_extensionMissing_isAGapNotAnError() {
        PostgresStats stats = source(withoutExtension).collect();

        assertThat(stats.statementsAvailable()).isFalse();
        assertThat(stats.statements()).isEmpty();
        assertThat(stats.gaps()).singleElement().asString().startsWith(PostgresStatsSource.STATEMENTS_NOT_INSTALLED);
        assertThat(stats.tables()).extracting(TableStat::table).containsExactly("accounts");
    }

    @Test
    void collect_extensionCreatedButNotPreloaded_isAGapSayingToRestart() throws SQLException {
        String url = TestDatabase.freshJdbcUrl();
        try (Connection c = java.sql.DriverManager.getConnection(url, "postgres", null); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION pg_stat_statements");
        }

        PostgresStats stats = PostgresStatsSource.forJdbcUrl(url, "postgres", null,
                PostgresStatsSource.Options.defaults(), CLOCK).collect();

        assertThat(stats.statementsAvailable()).isFalse();
        assertThat(stats.gaps()).singleElement().asString()
                .contains("not loaded").contains("shared_preload_libraries");
        assertThat(stats.settings()).containsKey("work_mem");
    }

    @Test
    void collect_unreachableServer_isDatabaseUnavailable() {
        PostgresStatsSource source = PostgresStatsSource.forJdbcUrl("jdbc:postgresql://127.0.0.1:1/nowhere",
                "postgres", "not-shown", PostgresStatsSource.Options.defaults(), CLOCK);

        PurserException e = catchThrowableOfType(PurserException.class, source::collect);

        assertThat(e.code()).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE);
        assertThat(e.getMessage()).doesNotContain("not-shown");
    }

    @Test
    void forJdbcUrl_notPostgres_isUserError() {
        PurserException e = catchThrowableOfType(PurserException.class, () -> PostgresStatsSource.forJdbcUrl(
                "jdbc:mysql://db/x?password=hunter2", "u", "p", PostgresStatsSource.Options.defaults(), CLOCK));

        assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(e.getMessage()).doesNotContain("hunter2");
    }

    @Test
    void pgSetting_bytes_convertsPostgresUnits() {
        assertThat(new PgSetting("shared_buffers", "16384", "8kB", "default", false).bytes()).hasValue(128L << 20);
        assertThat(new PgSetting("work_mem", "4096", "kB", "default", false).bytes()).hasValue(4L << 20);
        assertThat(new PgSetting("max_connections", "100", "", "default", false).bytes()).isEmpty();
    }
}
