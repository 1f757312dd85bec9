package dev.purser.mcp;

import dev.purser.mcp.transport.FastToolCallFilter;
import io.modelcontextprotocol.server.McpSyncServer;

/** The MCP server behind a mounted {@code /mcp}; close it before stopping the HTTP server. */
public final class McpHttpEndpoint implements AutoCloseable {

    private final McpSyncServer server;
    private final FastToolCallFilter fast;

    McpHttpEndpoint(McpSyncServer server, FastToolCallFilter fast) {
        this.server = server;
        this.fast = fast;
    }

    /** How many tool calls the fast path answered ({@link FastToolCallFilter}); 0 when it is off. */
    public long fastAnswers() {
        return fast == null ? 0 : fast.answered();
    }

    /** Ends open sessions; idempotent. */
    @Override
    public void close() {
        server.closeGracefully();
    }
}
