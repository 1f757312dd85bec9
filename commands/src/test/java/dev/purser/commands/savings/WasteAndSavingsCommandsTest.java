package dev.purser.commands.savings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.CommandRegistry;
import dev.purser.commands.render.JsonRenderer;
import dev.purser.commands.render.MarkdownRenderer;
import dev.purser.commands.render.TextRenderer;
import dev.purser.commands.reply.Figure;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.testing.Fixtures;
import dev.purser.commands.testing.Renderings;
import dev.purser.commands.waste.WasteCommand;
import dev.purser.core.analysis.commitments.CommitmentAnalyzer;
import dev.purser.core.analysis.commitments.CommitmentSettings;
import dev.purser.core.store.JdbcEligibleUsage;
import dev.purser.core.analysis.savings.LivyflowDemo;
import dev.purser.core.analysis.savings.SavingsService;
import dev.purser.core.analysis.inventory.InventorySource;
import dev.purser.core.analysis.waste.WasteFinder;
import dev.purser.core.analysis.waste.WasteSettings;
import dev.purser.core.cloud.postgres.StatsTestServer;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.store.PurserDatabase;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code waste} and {@code savings} over the livyflow demo, loaded once. */
class WasteAndSavingsCommandsTest {

    static LivyflowDemo demo;
    static CommandDispatcher dispatcher;

    @BeforeAll
    static void load() {
        // the db command's tests already run the pg_stat_statements server in this module: share it
        demo = LivyflowDemo.load(PurserDatabase.forDataSource(StatsTestServer.freshDatabase("livyflow")));
        WasteFinder waste = new WasteFinder(demo.inventory, demo.costs, WasteSettings.defaults(),
                demo.clock);
        CommitmentAnalyzer commitments = new CommitmentAnalyzer(new JdbcEligibleUsage(demo.database.dataSource()),
                CommitmentSettings.defaults(), demo.clock);
        SavingsService savings = new SavingsService(waste, commitments, null, Map.of(), demo.clock);
        dispatcher = new CommandDispatcher(CommandRegistry.of(WasteCommand.create(waste), SavingsCommand.create(savings)));
    }

    @AfterAll
    static void close() {
        demo.close();
    }

    static Reply run(String line) {
        Reply reply = dispatcher.run(Fixtures.viewer(), "cli", line);
        // every face can render it
        assertThat(new TextRenderer().render(reply)).isNotBlank();
        assertThat(new MarkdownRenderer().render(reply)).isNotBlank();
        assertThat(new JsonRenderer().render(reply)).isNotBlank();
        return reply;
    }

    static Table table(Reply reply, String key) {
        return reply.tables().stream().filter(t -> t.key().equals(key)).findFirst().orElseThrow();
    }

    static Map<String, Value> figures(Reply reply) {
        return reply.figures().stream().collect(Collectors.toMap(Figure::key, Figure::value));
    }

    @Test
    void waste_livyflow_showsVolumesAddressesAndSnapshots() {
        Reply reply = run("waste --account livyflow");
        assertThat(reply.error()).isNull();
        Map<String, Long> kinds = table(reply, "waste").rows().stream()
                .collect(Collectors.groupingBy(r -> r.get(1).asText(), Collectors.counting()));
        assertThat(kinds).containsEntry("unattached volume", 3L).containsEntry("unassigned IP", 2L)
                .containsEntry("old snapshot", 6L);
        assertThat(kinds.get("idle machine")).isGreaterThanOrEqualTo(2L);
        BigDecimal sum = table(reply, "waste").rows().stream().map(r -> r.get(4).asMoney().amount())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(figures(reply).get("total").asMoney().amount()).isEqualByComparingTo(sum);
        assertThat(table(reply, "unknown").rows()).extracting(r -> r.get(0).asText())
                .contains("livyflow-aurora-staging-instance-1");
    }

    @Test
    void waste_longerRetention_findsFewerSnapshots() {
        Reply reply = run("waste --account livyflow --retention 300d");
        long snapshots = table(reply, "waste").rows().stream().filter(r -> r.get(1).asText().equals("old snapshot")).count();
        assertThat(snapshots).isEqualTo(3);
    }

    @Test
    void waste_badRetention_saysWhatWasExpected() {
        Reply reply = run("waste --retention soon");
        assertThat(reply.error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(reply.error().message()).contains("90d");
    }

    @Test
    void savings_livyflow_ranksEverythingWithTotalAndSavingsPlanBaseline() {
        Reply reply = run("savings --account livyflow");
        assertThat(reply.error()).isNull();
        Table savings = table(reply, "savings");
        assertThat(savings.rows()).extracting(r -> r.get(2).asText()).contains("waste", "commitment");
        assertThat(savings.rows()).extracting(r -> r.get(1).asText()).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("(wa|rs|cm)-[0-9a-f]{10}"));
        BigDecimal sum = savings.rows().stream().map(r -> r.get(5).asMoney().amount())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(savings.footer().get(5).asMoney().amount()).isEqualByComparingTo(sum);
        assertThat(figures(reply).get("total").asMoney().amount()).isEqualByComparingTo(sum);
        Table options = table(reply, "commitments");
        assertThat(options.rows()).hasSize(5);
        assertThat(reply.notes()).anyMatch(n -> n.startsWith("Steady baseline of uncovered eligible compute"));
        // same data, same ids, same order
        List<String> again = table(run("savings --account livyflow"), "savings").rows().stream()
                .map(r -> r.get(1).asText()).toList();
        assertThat(savings.rows().stream().map(r -> r.get(1).asText()).toList()).isEqualTo(again);
    }

    @Test
    void specs_withinEveryFacesLimits() {
        for (dev.purser.commands.CommandSpec spec : dispatcher.registry().all()) {
            assertThat(spec.description()).hasSizeGreaterThanOrEqualTo(40);
            assertThat(spec.summary()).isNotBlank().hasSizeLessThanOrEqualTo(100);
            assertThat(dev.purser.commands.UsageText.help(spec)).hasSizeLessThanOrEqualTo(2000);
            for (dev.purser.commands.ArgumentSpec<?> arg : spec.arguments()) {
                assertThat(arg.description()).as(spec.name() + " " + arg.name()).isNotBlank().hasSizeLessThanOrEqualTo(100);
            }
        }
    }

    @Test
    void wasteAndSavings_renderings_matchGoldenFiles() {
        Renderings.assertMatchGolden("waste", run("waste --account livyflow"));
        Renderings.assertMatchGolden("savings", run("savings --account livyflow"));
    }
}
