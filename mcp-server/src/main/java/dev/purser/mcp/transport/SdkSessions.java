package dev.purser.mcp.transport;

import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SDK transport's own session table, read where the SDK reads it, so that the fast path
 * ({@link FastToolCallFilter}) admits exactly the sessions the SDK would: a session the SDK never
 * created, or has deleted, swept or closed, is unknown here too. The SDK keeps the table private,
 * so it is reached by reflection on the version this build ships (MCP Java SDK 2.1.0): its
 * {@code sessions} map, its {@code isClosing} flag, and {@code markSessionActive}, which tells the
 * SDK's idle-session sweeper that a session is still in use. If any of them is missing (another
 * SDK version), {@link #of} is empty and every request goes through the SDK.
 */
final class SdkSessions {

    private static final Logger LOG = LoggerFactory.getLogger(SdkSessions.class);

    private final Map<String, ?> sessions;
    private final Object transport;
    private final VarHandle closing;
    private final MethodHandle markActive;

    private SdkSessions(Map<String, ?> sessions, Object transport, VarHandle closing, MethodHandle markActive) {
        this.sessions = sessions;
        this.transport = transport;
        this.closing = closing;
        this.markActive = markActive;
    }

    static Optional<SdkSessions> of(HttpServletStreamableServerTransportProvider transport) {
        Objects.requireNonNull(transport, "transport");
        Class<HttpServletStreamableServerTransportProvider> type = HttpServletStreamableServerTransportProvider.class;
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
            Object table = lookup.findGetter(type, "sessions", java.util.concurrent.ConcurrentHashMap.class)
                    .invoke(transport);
            VarHandle closing = lookup.findVarHandle(type, "isClosing", boolean.class);
            MethodHandle markActive = lookup.findVirtual(type, "markSessionActive",
                    MethodType.methodType(void.class, String.class));
            @SuppressWarnings("unchecked")
            Map<String, ?> sessions = (Map<String, ?>) table;
            return Optional.of(new SdkSessions(sessions, transport, closing, markActive));
        } catch (Throwable e) {
            LOG.warn("the MCP SDK's session table is not where this build expects it ({}); repeated tool calls"
                    + " will all go through the SDK", e.toString());
            return Optional.empty();
        }
    }

    /** Whether the SDK would accept a request in this session now (it exists and the transport is open). */
    boolean open(String sessionId) {
        return !(boolean) closing.getVolatile(transport) && sessions.containsKey(sessionId);
    }

    /** What the SDK does for every request in a session: keep the idle-session sweeper off it. */
    void markActive(String sessionId) {
        try {
            markActive.invoke(transport, sessionId);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("markSessionActive failed", e);
        }
    }
}
