package dev.purser.core.execution;

import dev.purser.core.plan.Trigger;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A trigger that fired: which, against what limit, and the samples that made it fire.
 *
 * @param baseline the pre-change median, when the trigger is relative to it
 * @param limit    the threshold in the metric's unit
 * @param from     the first sample of the breaching run
 * @param to       the sample at which the run had lasted {@code trigger.sustainedFor()}
 * @param first    the value at {@code from}
 * @param peak     the highest (for above) or lowest (for below) value in the run
 * @param samples  how many samples the run holds
 */
public record Breach(Trigger trigger, Optional<BigDecimal> baseline, BigDecimal limit, Instant from, Instant to,
        double first, double peak, int samples) {

    public Breach {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    public Duration lasted() {
        return Duration.between(from, to);
    }

    /**
     * {@code query_p95_ms above 1.5x baseline fired: baseline 40.0, limit 60.0; 96.3 at 02:14:00Z,
     * peak 98.1, 6 samples over PT5M (needs PT5M)}.
     */
    public String describe() {
        return trigger.canonical() + " fired: " + baseline.map(b -> "baseline " + num(b) + ", ").orElse("")
                + "limit " + num(limit) + "; " + num(first) + " at " + from + ", peak " + num(peak) + ", " + samples
                + " samples over " + lasted() + " (needs " + trigger.sustainedFor() + ")";
    }

    static String num(double v) {
        return num(BigDecimal.valueOf(v));
    }

    static String num(BigDecimal v) {
        return v.setScale(v.abs().compareTo(BigDecimal.TEN) >= 0 ? 1 : 2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
