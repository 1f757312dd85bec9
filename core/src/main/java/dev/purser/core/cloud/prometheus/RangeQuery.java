package dev.purser.core.cloud.prometheus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One {@code query_range} request: an expression evaluated every {@code step} from {@code start}
 * to {@code end}, both inclusive.
 *
 * <p>Resolution: Prometheus refuses a range that would return more than
 * {@value #MAX_POINTS_PER_SERIES} points per series (HTTP 400, "exceeded maximum resolution").
 * {@link #stepFor} therefore starts from the wanted resolution (five minutes by default, fine
 * enough for CPU and memory percentiles) and moves up a ladder of round steps until the window
 * fits: 30 days at 5 minutes is 8,641 points and fits; 60 days moves to 10 minutes (8,641), 90
 * days to 15 minutes (8,641), a year to 1 hour (8,761).
 */
public record RangeQuery(String promql, Instant start, Instant end, Duration step) {

    /** Prometheus's limit of points per series in one range query. */
    public static final int MAX_POINTS_PER_SERIES = 11_000;

    /** The resolution Purser asks for unless told otherwise. */
    public static final Duration DEFAULT_MINIMUM_STEP = Duration.ofMinutes(5);

    private static final List<Duration> LADDER = List.of(
            Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
            Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(30),
            Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(3), Duration.ofHours(6),
            Duration.ofHours(12), Duration.ofDays(1));

    public RangeQuery {
        Objects.requireNonNull(promql, "promql");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(step, "step");
        if (promql.isBlank()) {
            throw new IllegalArgumentException("promql must not be blank");
        }
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("range end is before start: " + start + ".." + end);
        }
        if (step.isZero() || step.isNegative() || step.getNano() != 0) {
            throw new IllegalArgumentException("step must be a positive whole number of seconds: " + step);
        }
        long points = pointCount(start, end, step);
        if (points > MAX_POINTS_PER_SERIES) {
            throw new IllegalArgumentException("range " + start + ".." + end + " at step " + step + " is "
                    + points + " points per series, over Prometheus's limit of " + MAX_POINTS_PER_SERIES);
        }
    }

    /** A query over {@code start..end} at the finest step from {@link #stepFor} that fits. */
    public static RangeQuery covering(String promql, Instant start, Instant end, Duration minimumStep) {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("range end is before start: " + start + ".." + end);
        }
        return new RangeQuery(promql, start, end, stepFor(Duration.between(start, end), minimumStep));
    }

    /**
     * The smallest round step, not finer than {@code minimumStep}, that keeps a {@code window}
     * within {@value #MAX_POINTS_PER_SERIES} points per series.
     */
    public static Duration stepFor(Duration window, Duration minimumStep) {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(minimumStep, "minimumStep");
        if (window.isNegative()) {
            throw new IllegalArgumentException("window must not be negative: " + window);
        }
        if (minimumStep.isZero() || minimumStep.isNegative()) {
            throw new IllegalArgumentException("minimum step must be positive: " + minimumStep);
        }
        for (Duration step : LADDER) {
            if (step.compareTo(minimumStep) >= 0 && fits(window, step)) {
                return step;
            }
        }
        // Past the ladder (a window of decades, or a minimum step above a day): whole seconds.
        long seconds = Math.max(ceilSeconds(minimumStep),
                -Math.floorDiv(-window.getSeconds(), MAX_POINTS_PER_SERIES - 1));
        return Duration.ofSeconds(seconds);
    }

    /** How many evaluation points Prometheus returns at most per series. */
    public long points() {
        return pointCount(start, end, step);
    }

    private static boolean fits(Duration window, Duration step) {
        return window.getSeconds() / step.getSeconds() + 1 <= MAX_POINTS_PER_SERIES;
    }

    private static long ceilSeconds(Duration d) {
        return d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
    }

    static long pointCount(Instant start, Instant end, Duration step) {
        return Duration.between(start, end).toMillis() / step.toMillis() + 1;
    }
}
