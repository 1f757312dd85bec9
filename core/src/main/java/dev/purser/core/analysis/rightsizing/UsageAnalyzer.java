package dev.purser.core.analysis.rightsizing;

import dev.purser.core.model.UsageSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Percentiles, gaps and workload pattern of usage series over a window.
 *
 * <p>Performance: this is the hot path of right-sizing (1,000 resources × 8,640 samples × a few
 * metrics). Samples are copied once into primitive {@code double}/{@code long} arrays; the
 * percentiles sort one copy; the pattern works on hourly and daily means (720 and 30 points),
 * so autocorrelation and the trend fit cost almost nothing next to the sort.
 */
final class UsageAnalyzer {

    private static final double DAY = 86_400.0;

    private final RightsizingRules rules;

    UsageAnalyzer(RightsizingRules rules) {
        this.rules = rules;
    }

    /** The window's samples of one series in a normalised unit, in primitive arrays. */
    record Extract(String metric, String unit, long[] times, double[] values, int size, long stepSeconds) {
    }

    /**
     * @param capacity for percent metrics, what 100 % is (cores or bytes); NaN when unknown, in
     *                 which case a percent series cannot be normalised and yields nothing
     */
    Extract extract(UsageSeries series, MetricKind kind, Instant from, Instant to, double capacity) {
        List<UsageSeries.Sample> samples = series.samples();
        int n = samples.size();
        long fromS = from.getEpochSecond();
        long toS = to.getEpochSecond();
        long[] times = new long[n];
        double[] values = new double[n];
        int size = 0;
        double scale = switch (kind) {
            case CPU_PERCENT, MEMORY_PERCENT -> capacity / 100.0;
            case CPU_CORES, CPU_SECONDS_COUNTER, MEMORY_BYTES, CONNECTIONS, OTHER -> 1.0;
        };
        if (Double.isNaN(scale)) {
            return new Extract(normalisedName(kind, series), normalisedUnit(kind, series), new long[0], new double[0],
                    0, series.step().getSeconds());
        }
        double previousValue = Double.NaN;
        long previousTime = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            UsageSeries.Sample s = samples.get(i);
            long t = s.at().getEpochSecond();
            double v = s.value();
            if (kind == MetricKind.CPU_SECONDS_COUNTER) {
                double counter = v;
                long counterTime = t;
                if (Double.isNaN(previousValue) || counter < previousValue || t <= previousTime) {
                    previousValue = counter;
                    previousTime = counterTime;
                    continue;
                }
                v = (counter - previousValue) / (t - previousTime);
                previousValue = counter;
                previousTime = counterTime;
            }
            if (t < fromS || t >= toS) {
                continue;
            }
            times[size] = t;
            values[size] = Math.max(0.0, v * scale);
            size++;
        }
        return new Extract(normalisedName(kind, series), normalisedUnit(kind, series), times, values, size,
                Math.max(1, series.step().getSeconds()));
    }

    private static String normalisedName(MetricKind kind, UsageSeries series) {
        return switch (kind) {
            case CPU_CORES, CPU_PERCENT, CPU_SECONDS_COUNTER -> "cpu_cores";
            case MEMORY_BYTES, MEMORY_PERCENT -> "memory_bytes";
            case CONNECTIONS -> "connections";
            case OTHER -> series.metric();
        };
    }

    private static String normalisedUnit(MetricKind kind, UsageSeries series) {
        return switch (kind) {
            case CPU_CORES, CPU_PERCENT, CPU_SECONDS_COUNTER -> "cores";
            case MEMORY_BYTES, MEMORY_PERCENT -> "bytes";
            case CONNECTIONS -> "count";
            case OTHER -> series.unit();
        };
    }

    /** Percentiles (linear interpolation between order statistics) and coverage. Needs at least one sample. */
    UsageStats stats(Extract e) {
        int n = e.size();
        if (n == 0) {
            throw new IllegalArgumentException("stats need at least one sample: " + e.metric());
        }
        double[] sorted = Arrays.copyOf(e.values(), n);
        Arrays.sort(sorted);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += sorted[i];
        }
        long step = e.stepSeconds();
        int missing = 0;
        int gaps = 0;
        long longest = 0;
        long[] t = e.times();
        for (int i = 1; i < n; i++) {
            long d = t[i] - t[i - 1];
            if (d * 2 > step * 3) {
                int lost = (int) Math.max(0, Math.round((double) d / step) - 1);
                missing += lost;
                gaps++;
                longest = Math.max(longest, d - step);
            }
        }
        double covered = (t[n - 1] - t[0] + step) / DAY;
        return new UsageStats(e.metric(), e.unit(), percentile(sorted, 0.50), percentile(sorted, 0.95),
                percentile(sorted, 0.99), sorted[n - 1], sum / n, n, missing, gaps, Duration.ofSeconds(longest),
                covered);
    }

    static double percentile(double[] sorted, double p) {
        return Percentiles.of(sorted, p);
    }

    /**
     * The workload pattern, decided in this order: idle, trending, periodic, bursty, steady.
     *
     * @param capacity the resource's capacity in the metric's unit (NaN when unknown); used for idle
     */
    PatternAnalysis pattern(Extract e, UsageStats stats, Instant from, Instant to, double capacity, boolean cpu) {
        if (e.size() == 0) {
            return PatternAnalysis.unknown("no samples in the window: unknown, not idle");
        }
        long fromS = from.getEpochSecond();
        int hours = (int) Math.max(1, (to.getEpochSecond() - fromS + 3599) / 3600);
        double[] hourSum = new double[hours];
        int[] hourCount = new int[hours];
        int days = (hours + 23) / 24;
        double[] daySum = new double[days];
        int[] dayCount = new int[days];
        long[] t = e.times();
        double[] v = e.values();
        double sumSq = 0;
        for (int i = 0; i < e.size(); i++) {
            int h = (int) ((t[i] - fromS) / 3600);
            hourSum[h] += v[i];
            hourCount[h]++;
            daySum[h / 24] += v[i];
            dayCount[h / 24]++;
            double d = v[i] - stats.mean();
            sumSq += d * d;
        }
        double cv = stats.mean() > 0 ? Math.sqrt(sumSq / e.size()) / stats.mean() : 0.0;
        double daily = autocorrelation(hourSum, hourCount, 24);
        double weekly = autocorrelation(hourSum, hourCount, 24 * 7);

        // Trend on daily means: the daily cycle averages out, so R² measures the drift itself.
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        int m = 0;
        int lastDay = -1;
        for (int d = 0; d < days; d++) {
            if (dayCount[d] == 0) {
                continue;
            }
            double y = daySum[d] / dayCount[d];
            sx += d;
            sy += y;
            sxx += (double) d * d;
            sxy += d * y;
            syy += y * y;
            m++;
            lastDay = d;
        }
        double slope = 0;
        double r2 = 0;
        double projected = Double.NaN;
        double growth = 1.0;
        double relativeChange = 0;
        if (m >= 7) {
            double vx = sxx - sx * sx / m;
            double vy = syy - sy * sy / m;
            double cxy = sxy - sx * sy / m;
            if (vx > 0 && vy > 0) {
                slope = cxy / vx;
                r2 = cxy * cxy / (vx * vy);
                double intercept = (sy - slope * sx) / m;
                double atEnd = intercept + slope * lastDay;
                projected = Math.max(0.0, intercept + slope * (lastDay + rules.trendHorizonDays()));
                double meanY = sy / m;
                relativeChange = meanY > 0 ? slope * (days - 1) / meanY : 0;
                if (atEnd > 0 && projected > atEnd) {
                    growth = projected / atEnd;
                }
            }
        }

        List<String> reasons = new ArrayList<>();
        boolean idle;
        if (cpu && !Double.isNaN(capacity) && capacity > 0) {
            idle = stats.p95() <= rules.idleCpuP95() * capacity && stats.max() <= rules.idleCpuMax() * capacity;
            if (idle) {
                reasons.add(String.format(Locale.ROOT, "CPU p95 %.1f %% and max %.1f %% of %.2f cores",
                        100 * stats.p95() / capacity, 100 * stats.max() / capacity, capacity));
            }
        } else {
            idle = cpu && stats.p95() <= rules.idleCpuCores() && stats.max() <= 5 * rules.idleCpuCores();
            if (idle) {
                reasons.add(String.format(Locale.ROOT, "CPU p95 %.3f cores and max %.3f cores", stats.p95(),
                        stats.max()));
            }
        }
        WorkloadPattern pattern;
        boolean trending = r2 >= rules.trendMinRSquared() && Math.abs(relativeChange) >= rules.trendMinChange();
        if (idle) {
            pattern = WorkloadPattern.IDLE;
        } else if (trending) {
            pattern = WorkloadPattern.TRENDING;
            reasons.add(String.format(Locale.ROOT,
                    "linear trend of daily means: %+.1f %% over the window (R² %.2f); projected %s %d days ahead",
                    100 * relativeChange, r2, fmt(projected), rules.trendHorizonDays()));
        } else if (daily >= rules.periodicMinAutocorrelation() || weekly >= rules.periodicMinAutocorrelation()) {
            pattern = WorkloadPattern.PERIODIC;
            reasons.add(String.format(Locale.ROOT, "autocorrelation %.2f at 24 h, %.2f at 7 d", nz(daily),
                    nz(weekly)));
        } else if (stats.p50() > 0 ? stats.p99() / stats.p50() >= rules.burstyPeakRatio() : stats.p99() > 0) {
            pattern = WorkloadPattern.BURSTY;
            reasons.add(stats.p50() > 0
                    ? String.format(Locale.ROOT, "p99 is %.1f× p50", stats.p99() / stats.p50())
                    : "median is zero with peaks above it");
        } else {
            pattern = WorkloadPattern.STEADY;
            reasons.add(String.format(Locale.ROOT, "coefficient of variation %.2f, no cycle or trend", cv));
        }
        if (pattern != WorkloadPattern.TRENDING) {
            growth = 1.0;
        }
        return new PatternAnalysis(pattern, reasons, daily, weekly, cv, slope, r2, projected,
                rules.trendHorizonDays(), growth);
    }

    private static double nz(double v) {
        return Double.isNaN(v) ? 0.0 : v;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** Autocorrelation of hourly means at a lag, over hours that have data at both ends. */
    static double autocorrelation(double[] sum, int[] count, int lag) {
        int n = sum.length;
        if (lag >= n) {
            return Double.NaN;
        }
        double total = 0;
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (count[i] > 0) {
                total += sum[i] / count[i];
                k++;
            }
        }
        if (k < 2) {
            return Double.NaN;
        }
        double mean = total / k;
        double var = 0;
        for (int i = 0; i < n; i++) {
            if (count[i] > 0) {
                double d = sum[i] / count[i] - mean;
                var += d * d;
            }
        }
        var /= k;
        if (var <= 0) {
            return 0.0;
        }
        double cov = 0;
        int pairs = 0;
        for (int i = 0; i + lag < n; i++) {
            if (count[i] > 0 && count[i + lag] > 0) {
                cov += (sum[i] / count[i] - mean) * (sum[i + lag] / count[i + lag] - mean);
                pairs++;
            }
        }
        if (pairs < lag / 2 + 1) {
            return Double.NaN;
        }
        return cov / pairs / var;
    }
}
