package dev.purser.core.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The MCP face: who may call it and from where.
 *
 * @param tokens         bearer tokens for the HTTP endpoint, each named by its environment variable
 * @param stdioUser      the name of the local stdio principal, or null for the OS user
 * @param stdioRoles     its roles; default viewer and requester
 * @param allowedHosts   accepted {@code Host} headers on {@code /mcp}; default the loopback names
 * @param allowedOrigins accepted {@code Origin} headers; default the allowed hosts
 * @param bind           the standalone HTTP server's listen address; default 127.0.0.1
 * @param port           its port, 0 for any free one; default 8765
 */
public record McpConfig(List<McpTokenConfig> tokens, String stdioUser, Set<String> stdioRoles,
        List<String> allowedHosts, List<String> allowedOrigins, String bind, Integer port) {

    public static final List<String> LOOPBACK_HOSTS = List.of("localhost", "127.0.0.1", "[::1]");
    public static final int DEFAULT_PORT = 8765;

    public McpConfig {
        tokens = Check.list(tokens);
        Set<String> seen = new HashSet<>();
        for (McpTokenConfig t : tokens) {
            if (!seen.add(t.principal())) {
                throw new SettingException("tokens", "principal " + t.principal() + " is given twice");
            }
        }
        stdioUser = Check.blankToNull(stdioUser);
        stdioRoles = Check.roles("stdio_roles", stdioRoles, Set.of("viewer", "requester"));
        allowedHosts = allowedHosts == null || allowedHosts.isEmpty() ? LOOPBACK_HOSTS : trimmed(allowedHosts);
        allowedOrigins = allowedOrigins == null || allowedOrigins.isEmpty() ? allowedHosts : trimmed(allowedOrigins);
        bind = Check.orDefault(bind, "127.0.0.1");
        port = port == null ? DEFAULT_PORT : port;
        if (port < 0 || port > 65535) {
            throw new SettingException("port", "must be 0..65535, got " + port);
        }
    }

    public static McpConfig defaults() {
        return new McpConfig(null, null, null, null, null, null, null);
    }

    private static List<String> trimmed(List<String> values) {
        return values.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public McpConfig withStdio(String user, Set<String> roles) {
        return new McpConfig(tokens, user, roles, allowedHosts, allowedOrigins, bind, port);
    }

    /** Replaces the hosts; origins that defaulted to the old hosts follow the new ones. */
    public McpConfig withAllowedHosts(List<String> hosts) {
        boolean originsDefaulted = allowedOrigins.equals(allowedHosts);
        return new McpConfig(tokens, stdioUser, stdioRoles, hosts, originsDefaulted ? null : allowedOrigins, bind, port);
    }

    public McpConfig withAllowedOrigins(List<String> origins) {
        return new McpConfig(tokens, stdioUser, stdioRoles, allowedHosts, origins, bind, port);
    }

    public McpConfig withListen(String newBind, Integer newPort) {
        return new McpConfig(tokens, stdioUser, stdioRoles, allowedHosts, allowedOrigins, newBind, newPort);
    }
}
