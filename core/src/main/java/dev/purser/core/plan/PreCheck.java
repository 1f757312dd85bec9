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

    /**
     * For {@link Kind#BACKUP_NEWER_THAN}: the oldest a latest backup may be.
     *
     * @throws IllegalStateException for another kind, or a parameter that is no ISO duration
     */
    public java.time.Duration maxAge() {
        if (kind != Kind.BACKUP_NEWER_THAN) {
            throw new IllegalStateException(canonical() + " has no backup age");
        }
        try {
            return java.time.Duration.parse(parameter);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalStateException("backup_newer_than needs an ISO duration such as PT24H, got '"
                    + parameter + "'", e);
        }
    }

    /**
     * For {@link Kind#METRICS_IN_BAND}: the metrics named in the parameter
     * ({@code cpu_percent,memory_percent within p5-p95 of 14d} → cpu_percent, memory_percent).
     *
     * @throws IllegalStateException for another kind
     */
    public java.util.List<String> metrics() {
        String list = band()[0];
        return java.util.Arrays.stream(list.split(",")).map(String::strip).filter(m -> !m.isEmpty()).toList();
    }

    /**
     * For {@link Kind#METRICS_IN_BAND}: the traffic window the band is measured over, as the plan
     * was approved with it ({@code ... of 14d} → 14 days).
     *
     * @throws IllegalStateException for another kind, or a parameter without {@code of <duration>}
     */
    public java.time.Duration window() {
        String[] parts = band();
        int of = parts[1].lastIndexOf(" of ");
        if (of < 0) {
            throw new IllegalStateException("metrics_in_band needs 'within p5-p95 of <window>', got '" + parameter + "'");
        }
        try {
            return Durations.parse(parts[1].substring(of + 4));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("metrics_in_band: " + e.getMessage(), e);
        }
    }

    private String[] band() {
        if (kind != Kind.METRICS_IN_BAND) {
            throw new IllegalStateException(canonical() + " names no metrics");
        }
        int within = parameter.indexOf(" within ");
        if (within < 0) {
            throw new IllegalStateException("metrics_in_band needs '<metrics> within p5-p95 of <window>', got '"
                    + parameter + "'");
        }
        return new String[] {parameter.substring(0, within), parameter.substring(within + 1)};
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
