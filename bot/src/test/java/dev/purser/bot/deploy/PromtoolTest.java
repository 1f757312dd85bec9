package dev.purser.bot.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Prometheus's own checker over what Purser ships: a real scrape of {@code /metrics} from
 * {@code purser serve} with the demo's data ({@code promtool check metrics}: names, units, help
 * texts), the scrape configuration, the alert rules and their unit tests.
 *
 * <p>Needs {@code promtool} (Debian's {@code prometheus} package). Tagged {@code promtool} so a
 * build without it can leave these out on purpose; run here without the tool, each test fails
 * saying how to install it.
 */
@Tag("promtool")
class PromtoolTest {

    record Run(int code, String output) {
    }

    static Run promtool(Path directory, String stdin, String... args) {
        List<String> command = new ArrayList<>();
        // the path the build checked for (.mvn/maven.config), so the tool run is the tool found
        command.add(System.getProperty("purser.promtool", "promtool"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("promtool is not installed (or not on PATH): install Debian's prometheus package "
                    + "(apt-get install prometheus), or leave out the tests tagged promtool", e);
        }
        try {
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            String out;
            try (InputStream o = p.getInputStream()) {
                out = new String(o.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("promtool " + String.join(" ", args) + " did not finish in 120 s");
            }
            return new Run(p.exitValue(), out);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void checkMetrics_realScrapeWithDemoData_noProblems() throws IOException {
        String scrape = DemoServer.get().scrape();
        Path saved = Path.of("target", "purser-metrics.prom");
        Files.createDirectories(saved.getParent());
        Files.writeString(saved, scrape);
        // the scrape holds every family the dashboard and the rules use, with samples
        assertThat(scrape).contains("cost_budget_usage_percent{", "daily_cost_dollars{", "monthly_cost_forecast_dollars{",
                "savings_potential_dollars{", "purser_import_rows_total{", "cost_anomalies{");
        Run r = promtool(DeployFiles.root(), scrape, "check", "metrics");
        assertThat(r.output()).as("promtool check metrics").isBlank();
        assertThat(r.code()).isZero();
    }

    @Test
    void checkMetrics_badlyNamedCounter_isCaught() {
        // the same check fails on what it should, so a silent promtool cannot pass the test above
        Run r = promtool(DeployFiles.root(), "# HELP purser_imports Imports\n# TYPE purser_imports counter\n"
                + "purser_imports 3\n", "check", "metrics");
        assertThat(r.code()).isNotZero();
        assertThat(r.output()).contains("counter metrics should have \"_total\" suffix");
    }

    @Test
    void checkConfig_prometheusYml_withItsRules() {
        Run r = promtool(DeployFiles.root().resolve("prometheus"), null, "check", "config", "prometheus.yml");
        assertThat(r.code()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS");
    }

    @Test
    void checkRules_alerts() {
        Run r = promtool(DeployFiles.root().resolve("prometheus"), null, "check", "rules", "alerts.yml");
        assertThat(r.code()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS: 8 rules found");
    }

    @Test
    void dashboardQueries_parseAsPromQl() throws IOException {
        // promtool has no offline query check, but it parses every recording rule's expression:
        // each panel's query becomes one
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        int n = 0;
        for (String q : DashboardAndRulesTest.dashboardQueries()) {
            rules.append("      - record: dashboard:query_").append(++n).append("\n        expr: '")
                    .append(q.replace("'", "''")).append("'\n");
        }
        Path file = Path.of("target", "dashboard-queries.rules.yml").toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, rules);
        Run r = promtool(DeployFiles.root(), null, "check", "rules", file.toString());
        assertThat(r.code()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS: " + n + " rules found");
    }

    @Test
    void testRules_everyAlertHasPassingUnitTests() throws IOException {
        Path dir = DeployFiles.root().resolve("prometheus");
        Run r = promtool(dir, null, "test", "rules", "alerts.test.yml");
        assertThat(r.code()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS");
        String tests = Files.readString(dir.resolve("alerts.test.yml"));
        for (String alert : List.of("PurserDown", "CostMetricsAbsent", "BudgetCrossed", "BudgetForecastOver", "CostSpike",
                "ImportsFailing", "CostDataStale")) {
            assertThat(tests).as(alert + " has a unit test").contains("alertname: " + alert);
        }
    }
}
