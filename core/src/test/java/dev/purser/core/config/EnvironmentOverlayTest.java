package dev.purser.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.net.URI;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentOverlayTest {

    private static final String FILE = """
            home: /from/file
            timezone: Europe/Berlin
            database: {url: "jdbc:postgresql://file:5432/purser", user: file-user}
            digitalocean: {base_url: "https://do-proxy.internal"}
            aws: {region: eu-west-1}
            prometheus: {url: "http://prom-file:9090"}
            mcp: {allowed_hosts: [file.internal], port: 9000}
            """;

    private static PurserConfig file() {
        return ConfigLoader.parse(FILE, "purser.yaml", Path.of("/etc/purser"));
    }

    @Test
    void apply_noVariables_keepsTheFile() {
        assertThat(EnvironmentOverlay.apply(file(), Map.of("HOME", "/root", "PATH", "/bin"))).isEqualTo(file());
    }

    @Test
    void apply_variablesOverrideTheFile() {
        Map<String, String> env = new HashMap<>();
        env.put("PURSER_HOME", "/from/env");
        env.put("PURSER_TIMEZONE", "America/New_York");
        env.put("PURSER_DATABASE_URL", "jdbc:postgresql://env:5432/purser");
        env.put("PURSER_DIGITALOCEAN_URL", "http://localhost:9999");
        env.put("AWS_REGION", "ap-south-1");
        env.put("PURSER_PROMETHEUS_URL", "http://prom-env:9090");
        env.put("PURSER_MCP_PORT", "9100");
        PurserConfig c = EnvironmentOverlay.apply(file(), env);
        assertThat(c.home()).isEqualTo(Path.of("/from/env"));
        assertThat(c.timezone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(c.database().url()).isEqualTo("jdbc:postgresql://env:5432/purser");
        assertThat(c.database().user()).isEqualTo("file-user");
        assertThat(c.digitalocean().baseUrl()).isEqualTo(URI.create("http://localhost:9999"));
        assertThat(c.aws().region()).isEqualTo("ap-south-1");
        assertThat(c.prometheus().url()).isEqualTo(URI.create("http://prom-env:9090"));
        assertThat(c.mcp().port()).isEqualTo(9100);
        assertThat(c.mcp().allowedHosts()).containsExactly("file.internal");
    }

    @Test
    void apply_everyExistingVariable_mapsToItsKey() {
        Map<String, String> env = new HashMap<>();
        env.put("PURSER_DATABASE_USER", "env-user");
        env.put("PURSER_IMPORT_DIRS", "/a:/b");
        env.put("PURSER_RULES_FILE", "/etc/rules.properties");
        env.put("PURSER_BUDGETS_FILE", "/etc/budgets.txt");
        env.put("AWS_ACCOUNT_ID", "111122223333");
        env.put("PURSER_PROMETHEUS_QUERIES", "/etc/queries.properties");
        env.put("PURSER_DB_TARGETS", "orders=jdbc:postgresql://orders:5432/orders");
        env.put("PURSER_DB_ALLOWED_HOSTS", "a.example.com, *.b.example.com");
        env.put("PURSER_MCP_STDIO_USER", "carol");
        env.put("PURSER_MCP_STDIO_ROLES", "viewer+admin");
        env.put("PURSER_MCP_ALLOWED_HOSTS", "purser.internal");
        env.put("PURSER_MCP_BIND", "0.0.0.0");
        PurserConfig c = EnvironmentOverlay.apply(PurserConfig.defaults(), env);
        assertThat(c.database().user()).isEqualTo("env-user");
        assertThat(c.imports().directories()).containsExactly(Path.of("/a"), Path.of("/b"));
        assertThat(c.rules().file()).isEqualTo(Path.of("/etc/rules.properties"));
        assertThat(c.budgets().file()).isEqualTo(Path.of("/etc/budgets.txt"));
        assertThat(c.aws().accountId()).isEqualTo("111122223333");
        assertThat(c.prometheus().queriesFile()).isEqualTo(Path.of("/etc/queries.properties"));
        assertThat(c.databaseTargets().targets()).containsExactly(
                Map.entry("orders", DatabaseTargetConfig.of("jdbc:postgresql://orders:5432/orders")));
        assertThat(c.databaseTargets().allowedHosts()).containsExactly("a.example.com", "*.b.example.com");
        assertThat(c.mcp().stdioUser()).isEqualTo("carol");
        assertThat(c.mcp().stdioRoles()).containsExactlyInAnyOrder("viewer", "admin");
        assertThat(c.mcp().allowedHosts()).containsExactly("purser.internal");
        assertThat(c.mcp().allowedOrigins()).containsExactly("purser.internal");
        assertThat(c.mcp().bind()).isEqualTo("0.0.0.0");
        assertThat(EnvironmentOverlay.keys()).containsKeys(env.keySet().toArray(String[]::new));
    }

    @Test
    void apply_blankVariable_countsAsUnset() {
        assertThat(EnvironmentOverlay.apply(file(), Map.of("PURSER_TIMEZONE", " ")).timezone())
                .isEqualTo(ZoneId.of("Europe/Berlin"));
    }

    @Test
    void apply_unknownPurserVariable_isRefused() {
        PurserException e = catchThrowableOfType(PurserException.class,
                () -> EnvironmentOverlay.apply(PurserConfig.defaults(), Map.of("PURSER_TIMEZOME", "UTC")));
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(e.getMessage()).contains("PURSER_TIMEZOME").contains("PURSER_TIMEZONE");
    }

    @Test
    void apply_secretVariables_areKnownButLeftAlone() {
        Map<String, String> env = Map.of("PURSER_DATABASE_PASSWORD", "pw", "PURSER_PROMETHEUS_TOKEN", "t",
                "PURSER_MCP_TOKENS", "ci:0123456789abcdef0123:viewer", "PURSER_LOG_LEVEL", "WARN",
                "PURSER_CONFIG", "/etc/purser/purser.yaml", "PURSER_JAVA_OPTS", "-Xmx192m");
        assertThat(EnvironmentOverlay.apply(PurserConfig.defaults(), env)).isEqualTo(PurserConfig.defaults());
    }

    @Test
    void apply_badValue_namesTheVariableAndKey() {
        PurserException e = catchThrowableOfType(PurserException.class,
                () -> EnvironmentOverlay.apply(PurserConfig.defaults(), Map.of("PURSER_TIMEZONE", "Mars/Olympus")));
        assertThat(e.getMessage()).startsWith("PURSER_TIMEZONE (timezone): ");
        PurserException url = catchThrowableOfType(PurserException.class, () -> EnvironmentOverlay.apply(
                PurserConfig.defaults(), Map.of("PURSER_DIGITALOCEAN_URL", "http://api.example.com")));
        assertThat(url.getMessage()).startsWith("PURSER_DIGITALOCEAN_URL (digitalocean.base_url): must be https");
        PurserException targets = catchThrowableOfType(PurserException.class, () -> EnvironmentOverlay.apply(
                PurserConfig.defaults(), Map.of("PURSER_DB_TARGETS", "orders")));
        assertThat(targets.getMessage()).startsWith("PURSER_DB_TARGETS (database_targets.targets): ");
    }

    @Test
    void fromEnvironment_readsTheFileThatPurserConfigNames() {
        Map<String, String> env = Map.of("PURSER_CONFIG", "../deploy/purser.yaml", "PURSER_TIMEZONE", "Asia/Tokyo");
        PurserConfig c = ConfigLoader.fromEnvironment(env);
        assertThat(c.timezone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(c.identities()).isNotEmpty();
        assertThat(ConfigLoader.fromEnvironment(Map.of())).isEqualTo(PurserConfig.defaults());
    }
}
