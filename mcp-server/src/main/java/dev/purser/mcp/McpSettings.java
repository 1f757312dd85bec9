package dev.purser.mcp;

import dev.purser.commands.Principal;
import dev.purser.commands.Role;
import dev.purser.core.config.EnvironmentOverlay;
import dev.purser.core.config.McpConfig;
import dev.purser.core.config.McpTokenConfig;
import dev.purser.core.config.PurserConfig;
import dev.purser.core.error.PurserException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP face's configuration: the {@code mcp} section of {@code purser.yaml} with its tokens
 * resolved from the environment, so that tokens never sit in a file or a command line.
 *
 * <table>
 * <caption>Environment variables</caption>
 * <tr><td>{@code PURSER_MCP_TOKENS}</td><td>{@code name:token:role+role[:allow-approve],...}, added to the file's {@code mcp.tokens}</td></tr>
 * <tr><td>{@code PURSER_MCP_STDIO_ROLES}</td><td>roles of the stdio principal, default {@code viewer,requester}</td></tr>
 * <tr><td>{@code PURSER_MCP_STDIO_USER}</td><td>name of the stdio principal, default {@code USER} or {@code local}</td></tr>
 * <tr><td>{@code PURSER_MCP_ALLOWED_HOSTS}</td><td>comma list, default {@code localhost,127.0.0.1,[::1]}</td></tr>
 * <tr><td>{@code PURSER_MCP_ALLOWED_ORIGINS}</td><td>comma list, default the allowed hosts</td></tr>
 * <tr><td>{@code PURSER_MCP_BIND}</td><td>listen address of the standalone HTTP server, default {@code 127.0.0.1}</td></tr>
 * <tr><td>{@code PURSER_MCP_PORT}</td><td>its port, default 8765</td></tr>
 * </table>
 *
 * <p>Each variable but the tokens overrides its {@code mcp.*} key ({@link EnvironmentOverlay});
 * any other variable starting with {@code PURSER_} fails start-up: a misspelt key must not
 * silently leave a default in place.
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

    private static final Logger LOG = LoggerFactory.getLogger(McpSettings.class);

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
     * The MCP settings of a configuration read from the environment alone (no {@code purser.yaml}).
     *
     * @throws IllegalArgumentException naming the variable and entry that is wrong (never the
     *                                  token itself)
     */
    public static McpSettings fromEnvironment(Map<String, String> env) {
        PurserConfig config;
        try {
            config = EnvironmentOverlay.apply(PurserConfig.defaults(), env);
        } catch (PurserException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return from(config.mcp(), env);
    }

    /**
     * @param config the {@code mcp} section, with the {@code PURSER_MCP_*} variables already applied
     * @param env    where the tokens are: each {@code token_env} of the section, and the inline
     *               tokens of {@value #TOKENS}
     * A token whose variable is unset is left out (and logged): the file may list tokens that
     * only the HTTP server's host provides.
     *
     * @throws IllegalArgumentException naming the principal and variable that is wrong (never the
     *                                  token itself)
     */
    public static McpSettings from(McpConfig config, Map<String, String> env) {
        List<TokenGrant> tokens = new ArrayList<>();
        for (McpTokenConfig t : config.tokens()) {
            String where = "mcp.tokens (" + t.principal() + ")";
            String token = env.get(t.tokenEnv());
            if (token == null || token.isBlank()) {
                // Not an error: the same file serves commands that never open the HTTP endpoint.
                LOG.warn("{}: {} is not set, so that token is not accepted", where, t.tokenEnv());
                continue;
            }
            try {
                tokens.add(new TokenGrant(t.principal(), token.strip(), roles(where, t.roles()), t.allowApprove()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        tokens.addAll(parseTokens(env.getOrDefault(TOKENS, "")));
        Set<String> names = new java.util.HashSet<>();
        for (TokenGrant grant : tokens) {
            if (!names.add(grant.name())) {
                throw new IllegalArgumentException("MCP token name " + grant.name() + " is given twice");
            }
        }
        String user = config.stdioUser() != null ? config.stdioUser() : env.getOrDefault("USER", "local");
        return new McpSettings(user.isBlank() ? "local" : user.trim(), roles("mcp.stdio_roles", config.stdioRoles()),
                new McpHttpSettings(tokens, config.allowedHosts(), config.allowedOrigins(), config.bind()),
                config.port());
    }

    private static Set<Role> roles(String where, Set<String> names) {
        return parseRoles(where, String.join(",", names), ",");
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


}
