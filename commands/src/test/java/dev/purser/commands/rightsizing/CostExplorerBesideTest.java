package dev.purser.commands.rightsizing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.CommandRegistry;
import dev.purser.commands.PathPolicy;
import dev.purser.commands.render.Formats;
import dev.purser.commands.render.JsonRenderer;
import dev.purser.commands.render.MarkdownRenderer;
import dev.purser.commands.render.TextRenderer;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.reply.ValueType;
import dev.purser.commands.savings.SavingsCommand;
import dev.purser.commands.testing.Fixtures;
import dev.purser.core.analysis.advice.ProviderAdvice;
import dev.purser.core.analysis.advice.StoredAdvice;
import dev.purser.core.analysis.catalog.PriceCatalogs;
import dev.purser.core.analysis.commitments.CommitmentAnalyzer;
import dev.purser.core.analysis.commitments.CommitmentSettings;
import dev.purser.core.store.JdbcEligibleUsage;
import dev.purser.core.analysis.recommendations.RightsizingService;
import dev.purser.core.analysis.rightsizing.RightsizingEngine;
import dev.purser.core.analysis.rightsizing.RightsizingRules;
import dev.purser.core.analysis.savings.LivyflowDemo;
import dev.purser.core.analysis.savings.SavingsService;
import dev.purser.core.analysis.inventory.InventorySource;
import dev.purser.core.analysis.waste.WasteFinder;
import dev.purser.core.analysis.waste.WasteSettings;
import dev.purser.core.cloud.aws.CostExplorerAdvicePull;
import dev.purser.core.analysis.advice.ReservationAdvice;
import dev.purser.core.analysis.advice.RightsizingAdvice;
import dev.purser.core.analysis.advice.SavingsPlanAdvice;
import dev.purser.core.cloud.postgres.StatsTestServer;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Money;
import dev.purser.core.store.PurserDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cost Explorer's advice beside Purser's in {@code rightsize} and {@code savings}, over the
 * livyflow demo (loaded once) with a hand-written advice port; commands run through the
 * dispatcher a face uses, with and without the port.
 */
class CostExplorerBesideTest {

    static final Instant FETCHED = Instant.parse("2026-11-14T06:00:00Z");
    static final String INGEST = "i-08c2e5f7a9b1d4401";
    static final String GPU = "i-02b9d4f6e8a1c3501";
    static final String REPORTING = "i-0f6b1c8d2e4a9a301";
    static final String STAGING_NODE = "i-05e2b8c4a1d7f3101";
    static final String CE_ONLY = "i-0e9a8b7c6d5f4e301";

    static LivyflowDemo demo;
    static FakeAdvice advice = new FakeAdvice();
    static CommandDispatcher plain;
    static CommandDispatcher withAdvice;

    /** The port as a composition root would pass it, holding what a test sets. */
    static final class FakeAdvice implements ProviderAdvice {
        StoredAdvice stored = StoredAdvice.none();
        PurserException failure;
        final List<String> asked = new ArrayList<>();

        @Override
        public StoredAdvice advice(String accountOrNull) {
            asked.add(String.valueOf(accountOrNull));
            if (failure != null) {
                throw failure;
            }
            if (accountOrNull != null && stored.fetches().stream().noneMatch(f -> f.account().equals(accountOrNull))) {
                return StoredAdvice.none();
            }
            return stored;
        }
    }

    @BeforeAll
    static void load() {
        // the db command's tests already run the pg_stat_statements server in this module: share it
        demo = LivyflowDemo.load(PurserDatabase.forDataSource(StatsTestServer.freshDatabase("ce_beside")));
        RightsizingService rightsizing = new RightsizingService(demo.inventory,
                new RightsizingEngine(PriceCatalogs.bundled(), RightsizingRules.defaults(), demo.clock), demo.costs,
                demo.clock);
        WasteFinder waste = new WasteFinder(demo.inventory, demo.costs, WasteSettings.defaults(),
                demo.clock);
        CommitmentAnalyzer commitments = new CommitmentAnalyzer(new JdbcEligibleUsage(demo.database.dataSource()),
                CommitmentSettings.defaults(), demo.clock);
        PathPolicy paths = PathPolicy.of(Path.of(System.getProperty("java.io.tmpdir")));
        plain = new CommandDispatcher(CommandRegistry.of(RightsizeCommand.create(rightsizing, paths),
                SavingsCommand.create(new SavingsService(waste, commitments, null, Map.of(), demo.clock))));
        withAdvice = new CommandDispatcher(CommandRegistry.of(RightsizeCommand.create(rightsizing, paths, advice),
                SavingsCommand.create(new SavingsService(waste, commitments, advice::savingsPlans, Map.of(), demo.clock),
                        advice)));
    }

