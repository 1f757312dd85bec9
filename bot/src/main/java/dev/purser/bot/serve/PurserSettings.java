package dev.purser.bot.serve;

import dev.purser.core.analysis.rules.AnalysisRules;

import dev.purser.core.error.PurserException;
import dev.purser.core.store.DatabaseSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Purser's configuration, read once from the environment at start-up. Secrets (database
 * password, tokens) come only from here and are never printed. A {@code PURSER_*} variable that
 * Purser does not know fails start-up, so a typo is not silently ignored.
 *
 * @param importDirectories the only directories import commands may read files from
 * @param analysisRules     right-sizing rules and waste thresholds: the defaults with the
 *                          overrides of {@code PURSER_RULES_FILE}, when set
 */
public record PurserSettings(
        DatabaseSettings database,
        ZoneId zone,
        List<Path> importDirectories,
        AnalysisRules analysisRules,
        Map<String, String> environment) {

    /**
     * Every variable Purser reads outside the MCP face; the README's configuration table lists
     * the same. {@code PURSER_MCP_*} variables are checked by the MCP settings themselves.
     */
    public static final Set<String> KNOWN = Set.of(
            "PURSER_HOME",
            "PURSER_DATABASE_URL",
            "PURSER_DATABASE_USER",
            "PURSER_DATABASE_PASSWORD",
            "PURSER_TIMEZONE",
            "PURSER_LOG_LEVEL",
            "PURSER_IMPORT_DIRS",
            "PURSER_BUDGETS_FILE",
            "PURSER_DB_TARGETS",
            "PURSER_DB_ALLOWED_HOSTS",
            "PURSER_PROMETHEUS_URL",
            "PURSER_PROMETHEUS_TOKEN",
            "PURSER_PROMETHEUS_QUERIES",
            "PURSER_DIGITALOCEAN_URL",
            "PURSER_RULES_FILE");

    public PurserSettings {
        importDirectories = List.copyOf(importDirectories);
        Objects.requireNonNull(analysisRules, "analysisRules");
        environment = Map.copyOf(environment);
    }

    /**
     * @param workingDirectory where relative import paths resolve; always an allowed import root
     * @throws PurserException BAD_ARGUMENT for an unknown PURSER_ variable or a bad value
     */
    public static PurserSettings fromEnvironment(Map<String, String> env, Path workingDirectory) {
        Set<String> unknown = new TreeSet<>();
        for (String key : env.keySet()) {
            if (key.startsWith("PURSER_") && !key.startsWith("PURSER_MCP_") && !KNOWN.contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw PurserException.badArgument("unknown configuration " + String.join(", ", unknown)
                    + "; Purser reads: " + String.join(", ", new TreeSet<>(KNOWN)));
        }
        DatabaseSettings database = DatabaseSettings.fromEnvironment(env);
        ZoneId zone = ZoneOffset.UTC;
        String tz = env.get("PURSER_TIMEZONE");
        if (tz != null && !tz.isBlank()) {
            try {
                zone = ZoneId.of(tz.trim());
            } catch (DateTimeException e) {
                throw PurserException.badArgument("PURSER_TIMEZONE '" + tz + "' is not a time zone; use e.g. UTC or Europe/Berlin");
            }
        }
        List<Path> imports = new ArrayList<>();
        imports.add(workingDirectory.toAbsolutePath().normalize());
        String dirs = env.get("PURSER_IMPORT_DIRS");
        if (dirs != null && !dirs.isBlank()) {
            for (String d : dirs.split(":")) {
                if (!d.isBlank()) {
                    imports.add(Path.of(d.trim()).toAbsolutePath().normalize());
                }
            }
        }
        imports.add(database.home().toAbsolutePath().normalize());
        return new PurserSettings(database, zone, imports, analysisRules(env), env);
    }

    /** The budget definitions file to seed from ({@code PURSER_BUDGETS_FILE}), or null. */
    public Path budgetsFile() {
        String f = environment.get("PURSER_BUDGETS_FILE");
        return f == null || f.isBlank() ? null : Path.of(f.trim());
    }

    /**
     * Read at start-up, so a bad rules file stops every command, not only rightsize.
     *
     * @throws PurserException BAD_ARGUMENT when the file cannot be read or has an unknown key or bad value
     */
    private static AnalysisRules analysisRules(Map<String, String> environment) {
        String f = environment.get("PURSER_RULES_FILE");
        if (f == null || f.isBlank()) {
            return AnalysisRules.defaults();
        }
        Path path = Path.of(f.trim());
        try {
            return AnalysisRules.parse(Files.readString(path), "PURSER_RULES_FILE " + path);
        } catch (IOException e) {
            throw PurserException.badArgument("cannot read PURSER_RULES_FILE " + path + ": " + e.getMessage());
        }
    }

    public Path home() {
        return database.home();
    }

    @Override
    public String toString() {
        return "PurserSettings[" + database + ", zone=" + zone + ", importDirectories=" + importDirectories + "]";
    }
}
