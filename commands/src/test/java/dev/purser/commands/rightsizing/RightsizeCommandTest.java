package dev.purser.commands.rightsizing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.CommandRegistry;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.Effect;
import dev.purser.commands.PathPolicy;
import dev.purser.commands.Principal;
import dev.purser.commands.Role;
import dev.purser.commands.charts.ChartRasterizer;
import dev.purser.commands.render.Formats;
import dev.purser.commands.render.MarkdownRenderer;
import dev.purser.commands.render.TextRenderer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.purser.commands.reply.CodeBlock;
import dev.purser.commands.reply.Figure;
import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.testing.Renderings;
import dev.purser.core.analysis.catalog.PriceCatalogs;
import dev.purser.core.analysis.recommendations.RightsizingService;
import dev.purser.core.analysis.rightsizing.RightsizingEngine;
import dev.purser.core.analysis.rightsizing.RightsizingRules;
import dev.purser.core.demo.DemoScenarios;
import dev.purser.core.demo.Scenario;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.ingest.FocusImporter;
import dev.purser.core.ingest.ImportOptions;
import dev.purser.core.store.InventoryRepository;
import dev.purser.core.store.JdbcCostQueries;
import dev.purser.core.store.JdbcCostSink;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code rightsize} over the demo scenarios, through the parser and dispatcher a face uses. */
class RightsizeCommandTest {

    static final LocalDate LAST_DAY = LocalDate.of(2026, 12, 10);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-10T12:00:00Z"), ZoneOffset.UTC);
    static final Principal VIEWER = new Principal("slack:U1", "Vera", Set.of(Role.VIEWER), true);

    private static PurserDatabase db;
    private static Path root;
    private static String investmentCompose;
    private static CommandSpec spec;
    private static CommandDispatcher dispatcher;

    @BeforeAll
    static void load() throws Exception {
        db = TestDatabase.fresh();
        root = Files.createTempDirectory("rightsize-command");
        InventoryRepository inventory = new InventoryRepository(db.dataSource());
        FocusImporter importer = new FocusImporter(new JdbcCostSink(db.dataSource()), CLOCK);
        for (String name : List.of("mandible", "investment")) {
            Scenario s = DemoScenarios.generate(name, LAST_DAY);
            importer.importFile(s.writeFiles(root.resolve("demo")).get(0), ImportOptions.STRICT);
            inventory.replaceScenario(s.name(), s.inventory(), s.usage());
            if (s.dockerCompose() != null) {
                investmentCompose = s.dockerCompose();
            }
        }
        RightsizingEngine engine = new RightsizingEngine(PriceCatalogs.bundled(), RightsizingRules.defaults(), CLOCK);
        RightsizingService service = new RightsizingService(inventory, engine, new JdbcCostQueries(db.dataSource()),
                CLOCK);
        spec = RightsizeCommand.create(service, PathPolicy.of(root));
        dispatcher = new CommandDispatcher(CommandRegistry.of(spec));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static Reply run(String line) {
        return dispatcher.run(VIEWER, "slack", line);
    }

    private static Table table(Reply reply, String key) {
        return reply.tables().stream().filter(t -> t.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no table " + key + " in " + reply.tables().stream()
                        .map(Table::key).toList()));
    }

    /** A compose size ({@code 512m}, {@code 1.5g}) as the services table shows it. */
    private static String shownBytes(String compose) {
        String t = compose.trim().toLowerCase(java.util.Locale.ROOT);
        char unit = t.charAt(t.length() - 1);
        double n = Double.parseDouble(Character.isLetter(unit) ? t.substring(0, t.length() - 1) : t);
        double mib = switch (unit) {
            case 'k' -> n / 1024;
            case 'm' -> n;
            case 'g' -> n * 1024;
            default -> n / (1024 * 1024);
        };
        return mib >= 1024 ? String.format(java.util.Locale.ROOT, "%.2f GiB", mib / 1024)
                : String.format(java.util.Locale.ROOT, "%.0f MiB", mib);
    }

    private static String money(Table t, int row) {
        int c = t.columns().stream().map(col -> col.key()).toList().indexOf("monthly_price");
        return Formats.money(t.rows().get(row).get(c).asMoney());
    }

    private static String cell(Table t, int row, String column) {
        for (int c = 0; c < t.columns().size(); c++) {
            if (t.columns().get(c).key().equals(column)) {
                Value v = t.rows().get(row).get(c);
                return v.isEmpty() ? "" : v.type() == dev.purser.commands.reply.ValueType.MONEY
                        ? v.asMoney().toString() : Formats.value(v);
            }
        }
        throw new AssertionError("no column " + column);
    }

    @Test
    void create_viewerReadOnly() {
        assertThat(spec.requiredRole()).isEqualTo(Role.VIEWER);
        assertThat(spec.effect()).isEqualTo(Effect.READ_ONLY);
        assertThat(spec.summary()).hasSizeLessThanOrEqualTo(100);
        spec.arguments().forEach(a -> assertThat(a.description()).as(a.name()).hasSizeLessThanOrEqualTo(100));
    }

