package dev.purser.core.analysis.rightsizing;

import dev.purser.core.model.UsageSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * A tiny seeded generator of usage series for tests: a shape (steady, daily cycle, bursts,
 * trend, idle) plus noise, on a 5-minute grid ending at a given instant, optionally with gaps.
 */
final class SeriesGenerator {

    static final Duration STEP = Duration.ofMinutes(5);

    enum Shape { STEADY, DAILY, BURSTY, TRENDING, IDLE }

    private final SplittableRandom random;

    SeriesGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    SplittableRandom random() {
        return random;
    }

    /**
     * @param level   typical value (cores or bytes)
     * @param gapFrom fraction of the window at which a gap starts (negative: no gap)
     * @param gapLen  fraction of the window the gap lasts
     */
    UsageSeries series(String resourceId, String metric, String unit, Instant end, int days, Shape shape,
            double level, double gapFrom, double gapLen) {
        int count = days * 24 * 12;
        Instant start = end.minus(Duration.ofDays(days));
        List<UsageSeries.Sample> samples = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double progress = (double) i / count;
            if (gapFrom >= 0 && progress >= gapFrom && progress < gapFrom + gapLen) {
                continue;
            }
            double hour = (i % (24 * 12)) / 12.0;
            double noise = random.nextGaussian() * 0.03;
            double v = switch (shape) {
                case STEADY -> level * (1 + noise);
                case DAILY -> level * (0.4 + 0.6 * (0.5 + 0.5 * Math.cos(2 * Math.PI * (hour - 14) / 24)) + noise);
                case BURSTY -> random.nextDouble() < 0.02 ? level * (5 + 3 * random.nextDouble())
                        : level * (1 + noise);
                case TRENDING -> level * (0.6 + 0.8 * progress + noise);
                case IDLE -> level * 0.01 * (1 + noise);
            };
            samples.add(new UsageSeries.Sample(start.plus(STEP.multipliedBy(i)), Math.max(0, v)));
        }
        return new UsageSeries(resourceId, metric, unit, STEP, samples);
    }

    UsageSeries cpu(String id, Instant end, int days, Shape shape, double cores) {
        return series(id, "cpu_cores", "cores", end, days, shape, cores, -1, 0);
    }

    UsageSeries memory(String id, Instant end, int days, Shape shape, double bytes) {
        return series(id, "memory_bytes", "bytes", end, days, shape, bytes, -1, 0);
    }

    /** Any series from an arbitrary function of the sample index. */
    static UsageSeries of(String id, String metric, String unit, Instant end, int count, DoubleUnaryOperator f) {
        Instant start = end.minus(STEP.multipliedBy(count));
        List<UsageSeries.Sample> samples = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            samples.add(new UsageSeries.Sample(start.plus(STEP.multipliedBy(i)), f.applyAsDouble(i)));
        }
        return new UsageSeries(id, metric, unit, STEP, samples);
    }
}
