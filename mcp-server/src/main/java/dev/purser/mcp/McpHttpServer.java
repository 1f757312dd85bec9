package dev.purser.mcp;

import java.net.URI;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running standalone MCP HTTP server. */
public final class McpHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(McpHttpServer.class);

    private final Server jetty;
    private final int port;
    private final McpHttpEndpoint endpoint;

    McpHttpServer(Server jetty, int port, McpHttpEndpoint endpoint) {
        this.jetty = jetty;
        this.port = port;
        this.endpoint = endpoint;
    }

    /** The port actually bound (useful when 0 was asked for). */
    public int port() {
        return port;
    }

    /** {@code http://localhost:<port>} — the base a client appends {@code /mcp} to. */
    public URI baseUri() {
        return URI.create("http://localhost:" + port);
    }

    /** How many tool calls the fast path answered itself. */
    public long fastAnswers() {
        return endpoint.fastAnswers();
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        jetty.join();
    }

    /** Closes sessions and stops Jetty; idempotent. */
    @Override
    public void close() {
        endpoint.close();
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("MCP HTTP server did not stop cleanly", e);
        }
    }
}
