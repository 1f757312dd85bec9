package dev.purser.bot.serve;

import dev.purser.core.analysis.rules.AnalysisRules;
import dev.purser.core.config.ConfigLoader;
import dev.purser.core.config.PurserConfig;
import dev.purser.core.config.Secret;
import dev.purser.core.error.PurserException;
import dev.purser.core.store.DatabaseSettings;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Purser's settings at start-up: the typed configuration ({@code purser.yaml} with the
 * {@code PURSER_*} variables over it), and what the launcher derives from it once. The
 * environment is kept only to resolve the secrets the configuration names; it is never printed.
 *
 * @param config            the typed configuration
 * @param database          Purser's own database, its password resolved from the variable the configuration names
 * @param importDirectories the only directories import commands may read files from
 * @param analysisRules     right-sizing rules and waste thresholds, read at start-up so a bad
 *                          rules file stops every command, not only rightsize
 * @param environment       where secrets are read from
 */
public record PurserSettings(
        PurserConfig config,
        DatabaseSettings database,
        List<Path> importDirectories,
        AnalysisRules analysisRules,
        Map<String, String> environment) {

    public PurserSettings {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(database, "database");
        importDirectories = List.copyOf(importDirectories);
        Objects.requireNonNull(analysisRules, "analysisRules");
        environment = Map.copyOf(environment);
    }

    /**
     * Reads {@code PURSER_CONFIG} (when set) and the environment.
     *
     * @param workingDirectory where relative import paths resolve; always an allowed import root
     * @throws PurserException BAD_ARGUMENT for an unknown key or variable, or a bad value
     */
    public static PurserSettings fromEnvironment(Map<String, String> env, Path workingDirectory) {
        return from(ConfigLoader.fromEnvironment(env), env, workingDirectory);
    }

    /**
     * @param config           the typed configuration, already read
     * @param env              where the secrets the configuration names are read from
     * @param workingDirectory where relative import paths resolve; always an allowed import root
     * @throws PurserException BAD_ARGUMENT when the rules file cannot be read or has a bad key or value
     */
    public static PurserSettings from(PurserConfig config, Map<String, String> env, Path workingDirectory) {
        String passwordEnv = config.database().passwordEnv();
        DatabaseSettings database = DatabaseSettings.of(config.database(), config.home(),
                Secret.of(passwordEnv, env.get(passwordEnv)));
        List<Path> imports = new ArrayList<>();
        imports.add(workingDirectory.toAbsolutePath().normalize());
        imports.addAll(config.imports().directories());
        imports.add(config.home());
        return new PurserSettings(config, database, imports, config.rules().resolve(), env);
    }

    public ZoneId zone() {
        return config.timezone();
    }

    public Path home() {
        return config.home();
    }

    @Override
    public String toString() {
        return "PurserSettings[" + database + ", zone=" + zone() + ", importDirectories=" + importDirectories + "]";
    }
}
