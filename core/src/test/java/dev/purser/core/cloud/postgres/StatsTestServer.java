package dev.purser.core.cloud.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A target PostgreSQL for advisor tests, started once per test JVM with
 * {@code pg_stat_statements} preloaded (Purser's own {@code TestDatabase} server does not load
 * it). Each call to {@link #freshDatabase} gives an empty database of its own.
 */
public final class StatsTestServer {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres server;

    private StatsTestServer() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                        .setServerConfig("max_connections", "50")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start embedded PostgreSQL with pg_stat_statements", e);
            }
        }
        return server;
    }

    /** A new empty database (no extensions) on the server; {@code prefix} must be a plain identifier. */
    public static DataSource freshDatabase(String prefix) {
        String name = prefix + "_" + COUNTER.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return server().getDatabase("postgres", name);
    }
}