    @Test
    void rightsize_mandibleDb_oneNodeVerdictsMatricesAndTotal() {
        Reply reply = run("rightsize mandible --kind db");

        assertThat(reply.isError()).as(String.valueOf(reply.error())).isFalse();
        Table verdicts = table(reply, "database_verdicts");
        assertThat(verdicts.rows()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(cell(verdicts, i, "verdict")).endsWith("x 1 node");
        }
        for (String key : List.of("decision_matrix_sso_prod", "decision_matrix_mandible_prod")) {
            Table m = table(reply, key);
            assertThat(m.rows()).anyMatch(r -> r.get(m.rows().get(0).size() - 1).asText().equals("verdict"));
            assertThat(m.columns()).extracting(c -> c.key()).contains("performance", "monthly_saving", "failover",
                    "data_loss_window", "backup_recency", "operational_complexity");
        }
        Figure total = reply.figures().stream().filter(f -> f.key().equals("total_saving")).findFirst().orElseThrow();
        assertThat(total.value().asMoney().amount()).isBetween(new BigDecimal("50"), new BigDecimal("100"));
        assertThat(reply.summary()).contains("price paid");
        assertThat(reply.notes()).anyMatch(n -> n.startsWith("catalog: digitalocean bundled snapshot 2026-11-01"));
        assertThat(new TextRenderer().render(reply)).contains("decision matrix", "sso-prod");
        assertThat(new MarkdownRenderer().render(reply)).contains("| db-s-1vcpu-2gb x 1 node |");
    }

    @Test
    void rightsize_investmentWithoutElasticsearch_summarySaysHostNeededAndWhatFits() {
        Reply reply = run("rightsize investment --kind container --budget 50 --without elasticsearch");
        Table host = table(reply, "compose_host_investment_host");
        String needed = cell(host, 1, "size");
        String without = cell(host, 2, "size");
        assertThat(needed).isEqualTo("s-4vcpu-8gb");
        assertThat(without).isEqualTo("s-2vcpu-4gb");
        assertThat(reply.summary())
                .doesNotContain("acting on 0 saves nothing")
                .contains("new limits save nothing on their own")
                .contains("the right-sized stack still needs an s-4vcpu-8gb at " + money(host, 1))
                .contains("over the $50.00 budget")
                .contains("without elasticsearch (replaced by PostgreSQL full-text search) an s-2vcpu-4gb at "
                        + money(host, 2) + "/month fits the budget")
                .containsPattern("saving \\$[0-9.]+/month on today's host\\.$");
    }

    @Test
    void article_followsHowTheSlugIsRead() {
        assertThat(RightsizeCommand.article("s-2vcpu-4gb")).isEqualTo("an");
        assertThat(RightsizeCommand.article("c-8")).isEqualTo("a");
        assertThat(RightsizeCommand.article("m5.large")).isEqualTo("an");
        assertThat(RightsizeCommand.article("db-s-1vcpu-2gb")).isEqualTo("a");
        assertThat(RightsizeCommand.article("t3.micro")).isEqualTo("a");
    }

    @Test
    void rightsize_investment_limitsBudgetWhatIfAndDiff() {
        Reply reply = run("rightsize investment --kind container --without elasticsearch");

        assertThat(reply.isError()).as(String.valueOf(reply.error())).isFalse();
        Table services = table(reply, "compose_services_investment_host");
        assertThat(services.rows()).hasSize(10);
        assertThat(cell(services, 1, "memory_limit")).startsWith("4.00 GiB → ");
        assertThat(services.footer()).isNotEmpty();
        Table host = table(reply, "compose_host_investment_host");
        assertThat(host.title()).contains("budget $50.00/month");
        assertThat(cell(host, 0, "fits_budget")).isEqualTo("no");
        assertThat(cell(host, 2, "item")).isEqualTo("without elasticsearch");
        assertThat(cell(host, 2, "detail")).contains("elasticsearch");
        CodeBlock diff = CodeBlocks.code(reply, "compose_diff_investment_host");
        assertThat(diff.language()).isEqualTo("diff");
        assertThat(diff.text().lines()).contains("-          memory: 4g");
        assertThat(reply.codeBlocks()).extracting(CodeBlock::key).doesNotContain("compose_file_investment_host");

        FollowUp patched = reply.followUps().stream().filter(f -> f.commandLine().contains("--patched")).findFirst()
                .orElseThrow();
        Reply whole = run(patched.commandLine());
        CodeBlock file = CodeBlocks.code(whole, "compose_file_investment_host");
        assertThat(file.language()).isEqualTo("yaml");
        assertThat(file.text().lines().count()).isEqualTo(investmentCompose.lines().count());
        assertThat(CodeBlocks.apply(investmentCompose, diff.text())).isEqualTo(file.text());
        // every proposed memory limit in the services table is what the patched file sets
        JsonNode patchedServices = CodeBlocks.yaml(file.text()).get("services");
        Table sized = table(whole, "compose_services_investment_host");
        int changed = 0;
        for (int r = 0; r < sized.rows().size(); r++) {
            String memory = cell(sized, r, "memory_limit");
            if (memory.contains(" → ")) {
                String service = cell(sized, r, "service");
                String limit = patchedServices.at("/" + service + "/deploy/resources/limits/memory").asText();
                assertThat(shownBytes(limit)).as(service).isEqualTo(memory.substring(memory.indexOf("→ ") + 2));
                changed++;
            }
        }
        assertThat(changed).isPositive();
        assertThat(reply.followUps()).anyMatch(f -> f.commandLine().endsWith("--kind container --chart")
                && !f.commandLine().contains("investment-host"));
    }

