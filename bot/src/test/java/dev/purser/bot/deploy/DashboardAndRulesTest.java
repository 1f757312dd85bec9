package dev.purser.bot.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the alert rules read only metric names that a real scrape of
 * {@code purser serve} (demo data) holds, so neither can drift from what Purser exports; the
 * dashboard has the panels an operator needs and uses the provisioned data source.
 */
class DashboardAndRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private static Set<String> exported;

    @BeforeAll
    static void scrape() {
        Scrape scrape = Scrape.parse(DemoServer.get().scrape());
        exported = new HashSet<>(scrape.names());
        exported.addAll(scrape.families());
    }

    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : dashboard.get("panels")) {
            out.add(p);
            if (p.has("panels")) {
                p.get("panels").forEach(out::add);
            }
        }
        return out;
    }

    static JsonNode dashboard() throws IOException {
        return JSON.readTree(DeployFiles.file("grafana/dashboards/purser.json").toFile());
    }

    /** Every PromQL expression of the dashboard's panels. */
    static List<String> dashboardQueries() throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode p : panels(dashboard())) {
            if (p.has("targets")) {
                p.get("targets").forEach(t -> out.add(t.get("expr").asText()));
            }
        }
        return out;
    }

    @Test
    void promQl_metricNames_skipsFunctionsLabelsAndKeywords() {
        assertThat(PromQl.metricNames("histogram_quantile(0.95, sum by (le, command) "
                + "(rate(purser_command_duration_seconds_bucket{face=\"slack\"}[5m])))"))
                .containsExactly("purser_command_duration_seconds_bucket");
        assertThat(PromQl.metricNames("a:b:sum > 1.5 * (a:b:sum offset 7d) and on () (max(up{job=\"x\"}) == 1)"))
                .containsExactly("a:b:sum", "up");
    }

    @Test
    void dashboard_everyPanelQueriesOnlyExportedMetrics() throws IOException {
        List<String> queries = dashboardQueries();
        assertThat(queries).hasSizeGreaterThan(10);
        for (String q : queries) {
            Set<String> names = PromQl.metricNames(q);
            assertThat(names).as(q).isNotEmpty();
            assertThat(exported).as("metrics read by " + q).containsAll(names);
        }
    }

    @Test
    void dashboard_hasThePanelsOperatorsNeed_eachWithAQueryAndTheProvisionedDataSource() throws IOException {
        JsonNode datasources = YAML.readTree(DeployFiles.file("grafana/provisioning/datasources/prometheus.yml").toFile());
        String uid = datasources.get("datasources").get(0).get("uid").asText();
        List<String> titles = new ArrayList<>();
        Set<String> types = new HashSet<>();
        for (JsonNode p : panels(dashboard())) {
            if (p.get("type").asText().equals("row")) {
                continue;
            }
            titles.add(p.get("title").asText());
            types.add(p.get("type").asText());
            assertThat(p.get("targets")).as(p.get("title").asText()).isNotEmpty();
            assertThat(p.get("datasource").get("uid").asText()).isEqualTo(uid);
            p.get("targets").forEach(t -> assertThat(t.get("datasource").get("uid").asText()).isEqualTo(uid));
        }
        assertThat(types).contains("gauge", "timeseries", "stat", "bargauge");
        assertThat(titles).contains("Budget used this month", "Daily cost by provider", "Month-end forecast",
                "Anomalies in the last 7 days", "Savings potential per month", "Command latency");
        assertThat(titles).doesNotHaveDuplicates();
    }

    @Test
    void dashboardProvisioning_pointsAtTheMountedDashboardDirectory() throws IOException {
        JsonNode providers = YAML.readTree(DeployFiles.file("grafana/provisioning/dashboards/purser.yml").toFile());
        String path = providers.get("providers").get(0).get("options").get("path").asText();
        String compose = java.nio.file.Files.readString(DeployFiles.file("docker-compose.yml"));
        assertThat(compose).contains("./grafana/dashboards:" + path);
    }

    @Test
    void alertRules_readOnlyExportedMetrics_upAndTheirOwnRecordings() throws IOException {
        JsonNode rules = YAML.readTree(DeployFiles.file("prometheus/alerts.yml").toFile());
        Set<String> known = new HashSet<>(exported);
        known.add("up");
        List<String> exprs = new ArrayList<>();
        for (JsonNode group : rules.get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                if (rule.has("record")) {
                    known.add(rule.get("record").asText());
                }
                exprs.add(rule.get("expr").asText());
            }
        }
        for (String e : exprs) {
            assertThat(known).as("metrics read by " + e).containsAll(PromQl.metricNames(e));
        }
    }
}
