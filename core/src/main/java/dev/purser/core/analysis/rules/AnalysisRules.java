package dev.purser.core.analysis.rules;

import dev.purser.core.analysis.rightsizing.RightsizingRules;
import dev.purser.core.analysis.waste.WasteSettings;
import dev.purser.core.error.PurserException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Right-sizing rules and waste thresholds: the defaults, with any overrides from a properties
 * file such as
 *
 * <pre>
 * rightsizing.cpu_p95_target = 0.60
 * rightsizing.allow_single_node_for_critical = true
 * waste.snapshot_retention_days = 30
 * </pre>
 *
 * <p>Every key is listed in {@link #defaultsAsProperties()} with its default. An unknown key or a
 * value out of range is refused with the key named, so a typo never silently keeps a default.
 */
public record AnalysisRules(RightsizingRules rightsizing, WasteSettings waste) {

    private static final String RIGHTSIZING = "rightsizing.";
    private static final String WASTE = "waste.";

    public AnalysisRules {
        Objects.requireNonNull(rightsizing, "rightsizing");
        Objects.requireNonNull(waste, "waste");
    }

    public static AnalysisRules defaults() {
        return new AnalysisRules(RightsizingRules.defaults(), WasteSettings.defaults());
    }

    /**
     * @param text       the properties file's content
     * @param sourceName names the file in error messages (e.g. {@code PURSER_RULES_FILE /etc/purser/rules.properties})
     * @throws PurserException BAD_ARGUMENT naming the key for an unknown key or a bad value
     */
    public static AnalysisRules parse(String text, String sourceName) {
        Properties p = new Properties();
        try (Reader r = new StringReader(text)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw PurserException.badArgument(sourceName + " is not a properties file: " + e.getMessage());
        }
        Map<String, String> values = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> values.put(k.trim(), p.getProperty(k).trim()));
        Map<String, String> known = defaultsAsProperties();
        TreeSet<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(known.keySet());
        if (!unknown.isEmpty()) {
            throw PurserException.badArgument(sourceName + ": unknown " + (unknown.size() == 1 ? "key " : "keys ")
                    + String.join(", ", unknown) + "; known keys: " + String.join(", ", known.keySet()));
        }
        Values v = new Values(values, known, sourceName);
        RightsizingRules r;
        WasteSettings w;
        try {
            r = new RightsizingRules(
                    v.days("rightsizing.window_days"),
                    v.integer("rightsizing.min_days"),
                    v.decimal("rightsizing.cpu_p95_target"),
                    v.decimal("rightsizing.cpu_p99_target"),
                    v.decimal("rightsizing.memory_headroom"),
                    v.integer("rightsizing.trend_horizon_days"),
                    v.decimal("rightsizing.idle_cpu_p95"),
                    v.decimal("rightsizing.idle_cpu_max"),
                    v.decimal("rightsizing.idle_cpu_cores"),
                    v.decimal("rightsizing.max_gap_fraction"),
                    v.decimal("rightsizing.noticeable_gap_fraction"),
                    v.decimal("rightsizing.trend_min_r_squared"),
                    v.decimal("rightsizing.trend_min_change"),
                    v.decimal("rightsizing.periodic_min_autocorrelation"),
                    v.decimal("rightsizing.bursty_peak_ratio"),
                    v.bool("rightsizing.allow_single_node_for_critical"),
                    v.bool("rightsizing.allow_family_change"),
                    v.get("rightsizing.min_monthly_saving", BigDecimal::new),
                    v.decimal("rightsizing.cpu_cost_weight"),
                    v.integer("rightsizing.host_overhead_mib") * 1024L * 1024L,
                    v.decimal("rightsizing.restore_gib_per_hour"),
                    Duration.ofMinutes(v.integer("rightsizing.restore_fixed_minutes")));
            w = new WasteSettings(
                    v.days("waste.snapshot_retention_days"),
                    v.decimal("waste.idle_cpu_percent"),
                    v.days("waste.cpu_window_days"),
                    v.integer("waste.idle_connections"),
                    v.days("waste.database_window_days"),
                    v.decimal("waste.minimum_coverage"),
                    v.integer("waste.bill_days"));
        } catch (IllegalArgumentException e) {
            throw PurserException.badArgument(sourceName + ": " + e.getMessage());
        }
        return new AnalysisRules(r, w);
    }

    /** Every key with its default, in file order: what {@code deploy/rules.properties.example} lists. */
    public static Map<String, String> defaultsAsProperties() {
        RightsizingRules r = RightsizingRules.defaults();
        WasteSettings w = WasteSettings.defaults();
        Map<String, String> m = new LinkedHashMap<>();
        m.put(RIGHTSIZING + "window_days", Long.toString(r.window().toDays()));
        m.put(RIGHTSIZING + "min_days", Integer.toString(r.minDays()));
        m.put(RIGHTSIZING + "cpu_p95_target", number(r.cpuP95Target()));
        m.put(RIGHTSIZING + "cpu_p99_target", number(r.cpuP99Target()));
        m.put(RIGHTSIZING + "memory_headroom", number(r.memoryHeadroom()));
        m.put(RIGHTSIZING + "trend_horizon_days", Integer.toString(r.trendHorizonDays()));
        m.put(RIGHTSIZING + "idle_cpu_p95", number(r.idleCpuP95()));
        m.put(RIGHTSIZING + "idle_cpu_max", number(r.idleCpuMax()));
        m.put(RIGHTSIZING + "idle_cpu_cores", number(r.idleCpuCores()));
        m.put(RIGHTSIZING + "max_gap_fraction", number(r.maxGapFraction()));
        m.put(RIGHTSIZING + "noticeable_gap_fraction", number(r.noticeableGapFraction()));
        m.put(RIGHTSIZING + "trend_min_r_squared", number(r.trendMinRSquared()));
        m.put(RIGHTSIZING + "trend_min_change", number(r.trendMinChange()));
        m.put(RIGHTSIZING + "periodic_min_autocorrelation", number(r.periodicMinAutocorrelation()));
        m.put(RIGHTSIZING + "bursty_peak_ratio", number(r.burstyPeakRatio()));
        m.put(RIGHTSIZING + "allow_single_node_for_critical", Boolean.toString(r.allowSingleNodeForCritical()));
        m.put(RIGHTSIZING + "allow_family_change", Boolean.toString(r.allowFamilyChange()));
        m.put(RIGHTSIZING + "min_monthly_saving", r.minMonthlySaving().toPlainString());
        m.put(RIGHTSIZING + "cpu_cost_weight", number(r.cpuCostWeight()));
        m.put(RIGHTSIZING + "host_overhead_mib", Long.toString(r.hostOverheadBytes() / (1024L * 1024L)));
        m.put(RIGHTSIZING + "restore_gib_per_hour", number(r.restoreGibPerHour()));
        m.put(RIGHTSIZING + "restore_fixed_minutes", Long.toString(r.restoreFixedTime().toMinutes()));
        m.put(WASTE + "snapshot_retention_days", Long.toString(w.snapshotRetention().toDays()));
        m.put(WASTE + "idle_cpu_percent", number(w.idleCpuPercent()));
        m.put(WASTE + "cpu_window_days", Long.toString(w.cpuWindow().toDays()));
        m.put(WASTE + "idle_connections", Long.toString(w.idleConnections()));
        m.put(WASTE + "database_window_days", Long.toString(w.databaseWindow().toDays()));
        m.put(WASTE + "minimum_coverage", number(w.minimumCoverage()));
        m.put(WASTE + "bill_days", Integer.toString(w.billDays()));
        return m;
    }

    private static String number(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /** The file's values over the defaults, each parsed with the key named on failure. */
    private record Values(Map<String, String> given, Map<String, String> defaults, String sourceName) {

        <T> T get(String key, Function<String, T> parse) {
            return get(key, parse, "a number");
        }

        <T> T get(String key, Function<String, T> parse, String expected) {
            String text = given.getOrDefault(key, defaults.get(key));
            try {
                return parse.apply(text);
            } catch (RuntimeException e) {
                throw PurserException.badArgument(sourceName + ": " + key + " = '" + text + "' is not " + expected);
            }
        }

        double decimal(String key) {
            double d = get(key, Double::parseDouble);
            if (!Double.isFinite(d)) {
                throw PurserException.badArgument(sourceName + ": " + key + " must be a finite number");
            }
            return d;
        }

        int integer(String key) {
            return get(key, Integer::parseInt, "a whole number");
        }

        Duration days(String key) {
            return Duration.ofDays(integer(key));
        }

        boolean bool(String key) {
            return get(key, Values::parseBool, "true or false");
        }

        static Boolean parseBool(String s) {
            String t = s.toLowerCase(Locale.ROOT);
            if (t.equals("true") || t.equals("false")) {
                return Boolean.valueOf(t);
            }
            throw new IllegalArgumentException(s);
        }
    }
}