    @Test
    void rightsize_composeFileArgument_usedAndConfined() throws Exception {
        Path compose = root.resolve("stack.yml");
        Files.writeString(compose, investmentCompose.replace("memory: 4g", "memory: 6g"), StandardCharsets.UTF_8);
        Reply reply = run("rightsize investment-host --kind container --compose stack.yml --budget 80");
        assertThat(reply.isError()).as(String.valueOf(reply.error())).isFalse();
        assertThat(CodeBlocks.code(reply, "compose_diff_investment_host").text().lines())
                .contains("-          memory: 6g");
        assertThat(table(reply, "compose_host_investment_host").title()).contains("budget $80.00/month");

        Reply outside = run("rightsize investment --kind container --compose /etc/passwd");
        assertThat(outside.error().code()).isEqualTo(ErrorCode.PATH_NOT_ALLOWED);
    }

    @Test
    void rightsize_composeFileOverOneMebibyte_refusedBeforeItIsRead() throws Exception {
        Path compose = root.resolve("huge.yml");
        try (java.io.Writer out = Files.newBufferedWriter(compose, StandardCharsets.UTF_8)) {
            out.write(investmentCompose);
            String comment = "# " + "x".repeat(1000) + "\n";
            for (int i = 0; i < 1100; i++) {
                out.write(comment);
            }
        }

        Reply reply = run("rightsize investment-host --kind container --compose huge.yml");

        assertThat(reply.error().code()).isEqualTo(ErrorCode.MALFORMED_FILE);
        assertThat(reply.error().message()).isEqualTo("huge.yml:1: the compose file is larger than 1 MiB; this is not one");
    }

    @Test
    void rightsize_chart_drawsUsageAgainstCapacity() {
        Reply reply = run("rightsize mandible-prod --chart");
        assertThat(reply.isError()).as(String.valueOf(reply.error())).isFalse();
        assertThat(reply.charts()).hasSizeGreaterThanOrEqualTo(1);
        byte[] png = ChartRasterizer.png(reply.charts().get(0));
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        assertThat(reply.charts().get(0).altText()).contains("current 2.00 cores");
    }

    @Test
    void rightsize_badArguments_sayWhatWasExpected() {
        assertThat(run("rightsize --window 0d").error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(run("rightsize --kind disk").error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(run("rightsize --budget -5").error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(run("rightsize no-such-thing").error().code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void rightsize_mandible_showsTheUsageEachProposalRestsOn() {
        Reply reply = run("rightsize mandible");
        Table recs = table(reply, "recommendations");
        Table evidence = table(reply, "evidence");

        assertThat(evidence.rows()).hasSize(recs.rows().size());
        int row = -1;
        for (int i = 0; i < evidence.rows().size(); i++) {
            if (cell(evidence, i, "resource").equals("mandible-prod")) {
                row = i;
            }
        }
        assertThat(row).isNotNegative();
        int column = evidence.columns().stream().map(c -> c.key()).toList().indexOf("cpu_p95_cores");
        BigDecimal p95 = evidence.rows().get(row).get(column).asNumber();
        BigDecimal max = evidence.rows().get(row).get(column + 2).asNumber();
        // the 1-node proposal keeps db-s-2vcpu-4gb: 2 cores, so p95 must sit under 70 % of them
        assertThat(p95).isPositive().isLessThanOrEqualTo(new BigDecimal("1.40"));
        assertThat(max).isGreaterThanOrEqualTo(p95);
        assertThat(new TextRenderer().render(reply)).contains("Evidence: usage over the window", "cores", "GiB");
    }

    @Test
    void rightsize_sameEvidence_sameIds() {
        Table first = table(run("rightsize mandible"), "recommendations");
        Table second = table(run("rightsize mandible"), "recommendations");
        assertThat(first.rows()).extracting(r -> r.get(0).asText()).isEqualTo(
                second.rows().stream().map(r -> r.get(0).asText()).toList());
    }

    @Test
    void rightsize_renderings_matchGoldenFiles() {
        // the mandible clusters (verdicts, decision matrices, evidence) and the investment compose stack
        // (limits, host choice, budget, what-if, diff), each in text, Markdown and JSON
        Renderings.assertMatchGolden("rightsize-mandible", run("rightsize --account mandible"));
        Renderings.assertMatchGolden("rightsize-investment",
                run("rightsize --account investment --budget 50 --without elasticsearch"));
    }
}
