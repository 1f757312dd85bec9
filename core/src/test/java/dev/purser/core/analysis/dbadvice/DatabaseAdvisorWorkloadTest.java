package dev.purser.core.analysis.dbadvice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.cloud.postgres.PostgresStatsSource;
import dev.purser.core.cloud.postgres.StatsTestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The advisor against a real PostgreSQL 17 with {@code pg_stat_statements}, after a real
 * workload: one unindexed filter over 200,000 rows run 50 times (clearly the heaviest), light
 * primary-key and indexed lookups, an index nobody uses, a duplicated index, and a session left
 * idle in a transaction.
 */
class DatabaseAdvisorWorkloadTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-01T09:00:00Z"), ZoneOffset.UTC);

    private static DataSource shop;
    private static Connection idleInTransaction;
    private static int idlePid;
    private static DatabaseAdvice advice;

    @BeforeAll
    static void runWorkload() throws SQLException {
        shop = StatsTestServer.freshDatabase("advisor_shop");
        String shopName;
        try (Connection c = shop.getConnection(); Statement s = c.createStatement()) {
            shopName = c.getCatalog();
            s.execute("CREATE EXTENSION pg_stat_statements");
            s.execute("CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL)");
            s.execute("INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 1000) g");
            s.execute("CREATE TABLE events (id bigint PRIMARY KEY, customer_id int NOT NULL, kind text NOT NULL,"
                    + " note text NOT NULL, created_at timestamptz NOT NULL)");
            s.execute("INSERT INTO events SELECT g, g % 1000 + 1, 'kind-' || (g % 50), 'note ' || g,"
                    + " timestamptz '2026-01-01' + g * interval '1 second' FROM generate_series(1, 200000) g");
            s.execute("CREATE INDEX events_customer_idx ON events (customer_id)");
            s.execute("CREATE INDEX events_customer_copy_idx ON events (customer_id)");
            s.execute("CREATE INDEX events_note_idx ON events (note)");
            s.execute("ANALYZE");
            // Only the workload below should count, not the set-up.
            s.execute("SELECT pg_stat_statements_reset()");
            s.execute("SELECT pg_stat_force_next_flush()");
        }

        try (Connection c = shop.getConnection()) {
            try (Statement s = c.createStatement()) {
                // Parallel workers report their scans when they exit, after the query returns;
                // without them every scan is counted by this backend and flushed below.
                s.execute("SET max_parallel_workers_per_gather = 0");
            }
            try (PreparedStatement heavy = c.prepareStatement("SELECT count(*) FROM events WHERE kind = ?")) {
                for (int i = 0; i < 50; i++) {
                    heavy.setString(1, "kind-" + i);
                    consume(heavy);
                }
            }
            try (PreparedStatement byId = c.prepareStatement("SELECT name FROM customers WHERE id = ?")) {
                for (int i = 1; i <= 200; i++) {
                    byId.setInt(1, i);
                    consume(byId);
                }
            }
            try (PreparedStatement byCustomer = c.prepareStatement("SELECT count(*) FROM events WHERE customer_id = ?")) {
                for (int i = 1; i <= 100; i++) {
                    byCustomer.setInt(1, i);
                    consume(byCustomer);
                }
            }
            try (Statement s = c.createStatement()) {
                // Table statistics reach shared memory when the backend next goes idle.
                s.execute("SELECT pg_stat_force_next_flush()");
            }
        }

        // Simple query protocol: before PostgreSQL 18, pg_stat_activity shows no query_id for
        // statements sent with the extended protocol, and this test wants the id joined to its text.
        idleInTransaction = StatsTestServer.server()
                .getDatabase("postgres", shopName, java.util.Map.of("preferQueryMode", "simple")).getConnection();
        idleInTransaction.setAutoCommit(false);
        try (Statement s = idleInTransaction.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            idlePid = rs.getInt(1);
        }

        PostgresStats stats = new PostgresStatsSource(shop, PostgresStatsSource.Options.defaults(), CLOCK).collect();
        DatabaseAdvisor advisor = new DatabaseAdvisor(AdvisorThresholds.defaults().withIdleInTransactionAfter(Duration.ZERO));
        advice = advisor.advise(stats, AdviceRequest.none()
                .withProposedSize(new TargetSize(4L << 30, 2, 100)));
    }

    @AfterAll
    static void closeIdleSession() throws SQLException {
        if (idleInTransaction != null) {
            idleInTransaction.rollback();
            idleInTransaction.close();
        }
    }

    private static void consume(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rs.getObject(1);
            }
        }
    }

    @Test
    void advise_heaviestQueryIsNamedFirst() {
        TopQuery first = advice.topByTotalTime().get(0);

        assertThat(first.query()).isEqualTo("SELECT count(*) FROM events WHERE kind = $1");
        assertThat(first.calls()).isEqualTo(50);
        assertThat(first.shareOfTotalTime()).isGreaterThan(0.5);
        assertThat(advice.findings()).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo("TOP_QUERY");
            assertThat(f.message()).contains("FROM events WHERE kind").contains("50 calls");
        });
    }

    @Test
    void advise_unusedIndexIsFoundWithItsSize() {
        assertThat(advice.unusedIndexes()).anySatisfy(u -> {
            assertThat(u.index()).isEqualTo("events_note_idx");
            assertThat(u.table()).isEqualTo("events");
            assertThat(u.sizeBytes()).isGreaterThan(1L << 20);
            assertThat(u.definition()).contains("(note)");
        });
        assertThat(advice.unusedIndexes()).extracting(UnusedIndex::index)
                .doesNotContain("events_pkey", "customers_pkey");
    }

    @Test
    void advise_duplicateIndexIsFoundWithTheBytesItWastes() {
        assertThat(advice.duplicateIndexes()).singleElement().satisfies(g -> {
            assertThat(g.table()).isEqualTo("events");
            assertThat(g.keys()).isEqualTo("customer_id");
            assertThat(g.redundant()).hasSize(1);
            assertThat(java.util.List.of(g.keep(), g.redundant().get(0)))
                    .containsExactlyInAnyOrder("events_customer_idx", "events_customer_copy_idx");
            assertThat(g.redundantBytes()).isPositive();
        });
    }

    @Test
    void advise_seqScannedTableIsAMissingIndexCandidate() {
        assertThat(advice.missingIndexCandidates()).singleElement().satisfies(t -> {
            assertThat(t.table()).isEqualTo("events");
            assertThat(t.seqScans()).isGreaterThanOrEqualTo(50);
            assertThat(t.avgRowsPerScan()).isGreaterThanOrEqualTo(100_000);
            // n_live_tup is the statistics collector's estimate, not a count: autovacuum's
            // sampling can move it on a busy machine, so only its order of magnitude is pinned.
            assertThat(t.liveTuples()).isGreaterThanOrEqualTo(200_000L);
        });
    }

    @Test
    void advise_idleInTransactionSessionIsReported() {
        assertThat(advice.idleInTransaction()).anySatisfy(t -> {
            assertThat(t.pid()).isEqualTo(idlePid);
            assertThat(t.database()).startsWith("advisor_shop_");
            assertThat(t.lastQuery()).hasValue("SELECT pg_backend_pid()");
        });
        assertThat(advice.findings()).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo("IDLE_IN_TRANSACTION");
            assertThat(f.subject()).isEqualTo("pid " + idlePid);
        });
        assertThat(advice.connections().idleInTransaction()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void advise_cacheHitAndConfigurationComeFromTheServer() {
        assertThat(advice.cacheHit().ratio()).isPresent();
        assertThat(advice.connections().maxConnections()).isEqualTo(50);
        assertThat(advice.configuration()).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("shared_buffers");
            assertThat(s.current()).isEqualTo("128MB");
            assertThat(s.proposed()).isEqualTo("1GB");
            assertThat(s.changes()).isTrue();
        });
    }
}
