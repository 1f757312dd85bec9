package dev.purser.core.config;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How plans are made.
 *
 * @param defaultWindow  the maintenance window when {@code plan create} is given no {@code --window},
 *                       such as {@code Sat 02:00-04:00 Europe/Berlin}; default Saturday 02:00-04:00 in
 *                       Purser's time zone
 * @param backupMaxAge   a database phase's pre-check demands a backup newer than this; default 24h
 * @param soak           how long a production phase is watched after its change; default 24h
 * @param rehearsalSoak  how long a rehearsal or non-production phase is watched; default 1h
 * @param tiers          resource name or id → approval tier, over the tier the resource's env tag gives
 */
public record PlansConfig(String defaultWindow, Duration backupMaxAge, Duration soak, Duration rehearsalSoak,
        Map<String, String> tiers) {

    private static final Pattern TIER = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    public PlansConfig {
        defaultWindow = Check.blankToNull(defaultWindow);
        backupMaxAge = positive("backup_max_age", backupMaxAge, Duration.ofHours(24));
        soak = positive("soak", soak, Duration.ofHours(24));
        rehearsalSoak = positive("rehearsal_soak", rehearsalSoak, Duration.ofHours(1));
        TreeMap<String, String> t = new TreeMap<>();
        for (Map.Entry<String, String> e : Check.map(tiers).entrySet()) {
            String tier = e.getValue() == null ? "" : e.getValue().trim().toLowerCase(java.util.Locale.ROOT);
            if (!TIER.matcher(tier).matches()) {
                throw new SettingException("tiers." + e.getKey(), "a tier is a lower-case word such as production or "
                        + "staging, got '" + e.getValue() + "'");
            }
            t.put(e.getKey(), tier);
        }
        tiers = Map.copyOf(t);
    }

    public static PlansConfig defaults() {
        return new PlansConfig(null, null, null, null, null);
    }

    private static Duration positive(String key, Duration value, Duration fallback) {
        Duration d = value == null ? fallback : value;
        if (d.isNegative() || d.isZero()) {
            throw new SettingException(key, "must be positive, got " + d);
        }
        return d;
    }
}
