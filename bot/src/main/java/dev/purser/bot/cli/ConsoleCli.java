package dev.purser.bot.cli;

import dev.purser.bot.console.Console;
import dev.purser.bot.console.StoreValues;
import dev.purser.bot.serve.PurserRuntime;
import dev.purser.commands.Principal;
import dev.purser.commands.render.TextRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code purser console} (and bare {@code purser} on a terminal): the interactive console. On a
 * terminal it edits lines, keeps history in {@code PURSER_HOME/console_history} and completes
 * with Tab; with stdin from a pipe or file it reads one command per line and answers each.
 */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = "Type commands as after /purser, with history and Tab completion.")
final class ConsoleCli implements Callable<Integer> {

    private final PurserRuntime runtime;
    private final InputStream in;
    private final PrintStream out;
    private final Map<String, String> env;

    ConsoleCli(PurserRuntime runtime, InputStream in, PrintStream out, Map<String, String> env) {
        this.runtime = runtime;
        this.in = in;
        this.out = out;
        this.env = env;
    }

    /** Whether stdin and stdout are both a terminal (what {@link System#console()} says on Java 17). */
    static boolean onTerminal() {
        return System.console() != null;
    }

    @Override
    public Integer call() throws IOException {
        Principal shell = Principal.localShell(System.getProperty("user.name", "local"));
        Console console = new Console(runtime.dispatcher(), shell,
                new StoreValues(runtime.engine().costs(), runtime.periods()));
        if (onTerminal() && in == System.in) {
            console.runInteractive(runtime.settings().home().resolve("console_history"));
        } else {
            console.run(in, out, TextRenderer.widthFrom(env));
        }
        return ExitCodes.OK;
    }
}
