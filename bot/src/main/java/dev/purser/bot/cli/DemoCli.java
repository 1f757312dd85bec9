package dev.purser.bot.cli;

import dev.purser.bot.console.Console;
import dev.purser.bot.console.StoreValues;
import dev.purser.bot.serve.PurserRuntime;
import dev.purser.commands.Principal;
import dev.purser.commands.render.TextRenderer;
import dev.purser.commands.reply.Reply;
import dev.purser.core.analysis.budgets.BudgetDefinitions;
import dev.purser.core.demo.DemoScenarios;
import dev.purser.core.demo.Scenario;
import dev.purser.core.ingest.CostImporter;
import dev.purser.core.ingest.ImportOptions;
import dev.purser.core.ingest.ImportResult;
import dev.purser.core.store.InventoryRepository;
import dev.purser.core.store.JdbcBudgets;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code purser demo}: generates the three design scenarios as FOCUS files, loads them through
 * the real importer, prints a tour, and (on a terminal) opens the console.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Load the mandible, investment and livyflow scenarios and show what Purser answers.")
final class DemoCli implements Callable<Integer> {

    private final PurserRuntime runtime;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final int textWidth;

    @Option(names = "--no-console", description = "print the tour and exit, even on a terminal")
    boolean noConsole;

    /** The budgets the scenarios' teams hold themselves to. */
    static final String DEMO_BUDGETS = String.join("\n",
            "name=investment-total;amount=50 USD;scope=total;account=investment;thresholds=50,75,90,100",
            "name=livyflow-total;amount=4000 USD;scope=total;account=livyflow;thresholds=50,75,90,100",
            "name=mandible-databases;amount=180 USD;scope=service:Database Clusters;account=mandible;thresholds=75,90,100");

    /** What each scenario's story asks of Purser beyond cost, shown as one-line answers. */
    private static final Map<String, List<String>> STORIES = Map.of(
            "mandible", List.of("rightsize --account mandible --kind db"),
            "investment", List.of(),
            "livyflow", List.of("anomalies 90d --account livyflow", "waste --account livyflow",
                    "savings --account livyflow"));

    DemoCli(PurserRuntime runtime, InputStream in, PrintStream out, PrintStream err, int textWidth) {
        this.textWidth = textWidth;
        this.runtime = runtime;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        LocalDate today = runtime.periods().today();
        err.println("Opening the database (" + (runtime.settings().database().embedded()
                ? "embedded PostgreSQL in " + runtime.settings().database().embeddedDataDirectory() : "database.url")
                + ") ...");
        CostImporter importer = runtime.focusImporter();
        InventoryRepository inventory = new InventoryRepository(runtime.dataSource());
        Path dir = runtime.settings().home().resolve("demo");
        List<Scenario> scenarios = DemoScenarios.generate(today);
        out.println("Purser demo: three teams' bills, generated for the 184 days ending " + today + ".");
        for (Scenario s : scenarios) {
            List<Path> files = s.writeFiles(dir);
            for (Path f : files) {
                if (f.getFileName().toString().endsWith(Scenario.FOCUS_SUFFIX)) {
                    ImportResult r = importer.importFile(f, ImportOptions.STRICT);
                    out.printf("  loaded %-10s %,7d FOCUS rows, %s, %s..%s  (%s)%n", s.name(), r.rows(),
                            totals(r.billedTotals()), r.firstChargeDay(), r.lastChargeDay(), f);
                }
            }
            inventory.replaceScenario(s.name(), s.inventory(), s.usage());
        }
        List<String> seeded = BudgetDefinitions.seed(new JdbcBudgets(runtime.dataSource()),
                BudgetDefinitions.parse(DEMO_BUDGETS), runtime.clock());
        if (!seeded.isEmpty()) {
            out.println("  budgets   " + String.join(", ", seeded));
        }
        Principal shell = Principal.shell(System.getProperty("user.name", "local"), runtime.settings().config().identities());
        TextRenderer text = new TextRenderer(textWidth);
        for (Scenario s : scenarios) {
            out.println();
            out.println("=".repeat(78));
            out.println(s.name() + " - " + s.story());
            out.println("=".repeat(78));
            show(shell, text, "cost mtd --account " + s.name(), true);
            show(shell, text, "cost last-month --by service --account " + s.name(), false);
            show(shell, text, "movers mtd --by service --top 3 --account " + s.name(), false);
            for (String story : STORIES.getOrDefault(s.name(), List.of())) {
                show(shell, text, story, true);
            }
            if (s.name().equals("investment")) {
                // The stack's story is the host table: fits $50 or not, and without Elasticsearch.
                showTables(shell, text, "rightsize investment --kind container --budget 50 --without elasticsearch",
                        "compose_host");
            }
        }
        show(shell, text, "budget", false);
        Optional<Long> plan = new MandibleStory(runtime, shell, out, err).run();
        out.println();
        out.println("The data stays in " + runtime.settings().home() + ". Try:");
        out.println("  purser cost --by service --period last-month");
        out.println("  purser cost last-month --by tag:env --account livyflow --format json");
        plan.ifPresent(id -> out.println("  purser plan show " + id + "   (and purser audit show " + id + ")"));
        out.println("  purser help");
        if (!noConsole && ConsoleCli.onTerminal() && in == System.in) {
            out.println();
            new Console(runtime.dispatcher(), shell, new StoreValues(runtime.engine().costs(), runtime.periods()))
                    .runInteractive(runtime.settings().home().resolve("console_history"));
        }
        return ExitCodes.OK;
    }

    private void show(Principal shell, TextRenderer text, String line, boolean summaryOnly) {
        Reply reply = runtime.dispatcher().run(shell, "cli", line);
        if (reply.isError()) {
            err.println("purser: " + line + ": " + reply.error().message());
            return;
        }
        out.println();
        out.println("$ purser " + line);
        out.println(summaryOnly ? reply.summary() : text.render(reply));
    }

    /** Prints only the reply's tables whose key starts with {@code tablePrefix}. */
    private void showTables(Principal shell, TextRenderer text, String line, String tablePrefix) {
        Reply reply = runtime.dispatcher().run(shell, "cli", line);
        if (reply.isError()) {
            err.println("purser: " + line + ": " + reply.error().message());
            return;
        }
        Reply part = new Reply(reply.command(), reply.title(), reply.summary(), List.of(),
                reply.tables().stream().filter(t -> t.key().startsWith(tablePrefix)).toList(),
                List.of(), List.of(), List.of(), null);
        out.println();
        out.println("$ purser " + line);
        out.println(text.render(part));
    }

    private static String totals(Map<java.util.Currency, BigDecimal> totals) {
        StringBuilder sb = new StringBuilder();
        totals.forEach((c, a) -> {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(String.format("%,.2f %s", a, c.getCurrencyCode()));
        });
        return sb.toString();
    }
}
