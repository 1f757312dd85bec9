package dev.purser.bot.cli;

import dev.purser.bot.serve.PurserRuntime;
import dev.purser.mcp.McpHttpServer;
import dev.purser.mcp.McpMain;
import dev.purser.mcp.McpSettings;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code purser mcp}: the MCP face. Stdio by default (for a local assistant that starts Purser
 * itself); {@code --http} serves streamable HTTP at {@code /mcp} with bearer tokens.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = "Serve every command as an MCP tool: stdio (default) or streamable HTTP at /mcp.")
final class McpCli implements Callable<Integer> {

    private final PurserRuntime runtime;
    private final PrintStream err;

    @Option(names = "--http", description = "serve streamable HTTP instead of stdio")
    boolean http;

    @Option(names = "--port", description = "HTTP port (default: mcp.port, PURSER_MCP_PORT or " + McpSettings.DEFAULT_PORT + ")")
    Integer port;

    McpCli(PurserRuntime runtime, PrintStream err) {
        this.runtime = runtime;
        this.err = err;
    }

    @Override
    public Integer call() throws InterruptedException {
        McpSettings settings = McpSettings.from(runtime.settings().config().mcp(), runtime.settings().environment());
        if (!http) {
            McpMain.serveStdio(runtime.dispatcher(), settings);
            return ExitCodes.OK;
        }
        try (McpHttpServer server = McpMain.serveHttp(runtime.dispatcher(), settings, port == null ? settings.httpPort() : port)) {
            err.println("Purser MCP server on " + server.baseUri().resolve("/mcp") + " (bearer token required)");
            server.join();
        }
        return ExitCodes.OK;
    }
}
