package dev.purser.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purser's PostgreSQL: a HikariCP pool over either an external server or an embedded one, with
 * Flyway migrations applied on open.
 *
 * <p>Embedded: the data directory survives restarts. Processes sharing one {@code PURSER_HOME}
 * share one server: the first in starts it, the others join, the last out stops it, and a server
 * or {@code postmaster.pid} left by a killed process is found and reused or restarted (see
 * {@link EmbeddedServer}).
 */
public final class PurserDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PurserDatabase.class);

    private final HikariDataSource pool;
    private final EmbeddedServer.Lease embedded;
    private final String description;

    private PurserDatabase(HikariDataSource pool, EmbeddedServer.Lease embedded, String description) {
        this.pool = pool;
        this.embedded = embedded;
        this.description = description;
    }

    /**
     * Opens the database the settings name and migrates it; notices (such as waiting for another
     * process to start the embedded server) go to the log.
     *
     * @throws PurserException DATABASE_UNAVAILABLE when it cannot be reached or started
     */
    public static PurserDatabase open(DatabaseSettings settings) {
        return open(settings, log::info);
    }

    /**
     * Opens the database the settings name and migrates it.
     *
     * @param notices one line each time this process has to wait for another one (shown to users,
     *                so that a wait does not look like a hang)
     * @throws PurserException DATABASE_UNAVAILABLE when it cannot be reached, started or joined
     */
    public static PurserDatabase open(DatabaseSettings settings, Consumer<String> notices) {
        return open(settings, notices, EmbeddedServer.DEFAULT_WAIT);
    }

    static PurserDatabase open(DatabaseSettings settings, Consumer<String> notices, Duration wait) {
        if (!settings.embedded()) {
            HikariDataSource pool = pool(settings.url(), settings.user(), settings.password());
            return migrated(pool, null, "PostgreSQL at " + redact(settings.url()));
        }
        Path dataDir = settings.embeddedDataDirectory();
        EmbeddedServer.Lease lease = EmbeddedServer.acquire(dataDir, wait, notices);
        HikariDataSource pool = pool(embeddedUrl(lease.port()), "postgres", null);
        return migrated(pool, lease, "embedded PostgreSQL at " + dataDir
                + (lease.joined() ? " (shared, port " : " (port ") + lease.port() + ")");
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
            embedded.release();
        }
    }

    private static PurserDatabase migrated(HikariDataSource pool, EmbeddedServer.Lease lease, String description) {
        try {
            migrate(pool);
            return new PurserDatabase(pool, lease, description);
        } catch (RuntimeException e) {
            pool.close();
            if (lease != null) {
                lease.release();
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
