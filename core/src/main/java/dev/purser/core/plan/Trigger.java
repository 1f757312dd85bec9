package dev.purser.core.plan;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A post-check that rolls a phase back when it holds: "cpu_percent above 80 for 5 minutes",
 * "query_p95_ms above 1.5x baseline for 10 minutes".
 *
 * @param metric       the usage series it reads ({@code cpu_percent}, {@code memory_percent},
 *                     {@code query_p95_ms}, {@code connection_errors})
 * @param comparison   above or below
 * @param threshold    the limit; a factor of the pre-change baseline when {@code relativeToBaseline}
 * @param relativeToBaseline whether {@code threshold} multiplies the baseline measured before the change
 * @param sustainedFor how long the condition must hold before it fires
 */
public record Trigger(String metric, Comparison comparison, BigDecimal threshold, boolean relativeToBaseline,
        Duration sustainedFor) {

    public enum Comparison { ABOVE, BELOW }

    public Trigger {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(sustainedFor, "sustainedFor");
    }

    /** The limit in the metric's own unit, given the baseline measured before the change. */
    public BigDecimal limit(BigDecimal baseline) {
        return relativeToBaseline ? threshold.multiply(baseline) : threshold;
    }

    /** {@code cpu_percent above 80 for PT5M}, {@code query_p95_ms above 1.5x baseline for PT10M}. */
    public String canonical() {
        return metric + " " + comparison.name().toLowerCase(Locale.ROOT) + " "
                + threshold.stripTrailingZeros().toPlainString() + (relativeToBaseline ? "x baseline" : "")
                + " for " + sustainedFor;
    }
}
