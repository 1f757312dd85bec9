package dev.purser.core.config;

import java.util.Locale;

/**
 * One PostgreSQL database {@code db} may analyse by name, over a read-only connection.
 *
 * @param url         {@code jdbc:postgresql://host:port/database}, without credentials
 * @param userEnv     the environment variable holding the user (default {@code PGUSER})
 * @param passwordEnv the environment variable holding the password (default {@code PGPASSWORD})
 */
public record DatabaseTargetConfig(String url, String userEnv, String passwordEnv) {

    public static final String DEFAULT_USER_ENV = "PGUSER";
    public static final String DEFAULT_PASSWORD_ENV = "PGPASSWORD";

    public DatabaseTargetConfig {
        url = Check.required("url", url);
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new SettingException("url", "must be jdbc:postgresql://host:port/database");
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.contains("password=") || lower.contains("user=") || url.substring(18).contains("@")) {
            throw new SettingException("url", "must not carry credentials; name their variables in user_env and password_env");
        }
        userEnv = Check.variable("user_env", userEnv, DEFAULT_USER_ENV);
        passwordEnv = Check.variable("password_env", passwordEnv, DEFAULT_PASSWORD_ENV);
    }

    /** A target whose credentials are in {@code PGUSER} and {@code PGPASSWORD}. */
    public static DatabaseTargetConfig of(String url) {
        return new DatabaseTargetConfig(url, null, null);
    }
}
