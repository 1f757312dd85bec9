package dev.purser.bot.console;

import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.Principal;
import dev.purser.commands.render.TextRenderer;
import dev.purser.commands.reply.Reply;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * An interactive prompt where the user types exactly what they would after {@code /purser}.
 * Ends on {@code exit}, {@code quit} or end of input (Ctrl-D).
 *
 * <p>On a terminal ({@link #runInteractive}) it is a JLine line reader: arrow keys, Emacs-style
 * editing, history kept across sessions in a file, Ctrl-R search, and Tab completion from the
 * command definitions ({@link Completion}); Ctrl-C abandons the line, not the console; tables
 * are wrapped to the terminal's width, read again for every answer so a resized window is
 * honoured. Without a terminal ({@link #run}) it reads plain lines, so it can be scripted.
 */
public final class Console {

    static final String PROMPT = "purser> ";
    static final String GREETING =
            "Type a command as after /purser (for example: cost last-month --by service), 'help', or 'exit'.";

    private final CommandDispatcher dispatcher;
    private final Principal principal;
    private final Completion.KnownValues known;

    public Console(CommandDispatcher dispatcher, Principal principal) {
        this(dispatcher, principal, Completion.KnownValues.NONE);
    }

    public Console(CommandDispatcher dispatcher, Principal principal, Completion.KnownValues known) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.principal = Objects.requireNonNull(principal, "principal");
        this.known = Objects.requireNonNull(known, "known");
    }

    /** Plain lines from {@code in}, answers to {@code out}: for pipes and scripts. */
    public void run(InputStream in, PrintStream out) throws IOException {
        run(in, out, TextRenderer.DEFAULT_WIDTH);
    }

    /** As {@link #run(InputStream, PrintStream)}, with tables wrapped to {@code width}. */
    public void run(InputStream in, PrintStream out, int width) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        out.println(GREETING);
        TextRenderer renderer = new TextRenderer(width);
        while (true) {
            out.print(PROMPT);
            out.flush();
            String line = reader.readLine();
            if (line == null) {
                out.println();
                return;
            }
            if (!answer(line, renderer, out::println)) {
                return;
            }
        }
    }

    /**
     * The JLine console on the process's terminal.
     *
     * @param history the file history is kept in (created when missing), or null for none
     */
    public void runInteractive(Path history) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            Completion completion = new Completion(dispatcher.registry(), principal, known);
            DefaultParser parser = new DefaultParser();
            parser.setEscapeChars(new char[0]); // values are quoted, as in chat, never backslash-escaped
            LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).appName("purser")
                    .parser(parser)
                    .completer((reader, line, candidates) -> {
                        List<String> before = line.words().subList(0, line.wordIndex());
                        for (String c : completion.candidates(before)) {
                            boolean open = c.endsWith("=");
                            candidates.add(new Candidate(c, c, null, null, null, null, !open));
                        }
                    })
                    .option(LineReader.Option.CASE_INSENSITIVE, true)
                    .option(LineReader.Option.AUTO_FRESH_LINE, true);
            if (history != null) {
                java.nio.file.Files.createDirectories(history.toAbsolutePath().getParent());
                builder.variable(LineReader.HISTORY_FILE, history);
            }
            LineReader reader = builder.build();
            PrintWriter out = terminal.writer();
            out.println(GREETING + " Tab completes; arrows recall earlier commands.");
            while (true) {
                String line;
                try {
                    line = reader.readLine(PROMPT);
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C drops the line being typed
                } catch (EndOfFileException e) {
                    out.println();
                    break;
                }
                int width = terminal.getWidth() >= 20 ? terminal.getWidth() : TextRenderer.DEFAULT_WIDTH;
                if (!answer(line, new TextRenderer(width), text -> {
                    out.println(text);
                    out.flush();
                })) {
                    break;
                }
            }
            if (history != null) {
                reader.getHistory().save();
            }
        }
    }

    /** Runs one line; false when it asked to leave. */
    private boolean answer(String line, TextRenderer renderer, java.util.function.Consumer<String> print) {
        String trimmed = line.trim();
        if (trimmed.isEmpty()) {
            return true;
        }
        if (trimmed.equals("exit") || trimmed.equals("quit")) {
            return false;
        }
        if (trimmed.startsWith("/purser")) {
            trimmed = trimmed.substring("/purser".length()).trim();
        }
        Reply reply = dispatcher.run(principal, "console", trimmed);
        print.accept(reply.isError() ? "Error: " + reply.error().message() : renderer.render(reply));
        return true;
    }
}