    @AfterAll
    static void close() {
        demo.close();
    }

    @BeforeEach
    void reset() {
        advice.stored = StoredAdvice.none();
        advice.failure = null;
        advice.asked.clear();
    }

    @Test
    void rightsize_noAdviceStored_repliesExactlyAsWithoutThePort() {
        for (String line : List.of("rightsize livyflow", "rightsize --account livyflow --kind vm", "rightsize bastion")) {
            assertSameRenderings(plain.run(Fixtures.viewer(), "cli", line), withAdvice.run(Fixtures.viewer(), "cli", line));
        }
        assertThat(advice.asked).isNotEmpty();
    }

    @Test
    void rightsize_adviceStored_saysPerInstanceWhetherTheyAgree() {
        advice.stored = livyflowAdvice();

        Reply reply = withAdvice.run(Fixtures.viewer(), "cli", "rightsize livyflow --kind vm");

        assertThat(reply.isError()).as(String.valueOf(reply.error())).isFalse();
        Table beside = table(reply, "cost_explorer_rightsizing");
        Map<String, Map<String, String>> byInstance = rows(beside, "resource_id");
        assertThat(byInstance.get(GPU)).containsEntry("purser", "remove (idle)").containsEntry("cost_explorer", "terminate")
                .containsEntry("agreement", "same target");
        assertThat(byInstance.get(INGEST)).containsEntry("purser", "modify to m5.4xlarge")
                .containsEntry("cost_explorer", "modify to m5.xlarge").containsEntry("cost_explorer_target", "m5.xlarge")
                .containsEntry("cost_explorer_saving", "140.16 USD").containsEntry("agreement", "different target");
        assertThat(byInstance.get(REPORTING)).containsEntry("cost_explorer", "modify to c5.2xlarge")
                .containsEntry("agreement", "same target");
        assertThat(byInstance.get(STAGING_NODE)).containsEntry("purser", "keep t3.large")
                .containsEntry("agreement", "terminate");
        assertThat(byInstance.get("i-0a7d3e9f1b5c2e201")).as("bastion: CE has nothing")
                .containsEntry("cost_explorer", "none").containsEntry("cost_explorer_saving", "")
                .containsEntry("agreement", "no advice");
        assertThat(byInstance).as("only EC2 instances, not the node group").allSatisfy((id, row) ->
                assertThat(id).startsWith("i-"));
        assertThat(reply.notes()).anyMatch(n -> n.startsWith("Cost Explorer advice fetched 2026-11-14 06:00 UTC (livyflow)."));
        String text = TextRenderer.unbounded().render(reply);
        assertThat(text).contains("Cost Explorer beside Purser (EC2)", "modify to m5.xlarge", "$140.16");
        // a keep without a saving claims nothing, so it names no price basis; a change does
        Collection<Map<String, String>> recommendations = rows(table(reply, "recommendations"), "id").values();
        assertThat(recommendations).filteredOn(r -> r.get("action").equals("keep"))
                .isNotEmpty().allSatisfy(r -> assertThat(r).containsEntry("price_basis", ""));
        assertThat(recommendations).filteredOn(r -> !r.get("action").equals("keep"))
                .isNotEmpty().allSatisfy(r -> assertThat(r.get("price_basis")).isNotEmpty());
    }

    @Test
    void rightsize_adviceForInstancesPurserDoesNotList_isListedApart() {
        advice.stored = livyflowAdvice();

        Reply reply = withAdvice.run(Fixtures.viewer(), "cli", "rightsize livyflow");

        Table only = table(reply, "cost_explorer_only");
        assertThat(only.rows()).hasSize(1);
        Map<String, String> row = rows(only, "resource_id").get(CE_ONLY);
        assertThat(row).containsEntry("name", "old-batch").containsEntry("current_type", "t3.medium")
                .containsEntry("cost_explorer", "terminate").containsEntry("cost_explorer_saving", "42.05 USD")
                .containsEntry("reasons", "cpu over provisioned");
        assertThat(rows(table(reply, "cost_explorer_rightsizing"), "resource_id")).doesNotContainKey(CE_ONLY);
    }

