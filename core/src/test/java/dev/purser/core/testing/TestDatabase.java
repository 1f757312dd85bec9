package dev.purser.core.testing;

import dev.purser.core.store.PurserDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Throw-away PostgreSQL for tests: one embedded server per test JVM (started on first use, in a
 * temporary directory, stopped at exit), and a fresh, migrated database per call to
 * {@link #fresh()} so test classes never see each other's rows.
 */
public final class TestDatabase {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestDatabase() {
    }

    /** A new empty database with Purser's schema; close it when done. */
    public static PurserDatabase fresh() {
        String name = createDatabase();
        return PurserDatabase.forDataSource(server().getDatabase("postgres", name));
    }

    /**
     * A new empty database, not yet migrated, for tests that configure Purser the way a user
     * would ({@code PURSER_DATABASE_URL}, user {@code postgres}, no password).
     */
    public static String freshJdbcUrl() {
        return server().getJdbcUrl("postgres", createDatabase());
    }

    private static String createDatabase() {
        EmbeddedPostgres pg = server();
        String name = "purser_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return name;
    }

    /** The embedded server itself, for tests that need a raw connection (for example pg_stat_statements). */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("max_connections", "200")
                        // as Purser's own embedded server runs (EmbeddedServer)
                        .setServerConfig("wal_level", "minimal")
                        .setServerConfig("max_wal_senders", "0")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start embedded PostgreSQL for tests", e);
            }
        }
        return server;
    }
}
