package dev.purser.bot.cli;

import dev.purser.bot.serve.PurserRuntime;
import dev.purser.bot.serve.PurserSettings;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.Principal;
import dev.purser.commands.render.TextRenderer;
import dev.purser.commands.reply.Reply;
import dev.purser.core.config.ConfigLoader;
import dev.purser.core.config.PurserConfig;
import dev.purser.core.error.PurserException;
import dev.purser.mcp.McpSettings;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code purser} executable. Launcher-only subcommands ({@code demo}, {@code mcp}) are picocli
 * classes; every registry command ({@code cost}, {@code import}, ...) becomes a subcommand whose
 * arguments go, untouched, to the same parser chat uses.
 */
@Command(name = "purser", mixinStandardHelpOptions = true, version = "purser 0.1.0",
        description = "Cloud-cost answers and safe changes, from the shell, chat or an AI assistant.",
        footer = {"", "Run 'purser help' for the commands' arguments, 'purser demo' for a tour."})
public final class PurserMain implements Callable<Integer> {

    private final PrintStream out;
    private final Callable<Integer> console;

    private PurserMain(PrintStream out, Callable<Integer> console) {
        this.out = out;
        this.console = console;
    }

    public static void main(String[] args) {
        int code = run(args, System.getenv(), Clock.systemUTC(), System.in, System.out, System.err);
        System.exit(code);
    }

    /**
     * Runs one invocation; returns the exit code (0 ok, 2 bad usage or configuration, 1 failure).
     * The configuration ({@code PURSER_CONFIG} and the environment) is read once, first: a bad key,
     * value or variable stops every command with one line naming it, before anything else runs.
     */
    public static int run(String[] args, Map<String, String> env, Clock clock, InputStream in, PrintStream out, PrintStream err) {
        PurserSettings settings;
        try {
            PurserConfig config = ConfigLoader.fromEnvironment(env);
            settings = PurserSettings.from(config, env, Path.of("").toAbsolutePath());
            McpSettings.from(config.mcp(), env);
        } catch (PurserException | IllegalArgumentException e) {
            err.println("purser: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        try (PurserRuntime runtime = new PurserRuntime(settings, clock, line -> err.println("purser: " + line))) {
            ConsoleCli console = new ConsoleCli(runtime, in, out, env);
            CommandLine cli = new CommandLine(new PurserMain(out, console));
            cli.addSubcommand("demo", new DemoCli(runtime, in, out, err, TextRenderer.widthFrom(env)));
            cli.addSubcommand("console", console);
            cli.addSubcommand("mcp", new McpCli(runtime, err));
            cli.addSubcommand("serve", new ServeCli(runtime, err));
            Principal shell = Principal.shell(System.getProperty("user.name", "local"), runtime.settings().config().identities());
            for (CommandSpec spec : runtime.dispatcher().registry().all()) {
                CommandLine sub = new CommandLine(new RunCommand(runtime, spec, shell, out, err,
                        TextRenderer.widthFrom(env)));
                sub.setUnmatchedOptionsArePositionalParams(true);
                sub.setCaseInsensitiveEnumValuesAllowed(true);
                sub.getCommandSpec().usageMessage().description(spec.summary());
                cli.addSubcommand(spec.name(), sub);
            }
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
                if (ex instanceof PurserException) {
                    PurserException pe = (PurserException) ex;
                    err.println("purser: " + pe.getMessage());
                    return ExitCodes.of(pe.code());
                }
                throw ex;
            });
            return cli.execute(args);
        }
    }

    /** Bare {@code purser}: the console on a terminal; elsewhere (a pipe, CI) the usage, as before. */
    @Override
    public Integer call() throws Exception {
        if (ConsoleCli.onTerminal()) {
            return console.call();
        }
        new CommandLine(this).usage(out);
        return ExitCodes.USAGE;
    }

    /** One registry command run from the shell. */
    @Command(mixinStandardHelpOptions = false)
    static final class RunCommand implements Callable<Integer> {
        private final PurserRuntime runtime;
        private final CommandSpec spec;
        private final Principal principal;
        private final PrintStream out;
        private final PrintStream err;
        private final int textWidth;

        @Option(names = "--format", defaultValue = "text", description = "text, json, markdown or html (default: ${DEFAULT-VALUE})")
        OutputFormat format;

        @Parameters(arity = "0..*", description = "the command's arguments, as after /purser")
        List<String> arguments = new ArrayList<>();

        RunCommand(PurserRuntime runtime, CommandSpec spec, Principal principal, PrintStream out, PrintStream err,
                   int textWidth) {
            this.textWidth = textWidth;
            this.runtime = runtime;
            this.spec = spec;
            this.principal = principal;
            this.out = out;
            this.err = err;
        }

        @Override
        public Integer call() {
            List<String> tokens = new ArrayList<>();
            if (arguments.contains("--help") || arguments.contains("-h")) {
                tokens.add("help");
            }
            tokens.add(spec.name());
            for (String a : arguments) {
                if (!a.equals("--help") && !a.equals("-h")) {
                    tokens.add(a);
                }
            }
            if (tokens.get(0).equals("help") && tokens.size() > 1 && tokens.get(1).equals("help")) {
                tokens.remove(0);
            }
            Reply reply = runtime.dispatcher().run(principal, "cli", tokens);
            int code = new ReplyPrinter(out, err, textWidth).print(reply, format);
            if (format.savesChartFiles()) {
                ChartFiles.save(reply, runtime.settings().home().resolve("charts"), runtime.clock(), err);
            }
            return code;
        }
    }
}
