package dev.purser.core.cloud.prometheus;

import java.time.Duration;

/** Prometheus duration literals ({@code 5m}, {@code 1h}, {@code 90s}) for whole-second durations. */
final class PromDuration {

    private PromDuration() {
    }

    static String format(Duration d) {
        long seconds = d.getSeconds();
        if (seconds <= 0 || d.getNano() != 0) {
            throw new IllegalArgumentException("duration must be a positive whole number of seconds: " + d);
        }
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
