package dev.purser.mcp.transport;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Starts an embedded Jetty whose own error pages never show a stack trace or an exception's
 * message to a client, and that leaves nothing listening when it fails to start. Shared by the
 * MCP HTTP server and {@code purser serve}.
 */
public final class QuietJetty {

    private QuietJetty() {
    }

    /**
     * @throws Exception what Jetty threw, with any failure to stop it again suppressed on it
     */
    public static void start(Server jetty, Handler handler) throws Exception {
        ErrorHandler errors = new ErrorHandler();
        errors.setShowStacks(false);
        errors.setShowMessageInTitle(false);
        jetty.setErrorHandler(errors);
        jetty.setHandler(handler);
        try {
            jetty.start();
        } catch (Exception e) {
            try {
                jetty.stop();
            } catch (Exception stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw e;
        }
    }
}
