package dev.purser.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purser's PostgreSQL: a HikariCP pool over either an external server or an embedded one, with
 * Flyway migrations applied on open.
 *
 * <p>Embedded: the data directory survives restarts. When another Purser process already runs
 * the embedded server on that directory (its {@code postmaster.pid} names a live server), this
 * process connects to it instead of failing on the lock, and leaves it running on close.
 */
public final class PurserDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PurserDatabase.class);

    private final HikariDataSource pool;
    private final EmbeddedPostgres embedded;
    private final String description;

    private PurserDatabase(HikariDataSource pool, EmbeddedPostgres embedded, String description) {
        this.pool = pool;
        this.embedded = embedded;
        this.description = description;
    }

    /**
     * Opens the database the settings name and migrates it.
     *
     * @throws PurserException DATABASE_UNAVAILABLE when it cannot be reached or started
     */
    public static PurserDatabase open(DatabaseSettings settings) {
        if (!settings.embedded()) {
            HikariDataSource pool = pool(settings.url(), settings.user(), settings.password());
            return migrated(pool, null, "PostgreSQL at " + redact(settings.url()));
        }
        Path dataDir = settings.embeddedDataDirectory();
        Integer runningPort = runningEmbeddedPort(dataDir);
        if (runningPort != null) {
            HikariDataSource pool = pool(embeddedUrl(runningPort), "postgres", null);
            if (reachable(pool)) {
                return migrated(pool, null, "embedded PostgreSQL at " + dataDir + " (shared, port " + runningPort + ")");
            }
            pool.close();
        }
        try {
            Files.createDirectories(dataDir.getParent());
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "50")
                    .start();
            HikariDataSource pool = pool(embeddedUrl(pg.getPort()), "postgres", null);
            return migrated(pool, pg, "embedded PostgreSQL at " + dataDir);
        } catch (PurserException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new PurserException(ErrorCode.DATABASE_UNAVAILABLE,
                    "could not start the embedded PostgreSQL in " + dataDir
                            + " (set PURSER_HOME to another directory, or PURSER_DATABASE_URL to use your own server)", e);
        }
    }

    /** Wraps an existing data source (tests); migrates it, and does not own it. */
    public static PurserDatabase forDataSource(DataSource dataSource) {
        migrate(dataSource);
        HikariConfig config = new HikariConfig();
        config.setDataSource(dataSource);
        config.setMaximumPoolSize(8);
        config.setPoolName("purser-test");
        return new PurserDatabase(new HikariDataSource(config), null, "test database");
    }

    public DataSource dataSource() {
        return pool;
    }

    /** Where the data lives, for start-up messages; never contains a password. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        pool.close();
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                log.warn("embedded PostgreSQL did not stop cleanly", e);
            }
        }
    }

    private static PurserDatabase migrated(HikariDataSource pool, EmbeddedPostgres pg, String description) {
        try {
            migrate(pool);
            return new PurserDatabase(pool, pg, description);
        } catch (RuntimeException e) {
            pool.close();
            if (pg != null) {
                try {
                    pg.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
    }

    static void migrate(DataSource dataSource) {
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new PurserException(ErrorCode.DATABASE_UNAVAILABLE,
                    "could not prepare Purser's database schema: " + firstLine(e.getMessage()), e);
        }
    }

    private static HikariDataSource pool(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        config.setPoolName("purser");
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    private static boolean reachable(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** The port in a live embedded server's postmaster.pid (line 4), or null. */
    private static Integer runningEmbeddedPort(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isReadable(pidFile)) {
            return null;
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 4) {
                return null;
            }
            long pid = Long.parseLong(lines.get(0).trim());
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return Integer.parseInt(lines.get(3).trim());
            }
            return null;
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    private static String embeddedUrl(int port) {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
