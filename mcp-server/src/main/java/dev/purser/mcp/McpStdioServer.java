package dev.purser.mcp;

import dev.purser.mcp.transport.EndOfInputSignal;
import io.modelcontextprotocol.server.McpSyncServer;
import java.util.concurrent.TimeUnit;

/** A running stdio MCP server; it has nothing left to do once its input ends. */
public final class McpStdioServer implements AutoCloseable {

    private final McpSyncServer server;
    private final EndOfInputSignal input;

    McpStdioServer(McpSyncServer server, EndOfInputSignal input) {
        this.server = server;
        this.input = input;
    }

    /** Blocks until the client closes the input stream, then closes the server. */
    public void awaitEndOfInput() throws InterruptedException {
        input.await();
        close();
    }

    /** @return true if the input ended (and the server was closed) within the timeout */
    public boolean awaitEndOfInput(long timeout, TimeUnit unit) throws InterruptedException {
        if (input.await(timeout, unit)) {
            close();
            return true;
        }
        return false;
    }

    /** Idempotent. */
    @Override
    public void close() {
        server.closeGracefully();
    }
}
