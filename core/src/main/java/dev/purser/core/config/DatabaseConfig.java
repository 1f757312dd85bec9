package dev.purser.core.config;

/**
 * Purser's own database. With no {@code url}, an embedded PostgreSQL under the home directory.
 *
 * @param url         JDBC URL of an external PostgreSQL ({@code jdbc:postgresql://...}), or null for the embedded one
 * @param user        its user, or null
 * @param passwordEnv the environment variable holding its password (default {@code PURSER_DATABASE_PASSWORD})
 */
public record DatabaseConfig(String url, String user, String passwordEnv) {

    public static final String DEFAULT_PASSWORD_ENV = "PURSER_DATABASE_PASSWORD";

    public DatabaseConfig {
        url = Check.blankToNull(url);
        if (url != null && !url.startsWith("jdbc:postgresql:")) {
            throw new SettingException("url", "must be a jdbc:postgresql: URL");
        }
        if (url != null && url.toLowerCase(java.util.Locale.ROOT).contains("password=")) {
            throw new SettingException("url", "must not carry a password; put it in the variable named by password_env");
        }
        user = Check.blankToNull(user);
        passwordEnv = Check.variable("password_env", passwordEnv, DEFAULT_PASSWORD_ENV);
    }

    public static DatabaseConfig defaults() {
        return new DatabaseConfig(null, null, null);
    }

    public boolean embedded() {
        return url == null;
    }

    public DatabaseConfig withUrl(String newUrl) {
        return new DatabaseConfig(newUrl, user, passwordEnv);
    }

    public DatabaseConfig withUser(String newUser) {
        return new DatabaseConfig(url, newUser, passwordEnv);
    }
}
