package dev.purser.core.cloud.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The PromQL {@link PrometheusUsagePull} runs: {@link UsageQuery}'s defaults, with a team's
 * overrides. Overrides come as a properties file (or a JSON object of the same keys):
 * <pre>
 * node.cpu_cores = 1 - avg by (host) (rate(node_cpu_seconds_total{mode="idle"}[$__rate_interval]))
 * node.cpu_cores.labels = host
 * postgres.connections = sum by (server) (pg_stat_activity_count)
 * postgres.connections.labels = server
 * cadvisor.cpu_cores =
 * </pre>
 * A blank value switches a query off (a team without Kubernetes saves nine queries). Unknown
 * keys fail, so a typo is not silently ignored.
 */
public final class UsageQueries {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LABELS = ".labels";

    private final Map<UsageQuery, Optional<MetricQuery>> queries;

    private UsageQueries(Map<UsageQuery, Optional<MetricQuery>> queries) {
        this.queries = queries;
    }

    /** Every default. */
    public static UsageQueries defaults() {
        Map<UsageQuery, Optional<MetricQuery>> m = new EnumMap<>(UsageQuery.class);
        for (UsageQuery q : UsageQuery.values()) {
            m.put(q, Optional.of(q.defaultQuery()));
        }
        return new UsageQueries(m);
    }

    /** A copy with {@code which} answered by {@code query}, or switched off when {@code query} is null. */
    public UsageQueries with(UsageQuery which, MetricQuery query) {
        Objects.requireNonNull(which, "which");
        Map<UsageQuery, Optional<MetricQuery>> m = new EnumMap<>(queries);
        m.put(which, Optional.ofNullable(query));
        return new UsageQueries(m);
    }

    /** The query to run, or empty when switched off. */
    public Optional<MetricQuery> query(UsageQuery which) {
        return queries.get(which);
    }

    /**
     * The defaults overridden by a file: JSON when its name ends in {@code .json}, properties otherwise.
     *
     * @param variable the environment variable that named the file, for messages
     * @throws PurserException BAD_ARGUMENT when the file cannot be read, is malformed, or has an unknown key
     */
    public static UsageQueries read(Path file, String variable) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PurserException(ErrorCode.BAD_ARGUMENT, variable + " names " + file
                    + ", which cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
        boolean json = file.getFileName() != null
                && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        return defaults().overriddenBy(json ? jsonEntries(text, file, variable) : propertyEntries(text, file, variable),
                file, variable);
    }

    /** The defaults overridden by these key/value pairs (keys as in the class comment). */
    public static UsageQueries of(Map<String, String> overrides) {
        return defaults().overriddenBy(new LinkedHashMap<>(overrides), null, "the query overrides");
    }

    private UsageQueries overriddenBy(Map<String, String> entries, Path file, String variable) {
        String where = file == null ? variable : variable + " (" + file + ")";
        Map<UsageQuery, Optional<MetricQuery>> m = new EnumMap<>(queries);
        List<String> unknown = new ArrayList<>();
        Map<UsageQuery, List<String>> labels = new EnumMap<>(UsageQuery.class);
        Map<UsageQuery, String> promql = new EnumMap<>(UsageQuery.class);
        for (Map.Entry<String, String> e : entries.entrySet()) {
            String key = e.getKey().strip();
            boolean isLabels = key.endsWith(LABELS);
            Optional<UsageQuery> q = UsageQuery.ofKey(isLabels ? key.substring(0, key.length() - LABELS.length()) : key);
            if (q.isEmpty()) {
                unknown.add(key);
                continue;
            }
            String value = e.getValue() == null ? "" : e.getValue().strip();
            if (isLabels) {
                List<String> l = Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
                if (l.isEmpty()) {
                    throw PurserException.badArgument(where + ": " + key + " names no label");
                }
                labels.put(q.get(), l);
            } else {
                promql.put(q.get(), value);
            }
        }
        if (!unknown.isEmpty()) {
            List<String> known = new ArrayList<>();
            for (UsageQuery q : UsageQuery.values()) {
                known.add(q.key());
            }
            throw PurserException.badArgument(where + " has unknown keys " + new TreeSet<>(unknown) + "; known: "
                    + String.join(", ", known) + " (each with an optional .labels)");
        }
        for (UsageQuery q : UsageQuery.values()) {
            String text = promql.get(q);
            List<String> l = labels.get(q);
            if (text == null && l == null) {
                continue;
            }
            if (text != null && text.isEmpty()) {
                m.put(q, Optional.empty());
                continue;
            }
            MetricQuery base = m.get(q).orElse(q.defaultQuery());
            m.put(q, Optional.of(new MetricQuery(text != null ? text : base.promql(),
                    l != null ? l : base.resourceLabels())));
        }
        return new UsageQueries(m);
    }

    private static Map<String, String> propertyEntries(String text, Path file, String variable) {
        Properties p = new Properties();
        try (Reader r = new StringReader(text)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new PurserException(ErrorCode.BAD_ARGUMENT, variable + " names " + file
                    + ", which is not a properties file: " + e.getMessage(), e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : new TreeSet<>(p.stringPropertyNames())) {
            out.put(name, p.getProperty(name));
        }
        return out;
    }

    private static Map<String, String> jsonEntries(String text, Path file, String variable) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw new PurserException(ErrorCode.BAD_ARGUMENT, variable + " names " + file + ", which is not JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw PurserException.badArgument(variable + " names " + file + ", which is not a JSON object of"
                    + " key -> PromQL");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            JsonNode v = e.getValue();
            if (v.isArray()) {
                List<String> items = new ArrayList<>();
                v.forEach(i -> items.add(i.asText()));
                out.put(e.getKey(), String.join(",", items));
            } else if (v.isTextual() || v.isNull()) {
                out.put(e.getKey(), v.isNull() ? "" : v.asText());
            } else {
                throw PurserException.badArgument(variable + " (" + file + "): " + e.getKey()
                        + " must be a string (or a list of labels)");
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "UsageQueries" + queries;
    }
}
