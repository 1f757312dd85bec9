package dev.purser.core.analysis.dbadvice;

import java.util.Locale;

/** Sizes written the way {@code postgresql.conf} reads them (1024-based kB, MB, GB), and counts for people. */
final class PgUnits {

    static final long KB = 1024L;
    static final long MB = KB * 1024;
    static final long GB = MB * 1024;

    private PgUnits() {
    }

    /** {@code 2GB}, {@code 640MB}, {@code 8kB}, {@code 100B}: the largest unit that divides exactly. */
    static String conf(long bytes) {
        if (bytes != 0 && bytes % GB == 0) {
            return bytes / GB + "GB";
        }
        if (bytes != 0 && bytes % MB == 0) {
            return bytes / MB + "MB";
        }
        if (bytes != 0 && bytes % KB == 0) {
            return bytes / KB + "kB";
        }
        return bytes + "B";
    }

    /** Rounded for reading: {@code 4.4 MB}, {@code 812 kB}. */
    static String human(long bytes) {
        if (bytes >= GB) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (double) GB);
        }
        if (bytes >= MB) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (double) MB);
        }
        if (bytes >= KB) {
            return String.format(Locale.ROOT, "%d kB", bytes / KB);
        }
        return bytes + " B";
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    static String millis(double ms) {
        return String.format(Locale.ROOT, ms >= 100 ? "%,.0f ms" : "%.2f ms", ms);
    }

    static long floorTo(long value, long unit) {
        return value - Math.floorMod(value, unit);
    }
}