    @Test
    void rightsize_json_carriesTheAdviceMachineReadably() {
        advice.stored = livyflowAdvice();

        String json = new JsonRenderer().render(withAdvice.run(Fixtures.viewer(), "cli", "rightsize livyflow --kind vm"));

        assertThat(json).contains("\"key\" : \"cost_explorer_rightsizing\"", "\"cost_explorer_target\" : \"m5.xlarge\"",
                "\"agreement\" : \"different target\"", "\"amount\" : \"140.16\"", "\"cost_explorer_only\"");
    }

    @Test
    void rightsize_targetOneInstance_comparesOnlyIt() {
        advice.stored = livyflowAdvice();

        Reply reply = withAdvice.run(Fixtures.viewer(), "cli", "rightsize ingest-worker");

        assertThat(rows(table(reply, "cost_explorer_rightsizing"), "resource_id")).containsOnlyKeys(INGEST);
        assertThat(reply.tables()).extracting(Table::key).doesNotContain("cost_explorer_only");
    }

    @Test
    void rightsize_databasesOnly_leavesEc2AdviceOut() {
        advice.stored = livyflowAdvice();

        Reply reply = withAdvice.run(Fixtures.viewer(), "cli", "rightsize livyflow --kind db");

        assertThat(reply.tables()).extracting(Table::key).doesNotContain("cost_explorer_rightsizing", "cost_explorer_only");
        assertThat(advice.asked).isEmpty();
    }

    @Test
    void rightsize_adviceStoreFails_answersWithANote() {
        advice.failure = new PurserException(ErrorCode.DATABASE_ERROR, "down");

        Reply reply = withAdvice.run(Fixtures.viewer(), "cli", "rightsize livyflow --kind vm");

        assertThat(reply.isError()).isFalse();
        assertThat(reply.notes()).anyMatch(n -> n.startsWith("Cost Explorer's advice could not be read (DATABASE_ERROR"));
    }

    @Test
    void savings_noAdviceStored_repliesExactlyAsWithoutThePort() {
        assertSameRenderings(plain.run(Fixtures.viewer(), "cli", "savings --account livyflow"),
                withAdvice.run(Fixtures.viewer(), "cli", "savings --account livyflow"));
    }

    @Test
    void savings_adviceStored_comparesTheCommitmentAndListsPurchases() {
        advice.stored = livyflowAdvice();

        Reply reply = withAdvice.run(Fixtures.viewer(), "cli", "savings --account livyflow");

        assertThat(reply.isError()).as(String.valueOf(reply.error())).isFalse();
        assertThat(reply.notes()).anyMatch(n -> n.startsWith("Cost Explorer recommends 1.234 USD/hour (COMPUTE_SP,"
                + " ONE_YEAR, NO_UPFRONT) saving 345.67 USD/month; Purser proposes"));
        assertThat(reply.notes()).noneMatch(n -> n.contains("was not available to compare with"));
        Map<String, String> plan = rows(table(reply, "cost_explorer_savings_plans"), "type").get("COMPUTE_SP");
        assertThat(plan).containsEntry("hourly_commitment", "1.234 USD").containsEntry("monthly_saving", "345.670 USD");
        Map<String, Map<String, String>> ris = rows(table(reply, "cost_explorer_reservations"), "instance_type");
        assertThat(ris.get("db.r6g.large")).containsEntry("service", "RDS").containsEntry("count", "2")
                .containsEntry("monthly_saving", "96.3600000000000001 USD");
        assertThat(ris.get("m5.xlarge")).containsEntry("service", "EC2");
        assertThat(reply.notes()).anyMatch(n -> n.startsWith("Cost Explorer advice fetched 2026-11-14 06:00 UTC (livyflow);"
                + " its purchases are not added to the total"));
        Reply before = plain.run(Fixtures.viewer(), "cli", "savings --account livyflow");
        assertThat(reply.figures()).as("Cost Explorer's purchases never change the total").isEqualTo(before.figures());
        assertThat(new MarkdownRenderer().render(reply)).contains("Cost Explorer: Reserved Instance purchases");
    }

    @Test
    void savings_fetchedButNothingAdvised_saysSo() {
        advice.stored = new StoredAdvice(List.of(new StoredAdvice.Fetch("livyflow", "aws-ce", FETCHED)), List.of(),
                List.of(), List.of());

        Reply reply = withAdvice.run(Fixtures.viewer(), "cli", "savings --account livyflow");

        assertThat(reply.tables()).extracting(Table::key)
                .doesNotContain("cost_explorer_savings_plans", "cost_explorer_reservations");
        assertThat(reply.notes()).anyMatch(n -> n.contains("it recommends no Savings Plan or Reserved Instance purchase"));
    }

