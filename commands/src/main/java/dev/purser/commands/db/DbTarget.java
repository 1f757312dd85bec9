package dev.purser.commands.db;

import java.util.Objects;

/**
 * A database {@code db} may be pointed at by name.
 *
 * @param name             what users type ({@code mandible-prod})
 * @param jdbcUrl          {@code jdbc:postgresql://host:port/database}, without credentials
 * @param userVariable     the environment variable holding the user name ({@code PGUSER} by default)
 * @param passwordVariable the environment variable holding the password ({@code PGPASSWORD} by default)
 */
public record DbTarget(String name, String jdbcUrl, String userVariable, String passwordVariable) {

    public static final String DEFAULT_USER_VARIABLE = "PGUSER";
    public static final String DEFAULT_PASSWORD_VARIABLE = "PGPASSWORD";

    public DbTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(userVariable, "userVariable");
        Objects.requireNonNull(passwordVariable, "passwordVariable");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw new IllegalArgumentException("database target name must be letters, digits, '.', '_' or '-': " + name);
        }
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("database target " + name + " needs a jdbc:postgresql: URL");
        }
        if (jdbcUrl.toLowerCase(java.util.Locale.ROOT).contains("password=")) {
            throw new IllegalArgumentException("database target " + name
                    + " has a password in its URL; put it in the environment variable " + passwordVariable);
        }
    }

    /** A target whose credentials are in {@code PGUSER} and {@code PGPASSWORD}. */
    public static DbTarget of(String name, String jdbcUrl) {
        return new DbTarget(name, jdbcUrl, DEFAULT_USER_VARIABLE, DEFAULT_PASSWORD_VARIABLE);
    }
}
