package dev.purser.bot.console;

import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.Principal;
import dev.purser.commands.render.ReplyRenderer;
import dev.purser.commands.render.TextRenderer;
import dev.purser.commands.reply.Reply;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * An interactive prompt where the user types exactly what they would after {@code /purser}.
 * Ends on {@code exit}, {@code quit} or end of input.
 */
public final class Console {

    private final CommandDispatcher dispatcher;
    private final Principal principal;
    private final ReplyRenderer renderer = new TextRenderer();

    public Console(CommandDispatcher dispatcher, Principal principal) {
        this.dispatcher = dispatcher;
        this.principal = principal;
    }

    public void run(InputStream in, PrintStream out) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        out.println("Type a command as after /purser (for example: cost last-month --by service), 'help', or 'exit'.");
        while (true) {
            out.print("purser> ");
            out.flush();
            String line = reader.readLine();
            if (line == null) {
                out.println();
                return;
            }
            String trimmed = line.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.equals("exit") || trimmed.equals("quit")) {
                return;
            }
            if (trimmed.startsWith("/purser")) {
                trimmed = trimmed.substring("/purser".length()).trim();
            }
            Reply reply = dispatcher.run(principal, "console", trimmed);
            if (reply.isError()) {
                out.println("Error: " + reply.error().message());
            } else {
                out.println(renderer.render(reply));
            }
        }
    }
}
