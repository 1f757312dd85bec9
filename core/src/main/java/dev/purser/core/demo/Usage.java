package dev.purser.core.demo;

import dev.purser.core.model.UsageSeries;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Builds monitoring-style usage series on a 15-minute grid over the 35 days ending on the last day. */
final class Usage {

    static final Duration STEP = Duration.ofMinutes(15);
    static final int DAYS = 35;
    static final double GIB = 1024.0 * 1024.0 * 1024.0;
    static final double MIB = 1024.0 * 1024.0;

    /**
     * One grid point, with what shapes need: the UTC hour as a fraction, whether it is a weekend,
     * how far through the window it is (0..1), and seeded noise for this series and instant.
     */
    record Point(Instant at, double hour, boolean weekend, double progress, double noise, double uniform) {
    }

    private Usage() {
    }

    /**
     * @param digits decimals kept in each value (0 for bytes and counts)
     * @param shape  the value at a point; negative results are clamped to zero
     */
    static UsageSeries series(LocalDate lastDay, String resourceId, String metric, String unit, long seed,
            int digits, ToDoubleFunction<Point> shape) {
        long key = Noise.key(seed, resourceId + "/" + metric);
        Instant start = lastDay.minusDays(DAYS - 1L).atStartOfDay(ZoneOffset.UTC).toInstant();
        int count = DAYS * 24 * 4;
        double scale = StrictMath.pow(10, digits);
        List<UsageSeries.Sample> samples = new ArrayList<>(count);
        long startSecond = start.getEpochSecond();
        long stepSeconds = STEP.getSeconds();
        for (int i = 0; i < count; i++) {
            long second = startSecond + i * stepSeconds;
            long slot = second / stepSeconds;
            long epochDay = Math.floorDiv(second, 86_400L);
            // 1970-01-01 was a Thursday: Monday is 0 after shifting by 3
            int dayOfWeek = (int) Math.floorMod(epochDay + 3, 7L);
            double hour = Math.floorMod(second, 86_400L) / 3600.0;
            Point p = new Point(Instant.ofEpochSecond(second), hour, dayOfWeek >= 5, (double) i / (count - 1),
                    Noise.gaussian(key, slot), Noise.uniform(key ^ 0x5bd1e995L, slot));
            double v = Math.max(0.0, shape.applyAsDouble(p));
            samples.add(new UsageSeries.Sample(p.at(), StrictMath.rint(v * scale) / scale));
        }
        return new UsageSeries(resourceId, metric, unit, STEP, samples);
    }

    /** cos(2πk/96) for each quarter hour of a day, so shapes need no trigonometry per sample. */
    private static final double[] QUARTER_HOUR_COS = new double[96];

    static {
        for (int k = 0; k < 96; k++) {
            QUARTER_HOUR_COS[k] = StrictMath.cos(2.0 * StrictMath.PI * k / 96.0);
        }
    }

    /** A daily curve from 0 (night) to 1 (at {@code peakHour} UTC); hours are on the quarter-hour grid. */
    static double daytime(double hour, double peakHour) {
        int k = (int) Math.floorMod(StrictMath.round((hour - peakHour) * 4), 96L);
        return 0.5 + 0.5 * QUARTER_HOUR_COS[k];
    }

    /** Business-hours load for a US team and its users: weekdays full, weekends at {@code weekendShare}. */
    static double business(Point p, double peakHour, double weekendShare) {
        double d = daytime(p.hour(), peakHour);
        return p.weekend() ? d * weekendShare : d;
    }
}
