package dev.purser.core.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The databases {@code db} may analyse.
 *
 * @param targets      name → database, so a user types {@code db orders}
 * @param allowedHosts hosts a typed {@code db jdbc:postgresql://...} URL may name ({@code *.example.com}
 *                     allowed); empty refuses typed URLs
 */
public record DatabaseTargetsConfig(Map<String, DatabaseTargetConfig> targets, List<String> allowedHosts) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

    public DatabaseTargetsConfig {
        Map<String, DatabaseTargetConfig> ordered = new LinkedHashMap<>();
        if (targets != null) {
            for (Map.Entry<String, DatabaseTargetConfig> e : targets.entrySet()) {
                if (!NAME.matcher(e.getKey()).matches()) {
                    throw new SettingException("targets." + e.getKey(), "a target name is letters, digits, '.', '_' or '-'");
                }
                if (e.getValue() == null) {
                    throw new SettingException("targets." + e.getKey(), "needs a url");
                }
                ordered.put(e.getKey(), e.getValue());
            }
        }
        targets = java.util.Collections.unmodifiableMap(ordered);
        allowedHosts = Check.list(allowedHosts).stream().map(String::trim).filter(h -> !h.isEmpty()).toList();
    }

    public static DatabaseTargetsConfig defaults() {
        return new DatabaseTargetsConfig(Map.of(), List.of());
    }

    public DatabaseTargetsConfig withTargets(Map<String, DatabaseTargetConfig> newTargets) {
        return new DatabaseTargetsConfig(newTargets, allowedHosts);
    }

    public DatabaseTargetsConfig withAllowedHosts(List<String> newHosts) {
        return new DatabaseTargetsConfig(targets, newHosts);
    }
}
