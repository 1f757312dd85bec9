package dev.purser.mcp;

import java.nio.file.Path;
import java.util.Map;

/**
 * The child process of the stdio tests: serves {@link TestCommands} over stdin/stdout through
 * {@link McpMain#serveStdio}, exactly as the launcher does, and exits when stdin closes.
 *
 * <p>Arguments: the import directory, then the stdio roles ({@code viewer,requester}).
 */
public final class StdioTestServer {

    private StdioTestServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        TestCommands commands = new TestCommands(Path.of(args[0]));
        McpSettings settings = McpSettings.fromEnvironment(Map.of(McpSettings.STDIO_ROLES, args[1],
                McpSettings.STDIO_USER, "stdio-test"));
        McpMain.serveStdio(commands.dispatcher, settings);
    }
}
