package dev.purser.core.config;

import dev.purser.core.error.PurserException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * The one place where environment variables override {@code purser.yaml}. Precedence, lowest
 * first: built-in defaults, then the file, then these variables, so an operator can change one
 * setting of a shared file for one process without editing it. Each variable replaces the key it
 * maps to (a list variable replaces the whole list); a blank variable counts as unset.
 *
 * <p>Secrets are not in this table: they stay in their variables, which the file and these
 * defaults name ({@code PURSER_DATABASE_PASSWORD}, {@code DIGITALOCEAN_TOKEN}, ...), and are read
 * at the composition root. A {@code PURSER_*} variable that is neither here nor a secret stops
 * start-up, so a misspelt variable is not silently ignored.
 */
public final class EnvironmentOverlay {

    /** The path of {@code purser.yaml}. */
    public static final String CONFIG = "PURSER_CONFIG";

    /**
     * Variables Purser reads that the overlay leaves alone: secrets, logback's level, and the JVM
     * options the {@code bot/purser} script starts Java with (the JVM reads those before Purser runs).
     */
    public static final Set<String> PASSED_THROUGH = Set.of(
            "PURSER_DATABASE_PASSWORD", "PURSER_PROMETHEUS_TOKEN", "PURSER_MCP_TOKENS", "PURSER_LOG_LEVEL",
            "PURSER_JAVA_OPTS");

    private record Mapping(String key, BiFunction<PurserConfig, String, PurserConfig> apply) {
    }

    /** Variable → the key it overrides, in README order. */
    private static final Map<String, Mapping> MAPPINGS = mappings();

    private EnvironmentOverlay() {
    }

    private static Map<String, Mapping> mappings() {
        Map<String, Mapping> m = new LinkedHashMap<>();
        m.put("PURSER_HOME", new Mapping("home", (c, v) -> c.toBuilder().home(Path.of(v)).build()));
        m.put("PURSER_DATABASE_URL", new Mapping("database.url",
                (c, v) -> c.toBuilder().database(c.database().withUrl(v)).build()));
        m.put("PURSER_DATABASE_USER", new Mapping("database.user",
                (c, v) -> c.toBuilder().database(c.database().withUser(v)).build()));
        m.put("PURSER_TIMEZONE", new Mapping("timezone", (c, v) -> c.toBuilder().timezone(zone(v)).build()));
        m.put("PURSER_IMPORT_DIRS", new Mapping("imports.directories", (c, v) -> c.toBuilder()
                .imports(new ImportConfig(split(v, ":").stream().map(Path::of).toList())).build()));
        m.put("PURSER_RULES_FILE", new Mapping("rules.file",
                (c, v) -> c.toBuilder().rules(c.rules().withFile(Path.of(v))).build()));
        m.put("PURSER_BUDGETS_FILE", new Mapping("budgets.file",
                (c, v) -> c.toBuilder().budgets(c.budgets().withFile(Path.of(v))).build()));
        m.put("PURSER_DIGITALOCEAN_URL", new Mapping("digitalocean.base_url",
                (c, v) -> c.toBuilder().digitalocean(c.digitalocean().withBaseUrl(uri(v))).build()));
        m.put("AWS_REGION", new Mapping("aws.region", (c, v) -> c.toBuilder().aws(c.aws().withRegion(v)).build()));
        m.put("AWS_ACCOUNT_ID", new Mapping("aws.account_id",
                (c, v) -> c.toBuilder().aws(c.aws().withAccountId(v)).build()));
        m.put("PURSER_PROMETHEUS_URL", new Mapping("prometheus.url",
                (c, v) -> c.toBuilder().prometheus(c.prometheus().withUrl(uri(v))).build()));
        m.put("PURSER_PROMETHEUS_QUERIES", new Mapping("prometheus.queries_file",
                (c, v) -> c.toBuilder().prometheus(c.prometheus().withQueriesFile(Path.of(v))).build()));
        m.put("PURSER_DB_TARGETS", new Mapping("database_targets.targets",
                (c, v) -> c.toBuilder().databaseTargets(c.databaseTargets().withTargets(targets(v))).build()));
        m.put("PURSER_DB_ALLOWED_HOSTS", new Mapping("database_targets.allowed_hosts",
                (c, v) -> c.toBuilder().databaseTargets(c.databaseTargets().withAllowedHosts(split(v, ","))).build()));
        m.put("PURSER_MCP_STDIO_USER", new Mapping("mcp.stdio_user",
                (c, v) -> c.toBuilder().mcp(c.mcp().withStdio(v, c.mcp().stdioRoles())).build()));
        m.put("PURSER_MCP_STDIO_ROLES", new Mapping("mcp.stdio_roles", (c, v) -> c.toBuilder()
                .mcp(c.mcp().withStdio(c.mcp().stdioUser(), new LinkedHashSet<>(split(v, "[,+]")))).build()));
        m.put("PURSER_MCP_ALLOWED_HOSTS", new Mapping("mcp.allowed_hosts",
                (c, v) -> c.toBuilder().mcp(c.mcp().withAllowedHosts(split(v, ","))).build()));
        m.put("PURSER_MCP_ALLOWED_ORIGINS", new Mapping("mcp.allowed_origins",
                (c, v) -> c.toBuilder().mcp(c.mcp().withAllowedOrigins(split(v, ","))).build()));
        m.put("PURSER_MCP_BIND", new Mapping("mcp.bind",
                (c, v) -> c.toBuilder().mcp(c.mcp().withListen(v, c.mcp().port())).build()));
        m.put("PURSER_MCP_PORT", new Mapping("mcp.port",
                (c, v) -> c.toBuilder().mcp(c.mcp().withListen(c.mcp().bind(), port(v))).build()));
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Each overriding variable and the {@code purser.yaml} key it replaces, in documentation order. */
    public static Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        MAPPINGS.forEach((variable, mapping) -> keys.put(variable, mapping.key()));
        return keys;
    }

