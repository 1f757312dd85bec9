package dev.purser.core.analysis.rightsizing;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The figures a recommendation rests on, so a reader can check it.
 *
 * @param metrics per-metric percentiles and coverage (CPU in cores, memory in bytes, ...)
 * @param pattern the workload pattern, decided on CPU (or memory when CPU is missing)
 * @param gaps    what is missing or thin, in sentences ("only 9.0 days of data (fewer than 14)")
 */
public record Evidence(Instant windowStart, Instant windowEnd, List<UsageStats> metrics, PatternAnalysis pattern,
        List<String> gaps) {

    public Evidence {
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        Objects.requireNonNull(pattern, "pattern");
        metrics = List.copyOf(metrics);
        gaps = List.copyOf(gaps);
    }

    /** Samples across every metric. */
    public long sampleCount() {
        long n = 0;
        for (UsageStats m : metrics) {
            n += m.sampleCount();
        }
        return n;
    }
}
