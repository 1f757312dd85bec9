package dev.purser.core.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * How busy a target is, as measured: the mean of one usage series over the window. Phases of
 * production targets run from the least busy to the busiest.
 *
 * @param metric  the series that decided ({@code connections}, {@code cpu_percent})
 * @param mean    its mean over the window, to two decimals so that the plan's hash is stable
 * @param samples how many samples it rests on
 */
public record Traffic(String metric, BigDecimal mean, long samples) {

    public Traffic {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(mean, "mean");
        mean = mean.setScale(2, RoundingMode.HALF_EVEN);
    }

    /** {@code connections mean 6.93}. */
    public String label() {
        return metric + " mean " + mean.toPlainString();
    }
}
