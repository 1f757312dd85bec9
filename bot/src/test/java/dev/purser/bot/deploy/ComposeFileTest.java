package dev.purser.bot.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/docker-compose.yml against the Compose Specification's JSON schema (a copy in the test
 * resources, its source in SOURCES.md there), and what the issue asks of it beyond the schema:
 * a healthy database first, limits that hold the service within 256 MiB, Prometheus and Grafana
 * given files that exist.
 */
class ComposeFileTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static Schema schema;
    private static JsonNode compose;

    @BeforeAll
    static void load() throws IOException {
        // read from its location, so the schema's relative $id (compose_spec.json) has a base
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(SchemaLocation.of("classpath:deploy/compose-spec.json"));
        compose = YAML.readTree(DeployFiles.file("docker-compose.yml").toFile());
    }

    private static List<Error> errors(JsonNode document) {
        return schema.validate(document);
    }

    @Test
    void composeFile_validAgainstTheComposeSpecification() {
        assertThat(errors(compose)).isEmpty();
    }

    @Test
    void schema_refusesAnUnknownServiceKey_andAMisspeltCondition() {
        ObjectNode unknown = compose.deepCopy();
        ((ObjectNode) unknown.get("services").get("purser")).put("restartt", "always");
        assertThat(errors(unknown)).isNotEmpty();
        ObjectNode condition = compose.deepCopy();
        ((ObjectNode) condition.get("services").get("purser").get("depends_on").get("postgres"))
                .put("condition", "service_heathy");
        assertThat(errors(condition)).isNotEmpty();
    }

    @Test
    void postgres_hasAHealthCheckAndAVolume_andPurserWaitsForItToBeHealthy() {
        JsonNode postgres = compose.get("services").get("postgres");
        assertThat(postgres.get("healthcheck").get("test").toString()).contains("pg_isready");
        String volume = postgres.get("volumes").get(0).asText();
        assertThat(volume).endsWith(":/var/lib/postgresql/data");
        assertThat(compose.get("volumes").has(volume.substring(0, volume.indexOf(':')))).isTrue();
        assertThat(compose.get("services").get("purser").get("depends_on").get("postgres").get("condition").asText())
                .isEqualTo("service_healthy");
    }

    @Test
    void purser_limitedToOneCpuAnd256MiB() {
        JsonNode limits = compose.get("services").get("purser").get("deploy").get("resources").get("limits");
        assertThat(limits.get("memory").asText()).isEqualTo("256M");
        assertThat(Double.parseDouble(limits.get("cpus").asText())).isPositive().isLessThanOrEqualTo(2.0);
    }

    @Test
    void secrets_comeFromFilesOutsideGit_neverFromTheComposeFile() throws IOException {
        String text = Files.readString(DeployFiles.file("docker-compose.yml"));
        assertThat(text).contains("${POSTGRES_PASSWORD:?", "purser.env");
        assertThat(text).doesNotContainPattern("(?i)(password|token|secret)\\s*:\\s*[\"']?[A-Za-z0-9]{8,}");
        String ignore = Files.readString(DeployFiles.file(".gitignore"));
        assertThat(ignore).contains(".env", "purser.env");
    }

    @Test
    void everyBindMountedFileOrDirectory_existsInDeploy() {
        Path root = DeployFiles.root();
        for (JsonNode service : compose.get("services")) {
            if (!service.has("volumes")) {
                continue;
            }
            for (JsonNode v : service.get("volumes")) {
                String source = v.asText().substring(0, v.asText().indexOf(':'));
                if (source.startsWith("./")) {
                    assertThat(root.resolve(source)).as(v.asText()).exists();
                }
            }
        }
        assertThat(compose.get("services").get("prometheus").get("volumes").toString())
                .contains("./prometheus/prometheus.yml", "./prometheus/alerts.yml");
        assertThat(compose.get("services").get("grafana").get("volumes").toString())
                .contains("./grafana/provisioning", "./grafana/dashboards");
    }

    @Test
    void prometheusScrapesThePortPurserServes() throws IOException {
        JsonNode prometheus = YAML.readTree(DeployFiles.file("prometheus/prometheus.yml").toFile());
        String target = prometheus.get("scrape_configs").get(0).get("static_configs").get(0).get("targets").get(0).asText();
        assertThat(target).isEqualTo("purser:8765");
        assertThat(compose.get("services").get("purser").get("command").toString()).contains("\"--port\",\"8765\"");
    }
}
