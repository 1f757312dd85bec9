package dev.purser.core.analysis.anomalies;

import dev.purser.core.model.Money;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One day of one series that spent more than its baseline allows.
 *
 * @param key       the service or account, as the cost store names it
 * @param expected  the baseline for that day: a same-weekday median of the trailing window, each
 *                  day first moved along the series' trend (exact when there is no trend)
 * @param actual    what the day cost, exactly as summed from the data
 * @param score     the robust z-score: (actual - expected) / robust spread; for ranking only
 * @param step      for a level shift, the lasting increase per day (a median over its first days);
 *                  null for a spike
 * @param drivers   the line-item groups whose increase explains most of it, largest first
 * @param trendPerMonth the series' growth the baseline was adjusted for, as a fraction a month
 *                  (0.058 is +5.8 %); 0 when the series is flat or too short to tell
 */
public record Anomaly(LocalDate date, String key, Money expected, Money actual, AnomalyKind kind, double score,
                      Money step, List<Driver> drivers, double trendPerMonth) {

    public Anomaly {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(kind, "kind");
        if (!expected.currency().equals(actual.currency())) {
            throw new IllegalArgumentException("anomaly expected and actual differ in currency: "
                    + expected + " and " + actual);
        }
        if ((step == null) != (kind == AnomalyKind.SPIKE)) {
            throw new IllegalArgumentException("a level shift has a step and a spike has none: " + kind + ", step " + step);
        }
        drivers = List.copyOf(drivers);
    }

    /** The dollar impact: what the day cost above its baseline. */
    public Money impact() {
        return actual.minus(expected);
    }
}
