package dev.purser.mcp.transport;

import dev.purser.commands.Principal;
import dev.purser.mcp.auth.McpPrincipals;
import dev.purser.mcp.auth.TokenAuthenticator;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in front of the SDK's streamable HTTP servlet and answers, itself and as JSON-RPC
 * errors, every request that must not reach it, in this order:
 * <ol>
 * <li>a {@code Host} or {@code Origin} not in configuration: 403 (DNS rebinding);</li>
 * <li>no bearer token, or one not configured: 401 with {@code WWW-Authenticate: Bearer};</li>
 * <li>an {@code MCP-Protocol-Version} the transport does not speak: 400;</li>
 * <li>a method other than POST, GET, DELETE: 405.</li>
 * </ol>
 * A request that passes carries its {@link Principal} as the {@link McpPrincipals#KEY} request
 * attribute; the error responses the SDK itself would send (unknown session, unparsable body)
 * are rewritten so that no serialized exception reaches the client.
 */
public final class McpHttpGuardFilter implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(McpHttpGuardFilter.class);
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z.-]{1,32}");
    private static final Set<String> METHODS = Set.of("POST", "GET", "DELETE");

    private final HostOriginPolicy policy;
    private final TokenAuthenticator authenticator;
    private final List<String> protocolVersions;

    /**
     * @param protocolVersions the {@code MCP-Protocol-Version} values accepted; a request
     *                         without the header is let through (the spec then assumes 2025-03-26)
     */
    public McpHttpGuardFilter(HostOriginPolicy policy, TokenAuthenticator authenticator, List<String> protocolVersions) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.protocolVersions = List.copyOf(protocolVersions);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;

        if (!policy.hostAllowed(request.getHeader("Host"))) {
            LOG.debug("refused MCP request for a host not in configuration");
            JsonRpcErrors.write(response, 403, JsonRpcErrors.INVALID_REQUEST,
                    "Host not allowed: add it to PURSER_MCP_ALLOWED_HOSTS if this server should answer to it.");
            return;
        }
        if (!policy.originAllowed(request.getHeader("Origin"))) {
            LOG.debug("refused MCP request from an origin not in configuration");
            JsonRpcErrors.write(response, 403, JsonRpcErrors.INVALID_REQUEST,
                    "Origin not allowed: add it to PURSER_MCP_ALLOWED_ORIGINS if this page should call the server.");
            return;
        }
        String authorization = request.getHeader("Authorization");
        Optional<Principal> principal = authenticator.authenticate(authorization);
        if (principal.isEmpty()) {
            response.setHeader("WWW-Authenticate", authorization == null
                    ? "Bearer realm=\"purser\""
                    : "Bearer realm=\"purser\", error=\"invalid_token\"");
            JsonRpcErrors.write(response, 401, JsonRpcErrors.INVALID_REQUEST, authorization == null
                    ? "Authentication required: send Authorization: Bearer <token> with a token from PURSER_MCP_TOKENS."
                    : "The bearer token is not valid for this server.");
            return;
        }
        String version = request.getHeader("MCP-Protocol-Version");
        if (version != null && !protocolVersions.contains(version.trim())) {
            String shown = VERSION.matcher(version.trim()).matches() ? version.trim() : "(malformed)";
            JsonRpcErrors.write(response, 400, JsonRpcErrors.INVALID_REQUEST, "Unsupported MCP-Protocol-Version "
                    + shown + "; this server speaks " + String.join(", ", protocolVersions) + ".");
            return;
        }
        if (!METHODS.contains(request.getMethod())) {
            response.setHeader("Allow", "POST, GET, DELETE");
            JsonRpcErrors.write(response, 405, JsonRpcErrors.INVALID_REQUEST,
                    "Method not allowed: use POST, GET or DELETE.");
            return;
        }
        request.setAttribute(McpPrincipals.KEY, principal.get());
        ErrorRewritingResponse guarded = new ErrorRewritingResponse(response);
        chain.doFilter(request, guarded);
        guarded.finish();
    }
}
