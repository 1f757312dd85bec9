package dev.purser.core.plan;

import java.util.Objects;

/**
 * Something that must hold before a phase changes anything; the phase does not start when one fails.
 *
 * @param kind      which check
 * @param parameter its setting, as exact text ({@code PT24H} for a backup age, the metrics and band
 *                  for metrics in band)
 */
public record PreCheck(Kind kind, String parameter) {

    /** The checks a phase can carry. */
    public enum Kind {
        /** A backup of every target exists that is newer than {@code parameter} (an ISO duration). */
        BACKUP_NEWER_THAN,
        /** The named metrics are inside their normal band now ({@code parameter}: metrics and band). */
        METRICS_IN_BAND,
        /** No other plan holds a lock on any target. */
        NO_OTHER_PLAN_LOCK
    }

    public PreCheck {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(parameter, "parameter");
    }

    /** {@code backup_newer_than PT24H}. */
    public String canonical() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + (parameter.isEmpty() ? "" : " " + parameter);
    }

    /** For people: {@code backup newer than 24h}. */
    public String label() {
        return switch (kind) {
            case BACKUP_NEWER_THAN -> "backup newer than " + Durations.words(java.time.Duration.parse(parameter));
            case METRICS_IN_BAND -> "metrics in band: " + parameter.replace(",", ", ");
            case NO_OTHER_PLAN_LOCK -> "no lock by another plan";
        };
    }
}
