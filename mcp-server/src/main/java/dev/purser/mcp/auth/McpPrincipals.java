package dev.purser.mcp.auth;

import dev.purser.commands.Principal;
import io.modelcontextprotocol.common.McpTransportContext;
import java.util.Map;
import java.util.Optional;

/**
 * Carries the authenticated principal from the HTTP filter, through the SDK's transport
 * context, to list filters and tool handlers.
 */
public final class McpPrincipals {

    /** Request attribute and transport-context key holding the {@link Principal}. */
    public static final String KEY = "dev.purser.mcp.principal";

    private McpPrincipals() {
    }

    /** A transport context holding this principal, or the empty context for null. */
    public static McpTransportContext context(Object principal) {
        if (principal instanceof Principal p) {
            return McpTransportContext.create(Map.of(KEY, p));
        }
        return McpTransportContext.EMPTY;
    }

    /** The principal a transport context carries, if any. */
    public static Optional<Principal> from(McpTransportContext context) {
        if (context == null) {
            return Optional.empty();
        }
        return context.get(KEY) instanceof Principal p ? Optional.of(p) : Optional.empty();
    }
}
