package dev.purser.core.plan;

import java.time.Duration;

/** Durations as people write them in plans: {@code 24h}, {@code 5m}, {@code 1h30m}, {@code 7d}. */
public final class Durations {

    private Durations() {
    }

    public static String words(Duration d) {
        long s = d.getSeconds();
        if (s == 0) {
            return "0m";
        }
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        StringBuilder b = new StringBuilder();
        if (s >= 3600) {
            b.append(s / 3600).append('h');
        }
        if (s % 3600 / 60 > 0) {
            b.append(s % 3600 / 60).append('m');
        }
        if (s % 60 > 0) {
            b.append(s % 60).append('s');
        }
        return b.toString();
    }
}
