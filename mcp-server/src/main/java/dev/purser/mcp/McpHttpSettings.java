package dev.purser.mcp;

import dev.purser.mcp.auth.TokenGrant;
import java.util.List;
import java.util.Objects;

/**
 * How the streamable HTTP endpoint admits requests.
 *
 * @param tokens         bearer tokens and their roles; none means every request is refused
 * @param allowedHosts   accepted {@code Host} header values: a bare host ({@code localhost},
 *                       {@code [::1]}) accepts any port, {@code host:port} only that port; matched
 *                       case-insensitively. This is the DNS-rebinding defence, so keep it narrow.
 * @param allowedOrigins accepted {@code Origin} header values: a full origin
 *                       ({@code https://app.example.com}) or a bare host accepting any scheme and
 *                       port. Requests without an {@code Origin} (non-browser clients) pass.
 * @param bindAddress    the interface the standalone server listens on
 */
public record McpHttpSettings(List<TokenGrant> tokens, List<String> allowedHosts, List<String> allowedOrigins,
        String bindAddress) {

    /** Loopback in every spelling a local client uses. */
    public static final List<String> LOOPBACK_HOSTS = List.of("localhost", "127.0.0.1", "[::1]");

    public McpHttpSettings {
        tokens = List.copyOf(tokens);
        allowedHosts = List.copyOf(allowedHosts);
        allowedOrigins = List.copyOf(allowedOrigins);
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (allowedHosts.isEmpty()) {
            throw new IllegalArgumentException("allowedHosts is empty: no request could ever be served");
        }
    }

    /** Loopback only, with these tokens: what a developer's machine and the tests need. */
    public static McpHttpSettings loopback(List<TokenGrant> tokens) {
        return new McpHttpSettings(tokens, LOOPBACK_HOSTS, LOOPBACK_HOSTS, "127.0.0.1");
    }
}
