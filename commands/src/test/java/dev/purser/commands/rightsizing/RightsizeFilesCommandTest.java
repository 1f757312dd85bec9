package dev.purser.commands.rightsizing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.CommandRegistry;
import dev.purser.commands.PathPolicy;
import dev.purser.commands.Principal;
import dev.purser.commands.Role;
import dev.purser.commands.render.MarkdownRenderer;
import dev.purser.commands.render.TextRenderer;
import dev.purser.commands.reply.CodeBlock;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.core.analysis.catalog.PriceCatalogs;
import dev.purser.core.analysis.recommendations.RightsizingService;
import dev.purser.core.analysis.rightsizing.RightsizingEngine;
import dev.purser.core.analysis.rightsizing.RightsizingRules;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.store.InventoryRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code rightsize --compose --stats --host}: a stack sized from files alone, no database. */
class RightsizeFilesCommandTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-20T00:00:00Z"), ZoneOffset.UTC);
    static final Principal VIEWER = new Principal("slack:U1", "Vera", Set.of(Role.VIEWER), true);
    static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
    static final int MINUTES = 2 * 24 * 60;
    static final double MIB = 1024.0 * 1024;

    private static CommandDispatcher dispatcher;
    private static double webMaxMemory;
    private static double dbMaxMemory;
    private static final List<Double> WEB_CPU = new ArrayList<>();
    private static final List<Double> DB_CPU = new ArrayList<>();

    @BeforeAll
    static void files() throws Exception {
        Path root = Files.createTempDirectory("rightsize-files");
        Files.writeString(root.resolve("docker-compose.yml"), COMPOSE, StandardCharsets.UTF_8);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < MINUTES; i++) {
            double phase = Math.sin(2 * Math.PI * i / 1440.0);
            double webCpu = 25 + 15 * phase + (i % 97 == 0 ? 40 : 0);
            double webMem = 300 + 80 * phase + (i % 131 == 0 ? 60 : 0);
            double dbCpu = 12 + 6 * phase;
            double dbMem = 1100 + 200 * phase;
            WEB_CPU.add(webCpu / 100);
            DB_CPU.add(dbCpu / 100);
            webMaxMemory = Math.max(webMaxMemory, webMem * MIB);
            dbMaxMemory = Math.max(dbMaxMemory, dbMem * MIB);
            String t = START.plusSeconds(60L * i).toString();
            // half the lines with epoch seconds, v1 and v2 container names
            String ts = i % 2 == 0 ? "\"timestamp\":\"" + t + "\"" : "\"ts\":" + START.plusSeconds(60L * i).getEpochSecond();
            lines.append(line("shop-web-1", webCpu, webMem, ts)).append('\n');
            lines.append(line("shop_db_1", dbCpu, dbMem, ts)).append('\n');
        }
        Files.writeString(root.resolve("stats.jsonl"), lines, StandardCharsets.UTF_8);

        RightsizingEngine engine = new RightsizingEngine(PriceCatalogs.bundled(), RightsizingRules.defaults(), CLOCK);
        // never connected: the files path reads no inventory
        InventoryRepository inventory = new InventoryRepository(new org.postgresql.ds.PGSimpleDataSource());
        RightsizingService service = new RightsizingService(inventory, engine, null, CLOCK);
        dispatcher = new CommandDispatcher(CommandRegistry.of(RightsizeCommand.create(service, PathPolicy.of(root))));
    }

    private static String line(String name, double cpuPercent, double memMib, String ts) {
        return String.format(Locale.ROOT, "{\"BlockIO\":\"0B / 0B\",\"CPUPerc\":\"%.2f%%\",\"Container\":\"c\","
                + "\"ID\":\"c\",\"MemPerc\":\"5.00%%\",\"MemUsage\":\"%.1fMiB / 7.6GiB\",\"Name\":\"%s\","
                + "\"NetIO\":\"1kB / 1kB\",\"PIDs\":\"4\",%s}", cpuPercent, memMib, name, ts);
    }

    private static final String COMPOSE = """
            services:
              web:
                image: nginx
                deploy:
                  resources:
                    limits:
                      cpus: "3"
                      memory: 4g
              db:
                image: postgres:16
                deploy:
                  resources:
                    limits:
                      cpus: "3"
                      memory: 6g
            """;

    private static Reply run(String line) {
        return dispatcher.run(VIEWER, "slack", line);
    }

    private static Table table(Reply reply, String key) {
        return reply.tables().stream().filter(t -> t.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no table " + key + " in " + reply.tables().stream()
                        .map(Table::key).toList()));
    }

    private static double p99(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.ceil(0.99 * sorted.size()) - 1);
    }

    private static double bytes(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        char unit = t.charAt(t.length() - 1);
        double n = Double.parseDouble(Character.isLetter(unit) ? t.substring(0, t.length() - 1) : t);
        return switch (unit) {
            case 'k' -> n * 1024;
            case 'm' -> n * MIB;
            case 'g' -> n * MIB * 1024;
            default -> n;
        };
    }

    @Test
    void rightsize_composeAndStats_limitsCoverUsageAndBudgetVerdict() throws Exception {
        Reply reply = run("rightsize --compose docker-compose.yml --stats stats.jsonl --host s-4vcpu-8gb --budget 50"
                + " --patched");

        assertThat(reply.isError()).as(String.valueOf(reply.error())).isFalse();
        Table host = table(reply, "compose_host_s_4vcpu_8gb");
        assertThat(host.title()).contains("budget $50.00/month");
        // s-4vcpu-8gb lists at $48: it fits now, and the right-sized s-2vcpu-4gb fits too
        assertThat(host.rows().get(0).get(3).asText()).isEqualTo("yes");
        assertThat(host.rows().get(1).get(1).asText()).isEqualTo("s-2vcpu-4gb");
        assertThat(reply.summary()).doesNotContain("30 days");
        assertThat(table(reply, "compose_services_s_4vcpu_8gb").rows()).hasSize(2);
        CodeBlock file = CodeBlocks.code(reply, "compose_file_s_4vcpu_8gb");
        assertThat(file.language()).isEqualTo("yaml");
        assertThat(reply.tables()).extracting(Table::key).doesNotContain("compose_file_s_4vcpu_8gb",
                "compose_diff_s_4vcpu_8gb");
        JsonNode services = CodeBlocks.yaml(file.text()).get("services");
        JsonNode web = services.get("web").get("deploy").get("resources").get("limits");
        JsonNode db = services.get("db").get("deploy").get("resources").get("limits");
        assertThat(bytes(web.get("memory").asText())).isGreaterThanOrEqualTo(webMaxMemory * 1.2);
        assertThat(bytes(db.get("memory").asText())).isGreaterThanOrEqualTo(dbMaxMemory * 1.2);
        assertThat(Double.parseDouble(web.get("cpus").asText())).isGreaterThanOrEqualTo(p99(WEB_CPU));
        assertThat(Double.parseDouble(db.get("cpus").asText())).isGreaterThanOrEqualTo(p99(DB_CPU));
        assertThat(bytes(web.get("memory").asText())).isLessThan(4 * 1024 * MIB);
        assertThat(reply.notes()).anyMatch(n -> n.startsWith("usage from the stats file: 2 services"));
    }

    @Test
    void rightsize_composeDiff_copiedFromMarkdownAppliesToTheFile() {
        Reply reply = run("rightsize --compose docker-compose.yml --stats stats.jsonl --host s-4vcpu-8gb --patched");
        CodeBlock diff = CodeBlocks.code(reply, "compose_diff_s_4vcpu_8gb");
        CodeBlock file = CodeBlocks.code(reply, "compose_file_s_4vcpu_8gb");
        String markdown = new MarkdownRenderer().render(reply);

        List<CodeBlocks.Fenced> copied = CodeBlocks.fenced(markdown);

        assertThat(diff.language()).isEqualTo("diff");
        assertThat(diff.text()).contains("\n-          memory: 4g\n", "\n+          memory: ");
        assertThat(copied).containsExactly(new CodeBlocks.Fenced("diff", diff.text()),
                new CodeBlocks.Fenced("yaml", file.text()));
        // what a reader copies out of the chat applies cleanly and gives the patched file
        assertThat(CodeBlocks.apply(COMPOSE, copied.get(0).text())).isEqualTo(file.text());
        JsonNode web = CodeBlocks.yaml(copied.get(1).text()).at("/services/web/deploy/resources/limits");
        assertThat(bytes(web.get("memory").asText())).isLessThan(4 * 1024 * MIB);
        assertThat(CodeBlocks.fenced(new TextRenderer().render(reply))).isEqualTo(copied);
    }

    @Test
    void rightsize_filesFollowUpChart_keepsTheFiles() {
        Reply reply = run("rightsize --compose docker-compose.yml --stats stats.jsonl --host s-4vcpu-8gb");
        String chart = reply.followUps().stream().map(f -> f.commandLine()).filter(c -> c.contains("--chart"))
                .findFirst().orElseThrow();

        Reply charted = run(chart.replaceFirst("^purser ", ""));

        assertThat(chart).contains("--stats", "--host s-4vcpu-8gb");
        assertThat(charted.isError()).as(String.valueOf(charted.error())).isFalse();
        assertThat(charted.charts()).isNotEmpty();
    }

    @Test
    void rightsize_statsWithoutHost_isBadArgument() {
        Reply reply = run("rightsize --compose docker-compose.yml --stats stats.jsonl");

        assertThat(reply.isError()).isTrue();
        assertThat(reply.error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(reply.error().message()).contains("--host");
    }

    @Test
    void rightsize_statsOutsideImportDir_isRefused() {
        Reply reply = run("rightsize --compose docker-compose.yml --stats /etc/passwd --host s-4vcpu-8gb");

        assertThat(reply.isError()).isTrue();
        assertThat(reply.error().code()).isEqualTo(ErrorCode.PATH_NOT_ALLOWED);
    }
}
