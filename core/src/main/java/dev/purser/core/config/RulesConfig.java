package dev.purser.core.config;

import dev.purser.core.analysis.rules.AnalysisRules;
import dev.purser.core.error.PurserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Right-sizing rules and waste thresholds over the defaults. Values may come from a properties
 * file (the {@code deploy/rules.properties.example} format, kept so existing files keep working)
 * and from the two maps here, written with the same keys without their prefix
 * ({@code rightsizing: {cpu_p95_target: 0.6}}); a key in a map wins over the file. Both are
 * checked by {@link AnalysisRules}'s own parser, so there is one list of keys and one range check.
 *
 * @param file        a rules properties file, or null
 * @param rightsizing {@code rightsizing.*} keys without the prefix → value
 * @param waste       {@code waste.*} keys without the prefix → value
 */
public record RulesConfig(Path file, Map<String, String> rightsizing, Map<String, String> waste) {

    public RulesConfig {
        rightsizing = Map.copyOf(new TreeMap<>(Check.map(rightsizing)));
        waste = Map.copyOf(new TreeMap<>(Check.map(waste)));
        try {
            AnalysisRules.parse(inlineProperties(rightsizing, waste), "rules");
        } catch (PurserException e) {
            throw new SettingException(firstKey(rightsizing, waste, e.getMessage()), e.getMessage().replaceFirst("^rules: ", ""));
        }
    }

    public static RulesConfig defaults() {
        return new RulesConfig(null, Map.of(), Map.of());
    }

    public RulesConfig withFile(Path newFile) {
        return new RulesConfig(newFile, rightsizing, waste);
    }

    /**
     * The rules: the defaults, then the file, then the maps.
     *
     * @throws PurserException BAD_ARGUMENT when the file cannot be read or has an unknown key or bad value
     */
    public AnalysisRules resolve() {
        String inline = inlineProperties(rightsizing, waste);
        if (file == null) {
            return AnalysisRules.parse(inline, "rules");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw PurserException.badArgument("cannot read " + source() + ": " + e.getMessage());
        }
        AnalysisRules.parse(text, source());
        // Properties keep the last value of a repeated key, so the maps, written last, win.
        return AnalysisRules.parse(text + "\n" + inline, source() + " with the rules of purser.yaml");
    }

    /** Names the file and both places it may be set, since the message cannot know which one did. */
    private String source() {
        return "rules file " + file + " (rules.file or PURSER_RULES_FILE)";
    }

    private static String inlineProperties(Map<String, String> rightsizing, Map<String, String> waste) {
        StringBuilder text = new StringBuilder();
        rightsizing.forEach((k, v) -> text.append("rightsizing.").append(k).append('=').append(v).append('\n'));
        waste.forEach((k, v) -> text.append("waste.").append(k).append('=').append(v).append('\n'));
        return text.toString();
    }

    /** The section key the parser's message names, so the loader can point at its line. */
    private static String firstKey(Map<String, String> rightsizing, Map<String, String> waste, String message) {
        for (String k : rightsizing.keySet()) {
            if (message.contains("rightsizing." + k)) {
                return "rightsizing." + k;
            }
        }
        for (String k : waste.keySet()) {
            if (message.contains("waste." + k)) {
                return "waste." + k;
            }
        }
        return "rightsizing";
    }
}
