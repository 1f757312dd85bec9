package dev.purser.mcp;

import dev.purser.commands.Principal;
import dev.purser.commands.Role;
import dev.purser.mcp.auth.TokenGrant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The MCP face's configuration, read from the environment so that tokens never sit in a file
 * or a command line.
 *
 * <table>
 * <caption>Environment variables</caption>
 * <tr><td>{@code PURSER_MCP_TOKENS}</td><td>{@code name:token:role+role[:allow-approve],...}</td></tr>
 * <tr><td>{@code PURSER_MCP_STDIO_ROLES}</td><td>roles of the stdio principal, default {@code viewer,requester}</td></tr>
 * <tr><td>{@code PURSER_MCP_STDIO_USER}</td><td>name of the stdio principal, default {@code USER} or {@code local}</td></tr>
 * <tr><td>{@code PURSER_MCP_ALLOWED_HOSTS}</td><td>comma list, default {@code localhost,127.0.0.1,[::1]}</td></tr>
 * <tr><td>{@code PURSER_MCP_ALLOWED_ORIGINS}</td><td>comma list, default the allowed hosts</td></tr>
 * <tr><td>{@code PURSER_MCP_BIND}</td><td>listen address of the standalone HTTP server, default {@code 127.0.0.1}</td></tr>
 * <tr><td>{@code PURSER_MCP_PORT}</td><td>its port, default 8765</td></tr>
 * </table>
 *
 * <p>Any other variable starting with {@code PURSER_MCP_} fails start-up: a misspelt key must
 * not silently leave a default in place.
 *
 * @param stdioUser  display name of the local principal stdio runs as
 * @param stdioRoles roles of that principal
 * @param http       how the HTTP endpoint admits requests
 * @param httpPort   the standalone HTTP server's port (0 picks a free one)
 */
public record McpSettings(String stdioUser, Set<Role> stdioRoles, McpHttpSettings http, int httpPort) {

    public static final String TOKENS = "PURSER_MCP_TOKENS";
    public static final String STDIO_ROLES = "PURSER_MCP_STDIO_ROLES";
    public static final String STDIO_USER = "PURSER_MCP_STDIO_USER";
    public static final String ALLOWED_HOSTS = "PURSER_MCP_ALLOWED_HOSTS";
    public static final String ALLOWED_ORIGINS = "PURSER_MCP_ALLOWED_ORIGINS";
    public static final String BIND = "PURSER_MCP_BIND";
    public static final String PORT = "PURSER_MCP_PORT";
    public static final int DEFAULT_PORT = 8765;

    private static final Set<String> KNOWN = Set.of(TOKENS, STDIO_ROLES, STDIO_USER, ALLOWED_HOSTS,
            ALLOWED_ORIGINS, BIND, PORT);
    private static final String ALLOW_APPROVE = "allow-approve";

    public McpSettings {
        Objects.requireNonNull(stdioUser, "stdioUser");
        Objects.requireNonNull(http, "http");
        stdioRoles = stdioRoles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(stdioRoles));
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("httpPort must be 0..65535: " + httpPort);
        }
    }

    /** The configuration with every default and no tokens. */
    public static McpSettings defaults() {
        return fromEnvironment(Map.of());
    }

    /**
     * @throws IllegalArgumentException naming the variable and entry that is wrong (never the
     *                                  token itself)
     */
    public static McpSettings fromEnvironment(Map<String, String> env) {
        for (String key : env.keySet()) {
            if (key.startsWith("PURSER_MCP_") && !KNOWN.contains(key)) {
                throw new IllegalArgumentException("unknown MCP setting " + key + "; known: "
                        + KNOWN.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
        List<TokenGrant> tokens = parseTokens(env.getOrDefault(TOKENS, ""));
        Set<Role> stdioRoles = parseRoles(STDIO_ROLES, env.getOrDefault(STDIO_ROLES, "viewer,requester"), "[,+]");
        String user = env.getOrDefault(STDIO_USER, env.getOrDefault("USER", "local"));
        List<String> hosts = list(env.get(ALLOWED_HOSTS), McpHttpSettings.LOOPBACK_HOSTS);
        List<String> origins = list(env.get(ALLOWED_ORIGINS), hosts);
        String bind = env.getOrDefault(BIND, "127.0.0.1").trim();
        int port = parsePort(env.getOrDefault(PORT, Integer.toString(DEFAULT_PORT)));
        return new McpSettings(user.isBlank() ? "local" : user.trim(), stdioRoles,
                new McpHttpSettings(tokens, hosts, origins, bind), port);
    }

    /** The principal stdio requests run as; not human, like every MCP principal. */
    public Principal stdioPrincipal() {
        return new Principal("mcp-stdio:" + stdioUser, stdioUser, stdioRoles, false);
    }

    /** Parses {@code name:token:role+role[:allow-approve]} entries separated by commas. */
    static List<TokenGrant> parseTokens(String value) {
        List<TokenGrant> grants = new ArrayList<>();
        String[] entries = value.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            if (entry.isEmpty()) {
                continue;
            }
            String[] parts = entry.split(":", -1);
            // Name the entry only when it has the expected shape: otherwise its first part may
            // be the secret itself.
            String where = TOKENS + " entry " + (i + 1) + (parts.length >= 3 ? " (" + parts[0].trim() + ")" : "");
            if (parts.length < 3 || parts.length > 4) {
                // Never echo the entry: it holds the secret.
                throw new IllegalArgumentException(where + " must be name:token:role+role[:" + ALLOW_APPROVE + "]");
            }
            boolean allowApprove = false;
            if (parts.length == 4) {
                if (!parts[3].trim().equals(ALLOW_APPROVE)) {
                    throw new IllegalArgumentException(where + " has an unknown option; the only one is "
                            + ALLOW_APPROVE);
                }
                allowApprove = true;
            }
            Set<Role> roles = parseRoles(where, parts[2], "\\+");
            try {
                grants.add(new TokenGrant(parts[0].trim(), parts[1].trim(), roles, allowApprove));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return grants;
    }

    private static Set<Role> parseRoles(String where, String value, String separator) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (String word : value.split(separator)) {
            String role = word.trim();
            if (role.isEmpty()) {
                continue;
            }
            try {
                roles.add(Role.valueOf(role.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": unknown role '" + role + "'; expected one of "
                        + Arrays.stream(Role.values()).map(r -> r.name().toLowerCase(Locale.ROOT))
                                .collect(Collectors.joining(", ")), e);
            }
        }
        return roles;
    }

    private static List<String> list(String value, List<String> fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static int parsePort(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PORT + " must be a port number: " + value, e);
        }
    }
}