    // ---------------------------------------------------------------------------------------

    static StoredAdvice livyflowAdvice() {
        List<RightsizingAdvice> rightsizing = List.of(
                modify(INGEST, "ingest-worker", "m5.2xlarge", "m5.xlarge", "140.16"),
                terminate(GPU, "ml-experiment-gpu", "g4dn.xlarge", "383.98"),
                modify(REPORTING, "reporting-batch", "c5.xlarge", "c5.2xlarge", "0.00"),
                terminate(STAGING_NODE, "eks-staging-node-1", "t3.large", "60.74"),
                terminate(CE_ONLY, "old-batch", "t3.medium", "42.05"));
        List<ReservationAdvice> reservations = List.of(
                new ReservationAdvice(CostExplorerAdvicePull.EC2_SERVICE, "333333333333", "ONE_YEAR", "NO_UPFRONT",
                        "m5.xlarge", "US East (N. Virginia)", new BigDecimal("4"), usd("0"), usd("353.32"), usd("560.64"),
                        usd("207.3200"), new BigDecimal("0"), new BigDecimal("100")),
                new ReservationAdvice(CostExplorerAdvicePull.RDS_SERVICE, "333333333333", "ONE_YEAR", "NO_UPFRONT",
                        "db.r6g.large", "US East (N. Virginia)", new BigDecimal("2"), usd("0"), usd("262.8"),
                        usd("359.16"), usd("96.3600000000000001"), new BigDecimal("0"), new BigDecimal("97.5")));
        List<SavingsPlanAdvice> plans = List.of(new SavingsPlanAdvice("COMPUTE_SP", "333333333333", "ONE_YEAR",
                "NO_UPFRONT", null, null, usd("1.234"), usd("0.0"), usd("345.670"), new BigDecimal("27.6"),
                new BigDecimal("99.2")));
        return new StoredAdvice(List.of(new StoredAdvice.Fetch("livyflow", "aws-ce", FETCHED)), rightsizing,
                reservations, plans);
    }

    static RightsizingAdvice modify(String id, String name, String from, String to, String saving) {
        return new RightsizingAdvice("333333333333", id, name, "US East (N. Virginia)", from,
                RightsizingAdvice.Action.MODIFY, to, null, usd(saving), new BigDecimal("18.5"), Map.of(),
                List.of("CPU_OVER_PROVISIONED"));
    }

    static RightsizingAdvice terminate(String id, String name, String type, String saving) {
        return new RightsizingAdvice("333333333333", id, name, "US East (N. Virginia)", type,
                RightsizingAdvice.Action.TERMINATE, null, usd(saving), usd(saving), new BigDecimal("0.8"), Map.of(),
                List.of("CPU_OVER_PROVISIONED"));
    }

    static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    static void assertSameRenderings(Reply a, Reply b) {
        assertThat(a.isError()).as(String.valueOf(a.error())).isFalse();
        assertThat(new TextRenderer().render(b)).isEqualTo(new TextRenderer().render(a));
        assertThat(new MarkdownRenderer().render(b)).isEqualTo(new MarkdownRenderer().render(a));
        assertThat(new JsonRenderer().render(b)).isEqualTo(new JsonRenderer().render(a));
    }

    static Table table(Reply reply, String key) {
        return reply.tables().stream().filter(t -> t.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no table " + key + " in "
                        + reply.tables().stream().map(Table::key).toList()));
    }

    /** Rows by one column's text, each as column key → cell (money as "amount CUR", empty as ""). */
    static Map<String, Map<String, String>> rows(Table t, String keyColumn) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (List<Value> row : t.rows()) {
            Map<String, String> cells = new LinkedHashMap<>();
            for (int c = 0; c < t.columns().size(); c++) {
                Value v = row.get(c);
                String s = v.isEmpty() ? "" : v.type() == ValueType.MONEY ? v.asMoney().amount().toPlainString() + " "
                        + v.asMoney().currency() : v.type() == ValueType.NUMBER ? v.asNumber().toPlainString()
                        : Formats.value(v);
                cells.put(t.columns().get(c).key(), s);
            }
            out.put(cells.get(keyColumn), cells);
        }
        return out;
    }
}
