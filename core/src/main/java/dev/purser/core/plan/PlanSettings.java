package dev.purser.core.plan;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What plans are made with: the window used when {@code --window} is not given, the backup age the
 * pre-check demands, the soak periods, and tiers set by configuration over the resources' tags.
 *
 * @param defaultWindow   the window used when none is given
 * @param backupMaxAge    a phase needs a backup of each database target newer than this
 * @param soak            how long a production phase is watched after its change
 * @param shortSoak       how long a rehearsal or non-production phase is watched
 * @param tiers           resource id or name → approval tier, over the tier the tags give
 * @param trafficWindow   how far back the traffic that orders the phases is measured
 */
public record PlanSettings(MaintenanceWindow defaultWindow, Duration backupMaxAge, Duration soak, Duration shortSoak,
        Map<String, String> tiers, Duration trafficWindow) {

    public PlanSettings {
        Objects.requireNonNull(defaultWindow, "defaultWindow");
        Objects.requireNonNull(backupMaxAge, "backupMaxAge");
        Objects.requireNonNull(soak, "soak");
        Objects.requireNonNull(shortSoak, "shortSoak");
        TreeMap<String, String> t = new TreeMap<>();
        (tiers == null ? Map.<String, String>of() : tiers).forEach((k, v) -> t.put(k, v.toLowerCase(Locale.ROOT)));
        tiers = Map.copyOf(t);
        Objects.requireNonNull(trafficWindow, "trafficWindow");
    }

    /** Saturday 02:00-04:00 in {@code zone}, a 24-hour backup age, 24 hours of soak (1 hour for rehearsals), 30 days of traffic. */
    public static PlanSettings defaults(ZoneId zone) {
        return new PlanSettings(MaintenanceWindow.parse("Sat 02:00-04:00", zone), Duration.ofHours(24),
                Duration.ofHours(24), Duration.ofHours(1), Map.of(), Duration.ofDays(30));
    }

    public PlanSettings withTiers(Map<String, String> byResource) {
        return new PlanSettings(defaultWindow, backupMaxAge, soak, shortSoak, byResource, trafficWindow);
    }
}