    /**
     * @param config      the configuration from defaults and the file
     * @param environment the process environment
     * @return the configuration with every set variable of {@link #keys()} applied
     * @throws PurserException BAD_ARGUMENT naming the variable for a bad value or an unknown {@code PURSER_*} variable
     */
    public static PurserConfig apply(PurserConfig config, Map<String, String> environment) {
        Set<String> unknown = new TreeSet<>();
        for (String name : environment.keySet()) {
            if (name.startsWith("PURSER_") && !MAPPINGS.containsKey(name) && !PASSED_THROUGH.contains(name)
                    && !name.equals(CONFIG)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            Set<String> known = new TreeSet<>(MAPPINGS.keySet());
            known.removeIf(k -> !k.startsWith("PURSER_"));
            known.addAll(PASSED_THROUGH);
            known.add(CONFIG);
            throw PurserException.badArgument("unknown configuration " + String.join(", ", unknown)
                    + "; Purser reads: " + String.join(", ", known));
        }
        PurserConfig result = config;
        for (Map.Entry<String, Mapping> e : MAPPINGS.entrySet()) {
            String value = environment.get(e.getKey());
            if (value == null || value.isBlank()) {
                continue;
            }
            try {
                result = e.getValue().apply().apply(result, value.trim());
            } catch (SettingException ex) {
                throw PurserException.badArgument(e.getKey() + " (" + e.getValue().key() + "): " + ex.problem());
            } catch (IllegalArgumentException ex) {
                throw PurserException.badArgument(e.getKey() + " (" + e.getValue().key() + "): " + ex.getMessage());
            }
        }
        return result;
    }

    private static List<String> split(String value, String separator) {
        return Arrays.stream(value.split(separator)).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static ZoneId zone(String value) {
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + value + "' is not a time zone; use e.g. UTC or Europe/Berlin", e);
        }
    }

    private static URI uri(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + value + "' is not a URL", e);
        }
    }

    private static Integer port(String value) {
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a port number: " + value, e);
        }
    }

    /** {@code name=jdbc:postgresql://host:port/db,...}; credentials from {@code PGUSER}/{@code PGPASSWORD}. */
    private static Map<String, DatabaseTargetConfig> targets(String value) {
        Map<String, DatabaseTargetConfig> targets = new LinkedHashMap<>();
        List<String> entries = new ArrayList<>(split(value, ","));
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("entry '" + entry + "' is not name=jdbc:postgresql://host:port/database");
            }
            targets.put(entry.substring(0, eq).trim(), DatabaseTargetConfig.of(entry.substring(eq + 1).trim()));
        }
        return targets;
    }
}
