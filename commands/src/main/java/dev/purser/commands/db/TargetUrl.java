package dev.purser.commands.db;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A PostgreSQL URL typed by a user, checked before anything connects.
 *
 * <p>Security: a URL from chat must not turn Purser into a network probe or a way to run code.
 * Every host must be on the configured allow list (so no scanning of internal addresses); the URL
 * may carry no credentials (they come from the environment, and a password typed into chat would
 * be logged by the chat platform anyway); and only a few harmless driver parameters are accepted,
 * because pgjdbc parameters such as {@code socketFactory} or {@code sslfactory} load classes named
 * in the URL. Messages never repeat the URL's query string or user part.
 *
 * @param display {@code host:port/database}, safe to show
 */
record TargetUrl(String jdbcUrl, List<String> hosts, String display) {

    /** Driver parameters a typed URL may set. */
    static final Set<String> ALLOWED_PARAMETERS = Set.of("sslmode", "ssl", "targetservertype", "connecttimeout",
            "applicationname");

    static boolean looksLikeUrl(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return t.startsWith("jdbc:postgresql:") || t.startsWith("postgresql://") || t.startsWith("postgres://");
    }

    /**
     * @throws PurserException BAD_ARGUMENT for a malformed URL, one with credentials or with a
     *         parameter not allowed; FORBIDDEN for a host not on the allow list
     */
    static TargetUrl parse(String text, Set<String> allowedHosts) {
        Objects.requireNonNull(text, "text");
        String t = text.trim();
        String lower = t.toLowerCase(Locale.ROOT);
        String rest;
        if (lower.startsWith("jdbc:postgresql://")) {
            rest = t.substring("jdbc:postgresql://".length());
        } else if (lower.startsWith("postgresql://")) {
            rest = t.substring("postgresql://".length());
        } else if (lower.startsWith("postgres://")) {
            rest = t.substring("postgres://".length());
        } else {
            throw PurserException.badArgument("a database URL must look like jdbc:postgresql://host:5432/database");
        }
        int q = rest.indexOf('?');
        String query = q < 0 ? "" : rest.substring(q + 1);
        String beforeQuery = q < 0 ? rest : rest.substring(0, q);
        int slash = beforeQuery.indexOf('/');
        String authority = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
        String database = slash < 0 ? "" : beforeQuery.substring(slash + 1);
        if (authority.contains("@")) {
            throw PurserException.badArgument("the database URL carries credentials; remove them from the URL and set"
                    + " PGUSER and PGPASSWORD in Purser's environment instead");
        }
        if (database.isEmpty() || !database.matches("[A-Za-z0-9_.$-]{1,63}")) {
            throw PurserException.badArgument("the database URL must name a database: jdbc:postgresql://host:5432/database");
        }
        List<String> hosts = new ArrayList<>();
        List<String> hostPorts = new ArrayList<>();
        for (String hostPort : authority.split(",")) {
            String host;
            String port = "5432";
            if (hostPort.startsWith("[")) {
                int close = hostPort.indexOf(']');
                if (close < 0) {
                    throw PurserException.badArgument("the database URL has a malformed IPv6 host");
                }
                host = hostPort.substring(1, close);
                if (hostPort.length() > close + 1) {
                    if (hostPort.charAt(close + 1) != ':') {
                        throw PurserException.badArgument("the database URL has a malformed IPv6 host");
                    }
                    port = hostPort.substring(close + 2);
                }
            } else {
                int colon = hostPort.lastIndexOf(':');
                host = colon < 0 ? hostPort : hostPort.substring(0, colon);
                if (colon >= 0) {
                    port = hostPort.substring(colon + 1);
                }
            }
            if (host.isEmpty() || !host.matches("[A-Za-z0-9.:_-]{1,253}")) {
                throw PurserException.badArgument("the database URL names no usable host");
            }
            if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw PurserException.badArgument("the database URL's port must be a number from 1 to 65535");
            }
            String normal = host.toLowerCase(Locale.ROOT);
            if (!allowed(normal, allowedHosts)) {
                throw new PurserException(ErrorCode.FORBIDDEN, "host " + host + " is not on the allow list for database"
                        + " URLs; ask an admin to add it, or use a configured database name");
            }
            hosts.add(normal);
            hostPorts.add((host.contains(":") ? "[" + host + "]" : host) + ":" + port);
        }
        List<String> kept = new ArrayList<>();
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
                if (key.equals("user") || key.equals("password")) {
                    throw PurserException.badArgument("the database URL carries credentials; remove them from the URL"
                            + " and set PGUSER and PGPASSWORD in Purser's environment instead");
                }
                if (!ALLOWED_PARAMETERS.contains(key) || !pair.substring(eq + 1).matches("[A-Za-z0-9_.-]*")) {
                    throw PurserException.badArgument("the database URL may set only " + String.join(", ",
                            ALLOWED_PARAMETERS.stream().sorted().toList()) + "; remove the other parameters");
                }
                kept.add(pair);
            }
        }
        String base = String.join(",", hostPorts) + "/" + database;
        String jdbc = "jdbc:postgresql://" + base + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
        return new TargetUrl(jdbc, List.copyOf(hosts), base);
    }

    /** Exact host names, or {@code *.example.com} for any name under that domain. */
    static boolean allowed(String host, Set<String> allowedHosts) {
        for (String a : allowedHosts) {
            String rule = a.trim().toLowerCase(Locale.ROOT);
            if (rule.equals(host)) {
                return true;
            }
            if (rule.startsWith("*.") && host.endsWith(rule.substring(1)) && host.length() > rule.length() - 1) {
                return true;
            }
        }
        return false;
    }
}
