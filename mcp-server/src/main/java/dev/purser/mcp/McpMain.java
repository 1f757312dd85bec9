package dev.purser.mcp;

import dev.purser.commands.CommandDispatcher;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/** What the {@code purser} launcher calls to serve MCP. */
public final class McpMain {

    private McpMain() {
    }

    /**
     * Serves MCP over this process's stdin and stdout as the configured stdio principal, and
     * returns when stdin closes (the launcher should then exit).
     *
     * <p>stdout belongs to the protocol: before serving, {@code System.out} is pointed at stderr,
     * so that a console log appender or a stray {@code println} cannot corrupt the stream.
     */
    public static void serveStdio(CommandDispatcher dispatcher, McpSettings settings) throws InterruptedException {
        OutputStream protocolOut = new FileOutputStream(FileDescriptor.out);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        McpStdioServer server = new PurserMcpServer(dispatcher).startStdio(settings.stdioPrincipal(), System.in,
                protocolOut);
        server.awaitEndOfInput();
    }

    /**
     * Starts the standalone streamable HTTP server; returns at once. Close the handle to stop.
     *
     * @param port 0 picks a free port
     */
    public static McpHttpServer serveHttp(CommandDispatcher dispatcher, McpSettings settings, int port) {
        return new PurserMcpServer(dispatcher).startHttp(port, settings.http());
    }
}
