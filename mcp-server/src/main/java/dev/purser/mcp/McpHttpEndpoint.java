package dev.purser.mcp;

import io.modelcontextprotocol.server.McpSyncServer;

/** The MCP server behind a mounted {@code /mcp}; close it before stopping the HTTP server. */
public final class McpHttpEndpoint implements AutoCloseable {

    private final McpSyncServer server;

    McpHttpEndpoint(McpSyncServer server) {
        this.server = server;
    }

    /** Ends open sessions; idempotent. */
    @Override
    public void close() {
        server.closeGracefully();
    }
}
