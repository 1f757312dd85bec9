package dev.purser.core.plan;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in plans: {@code 24h}, {@code 5m}, {@code 1h30m}, {@code 7d}. */
public final class Durations {

    private static final Pattern WORDS = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private Durations() {
    }

    /**
     * Reads what {@link #words} writes: {@code 14d}, {@code 1h30m}, {@code 45s}.
     *
     * @throws IllegalArgumentException naming the text when it is not such a duration
     */
    public static Duration parse(String text) {
        Matcher m = WORDS.matcher(text == null ? "" : text.trim());
        if (text == null || text.isBlank() || !m.matches()) {
            throw new IllegalArgumentException("not a duration such as 14d, 24h or 1h30m: '" + text + "'");
        }
        long seconds = 0;
        long[] unit = {86_400, 3600, 60, 1};
        for (int i = 0; i < unit.length; i++) {
            if (m.group(i + 1) != null) {
                seconds += Long.parseLong(m.group(i + 1)) * unit[i];
            }
        }
        return Duration.ofSeconds(seconds);
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
