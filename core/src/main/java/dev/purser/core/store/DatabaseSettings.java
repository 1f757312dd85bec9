package dev.purser.core.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where Purser keeps its state. With no {@code PURSER_DATABASE_URL}, an embedded PostgreSQL
 * whose data lives under {@code PURSER_HOME} (default {@code ~/.purser}).
 *
 * @param url      JDBC URL of an external PostgreSQL, or null for the embedded one
 * @param password never logged; {@link #toString()} hides it
 */
public record DatabaseSettings(String url, String user, String password, Path home) {

    public DatabaseSettings {
        Objects.requireNonNull(home, "home");
    }

    /** Reads {@code PURSER_DATABASE_URL}, {@code _USER}, {@code _PASSWORD} and {@code PURSER_HOME}. */
    public static DatabaseSettings fromEnvironment(Map<String, String> env) {
        String home = env.get("PURSER_HOME");
        Path homePath = home == null || home.isBlank()
                ? Path.of(System.getProperty("user.home"), ".purser")
                : Path.of(home);
        String url = env.get("PURSER_DATABASE_URL");
        return new DatabaseSettings(url == null || url.isBlank() ? null : url,
                env.get("PURSER_DATABASE_USER"), env.get("PURSER_DATABASE_PASSWORD"), homePath);
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
