package dev.purser.core.store;

import dev.purser.core.config.DatabaseConfig;
import dev.purser.core.config.Secret;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where Purser keeps its state. With no {@code database.url} (or {@code PURSER_DATABASE_URL}), an
 * embedded PostgreSQL whose data lives under the home directory (default {@code ~/.purser}).
 *
 * @param url      JDBC URL of an external PostgreSQL, or null for the embedded one
 * @param password never logged; {@link #toString()} hides it
 */
public record DatabaseSettings(String url, String user, String password, Path home) {

    public DatabaseSettings {
        Objects.requireNonNull(home, "home");
    }

    /**
     * @param config   the {@code database} section
     * @param home     Purser's home, where the embedded database lives
     * @param password read by the composition root from the variable {@code password_env} names
     */
    public static DatabaseSettings of(DatabaseConfig config, Path home, Secret password) {
        return new DatabaseSettings(config.url(), config.user(), password.revealOrNull(), home);
    }

    public boolean embedded() {
        return url == null;
    }

    public Path embeddedDataDirectory() {
        return home.resolve("postgres");
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + (embedded() ? "embedded at " + embeddedDataDirectory() : url)
                + ", user=" + user + ", password=" + (password == null ? "unset" : "***") + "]";
    }
}
