package dev.purser.bot.bench;

import java.util.Arrays;
import java.util.Locale;

/** Collected durations of one operation, summarized as nearest-rank percentiles in milliseconds. */
final class Latencies {

    private final String name;
    private long[] nanos = new long[64];
    private int count;

    Latencies(String name) {
        this.name = name;
    }

    synchronized void add(long elapsedNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = elapsedNanos;
    }

    synchronized void addAll(Latencies other) {
        long[] theirs;
        int n;
        synchronized (other) {
            theirs = Arrays.copyOf(other.nanos, other.count);
            n = other.count;
        }
        for (int i = 0; i < n; i++) {
            add(theirs[i]);
        }
    }

    synchronized int count() {
        return count;
    }

    /** Nearest-rank percentile, {@code p} in 0..100, in milliseconds. */
    synchronized double percentileMillis(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
    }

    synchronized double meanMillis() {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += nanos[i];
        }
        return count == 0 ? Double.NaN : sum / 1e6 / count;
    }

    String row() {
        return String.format(Locale.ROOT, "%-52s %6d %9.2f %9.2f %9.2f %9.2f", name, count(), percentileMillis(50),
                percentileMillis(95), percentileMillis(99), percentileMillis(100));
    }

    static String header() {
        return String.format(Locale.ROOT, "%-52s %6s %9s %9s %9s %9s", "operation", "runs", "p50 ms", "p95 ms",
                "p99 ms", "max ms");
    }
}
