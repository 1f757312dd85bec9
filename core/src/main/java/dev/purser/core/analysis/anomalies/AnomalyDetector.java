package dev.purser.core.analysis.anomalies;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Scores one daily spend series against a robust, weekday-aware baseline and tells spikes from
 * level shifts.
 *
 * <p>Baseline: for day {@code t}, the trailing window is the {@value #WINDOW_DAYS} days before it,
 * less the days already reported as spikes (and the short dips left out, below). The expected
 * amount is the median of the window's days on the same weekday (at least two of them, else the
 * whole window's median), so a quiet weekend is not an anomaly against a busy week. A day is not
 * scored until its window holds {@value #MIN_BASELINE_DAYS} days.
 *
 * <p>Trend: a same-weekday median of the last four weeks sits about two and a half weeks in the
 * past, so on a steadily growing service it lags, and an ordinary day could clear the threshold.
 * Each window day is therefore first moved along the series' growth to day {@code t} (times
 * e^(g × days between)), where g is the interquartile mean of the week-over-week log changes over
 * the spread window: weekday-matched, so the weekly pattern cancels, and trimmed, so spikes, dips
 * and steps barely move it. A growth within two standard errors of none is taken as none, which
 * keeps flat series exactly as the data has them.
 *
 * <p>Drops: only increases are reported, but a drop of at least the threshold is not ignored. If
 * it lasts (three quarters of the following days also low) it is a step down and the history is
 * scaled to the new level at once, as for a step up; otherwise it is a dip (a holiday, a missing
 * day) and is left out of later windows, like a spike.
 *
 * <p>Spread: each window day's residual against the median of the <em>other</em> window days on
 * its weekday (leave-one-out, so the spread is honest about how well a small same-weekday median
 * predicts), scaled to a standard deviation as 1.4826 × MAD. It is floored at
 * {@value #RELATIVE_FLOOR} of the expected amount and at 0.01, so a flat series (a fixed monthly
 * price spread over days) does not turn a one-cent rounding difference into an anomaly. The score
 * is (actual − expected) / spread; only increases are anomalies.
 *
 * <p>Level shifts: a flagged day is a level shift when, of the next {@value #CONFIRM_DAYS} days
 * (at least two must exist), three quarters also sit at least half the threshold above the same
 * baseline. The first day of the shift is reported; the history before it is then raised by the
 * step (the median excess over the shift's first days) so that the following days are scored
 * against the new level, not flagged one by one. For a window after a shift, the spread comes from
 * the days since the shift once there are {@value #MIN_REGIME_DAYS} of them, and is floored by the
 * spread before the shift scaled to the new level. A spike is left out of later windows.
 *
 * <p>Exactness: amounts stay {@link BigDecimal}; expected amounts and steps are medians (means of
 * the two middle values at most) of amounts from the data, exact when there is no trend and
 * rounded to {@value #ADJUSTED_SCALE} decimals when moved along one; doubles are used for the
 * statistics (score, spread, growth) only.
 */
public final class AnomalyDetector {

    /** Trailing days the baseline is taken from. */
    public static final int WINDOW_DAYS = 28;
    /** Baseline days a day needs before it is scored. */
    public static final int MIN_BASELINE_DAYS = 14;
    /** Days after a flagged day that decide between spike and level shift. */
    public static final int CONFIRM_DAYS = 4;
    /** Least spread, as a share of the expected amount. */
    public static final double RELATIVE_FLOOR = 0.025;

    /** Trailing days the spread is taken from: more days than the baseline, for a steadier estimate. */
    public static final int SPREAD_WINDOW_DAYS = 2 * WINDOW_DAYS;

    /** Days in the "month" that trends are reported per. */
    public static final int TREND_MONTH_DAYS = 30;
    /** Week-over-week changes needed before a trend is estimated (about three weeks of them). */
    private static final int MIN_TREND_RATIOS = 21;
    /** Largest trend the baseline follows, per day as a log rate (about ±35 % a month). */
    private static final double MAX_GROWTH_PER_DAY = 0.01;
    /** Standard errors a trend must stand out by before the baseline follows it. */
    private static final double TREND_SIGNIFICANCE = 2.0;

    private static final int MIN_RELATIVE_RESIDUALS = 7;
    /**
     * The residuals behind the spread are taken against the median of the other seven days of a
     * weekday in the spread window, but the baseline predicts from the four in its window, and a
     * median of four misses by more: the variance of a median of k normal draws is about
     * (π/2)σ²/k, so the prediction error is sqrt((1 + π/8) / (1 + π/14)) times the residuals'.
     */
    private static final double PREDICTION_INFLATION = Math.sqrt((1 + Math.PI / 8) / (1 + Math.PI / 14));
    private static final int STEADY_RESIDUALS = 28;
    static final int ADJUSTED_SCALE = 6;
    private static final double ABSOLUTE_FLOOR = 0.01;
    /** Floor of the spread after a shift up from nothing, as a share of the expected amount. */
    private static final double NEW_SPEND_FLOOR = 0.10;
    private static final double MAD_TO_SIGMA = 1.4826;
    private static final double IQR_TO_SIGMA = 1.349;
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private final Sensitivity sensitivity;

    public AnomalyDetector(Sensitivity sensitivity) {
        this.sensitivity = Objects.requireNonNull(sensitivity, "sensitivity");
    }

    /**
     * One flagged day.
     *
     * @param step          for a level shift, the lasting increase per day; null for a spike
     * @param followingDays days after it that were looked at to tell spike from level shift
     *                      (fewer than {@link #CONFIRM_DAYS} near the end of the data)
     * @param baselineDays  the window days on the same weekday the expected amount came from
     * @param trendPerMonth the growth the baseline was adjusted for, as a fraction per
     *                      {@value #TREND_MONTH_DAYS} days (0.058 is +5.8 % a month; 0 when flat or unknown)
     */
    public record Detection(LocalDate date, BigDecimal expected, BigDecimal actual, double score, AnomalyKind kind,
                            BigDecimal step, int followingDays, List<LocalDate> baselineDays, double trendPerMonth) {

        public Detection {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(expected, "expected");
            Objects.requireNonNull(actual, "actual");
            Objects.requireNonNull(kind, "kind");
            baselineDays = List.copyOf(baselineDays);
        }

        public BigDecimal impact() {
            return actual.subtract(expected);
        }
    }

    /**
     * @param firstScored the first day that had a full enough baseline to be scored, or null when
     *                    the series is too short for any
     */
    public record Scan(List<Detection> detections, LocalDate firstScored) {
        public Scan {
            detections = List.copyOf(detections);
        }
    }

    /**
     * Scans a dense series: {@code amounts.get(i)} is the spend of {@code first + i days}, zero for
     * days without spend.
     */
    public Scan scan(LocalDate first, List<BigDecimal> amounts) {
        Objects.requireNonNull(first, "first");
        int n = amounts.size();
        BigDecimal[] x = new BigDecimal[n];
        for (int i = 0; i < n; i++) {
            x[i] = Objects.requireNonNull(amounts.get(i), "amount of day " + first.plusDays(i));
        }
        BigDecimal[] adjusted = x.clone();
        boolean[] excluded = new boolean[n];
        double threshold = sensitivity.threshold();
        int newSpendUntil = -1;
        List<Detection> detections = new ArrayList<>();
        LocalDate firstScored = null;
        for (int t = 0; t < n; t++) {
            int[] window = window(t, WINDOW_DAYS, excluded);
            if (window.length < MIN_BASELINE_DAYS) {
                continue;
            }
            if (firstScored == null) {
                firstScored = first.plusDays(t);
            }
            int[] spreadWindow = window(t, SPREAD_WINDOW_DAYS, excluded);
            double growth = growthPerDay(adjusted, spreadWindow, excluded);
            Baseline baseline = new Baseline(first, projected(adjusted, spreadWindow, growth, t), window, spreadWindow,
                    t < newSpendUntil ? NEW_SPEND_FLOOR : RELATIVE_FLOOR, growth);
            DayOfWeek dow = first.plusDays(t).getDayOfWeek();
            BigDecimal expected = baseline.expected(dow);
            BigDecimal excess = x[t].subtract(expected);
            double score = excess.doubleValue() / baseline.spread(expected);
            if (Math.abs(score) < threshold) {
                continue;
            }
            int direction = score > 0 ? 1 : -1;
            int following = Math.min(CONFIRM_DAYS, n - 1 - t);
            List<BigDecimal> excesses = new ArrayList<>();
            List<BigDecimal> ratios = new ArrayList<>();
            excesses.add(excess);
            ratios.add(ratio(x[t], expected));
            int stillOff = 0;
            for (int f = t + 1; f <= t + following; f++) {
                BigDecimal e = baseline.expected(first.plusDays(f).getDayOfWeek(), f - t);
                BigDecimal ex = x[f].subtract(e);
                excesses.add(ex);
                ratios.add(ratio(x[f], e));
                if (direction * ex.doubleValue() / baseline.spread(e) >= threshold / 2) {
                    stillOff++;
                }
            }
            boolean shift = following >= 2 && stillOff * 4 >= following * 3;
            if (direction < 0) {
                // Drops are not anomalies, but the baseline must follow them. A lasting step down
                // (savings, a resized machine) becomes the new level at once, as a step up does,
                // instead of leaving a month of too-high baseline that hides the next spike; a
                // short dip (a holiday, a missing day) is left out of later baselines, like a spike.
                if (shift && !ratios.contains(null)) {
                    BigDecimal ratio = median(ratios);
                    for (int d = 0; d < t; d++) {
                        adjusted[d] = adjusted[d].multiply(ratio).setScale(ADJUSTED_SCALE, RoundingMode.HALF_EVEN);
                    }
                } else {
                    excluded[t] = true;
                }
                continue;
            }
            List<LocalDate> baselineDays = baseline.sameWeekdayDays(dow);
            if (shift) {
                BigDecimal step = median(excesses);
                if (ratios.contains(null)) {
                    // up from (almost) nothing: no ratio to scale by, so raise the history by the step
                    for (int d = 0; d < t; d++) {
                        adjusted[d] = adjusted[d].add(step);
                    }
                    newSpendUntil = t + WINDOW_DAYS;
                } else {
                    // costs mostly move in proportion (more usage, more machines), so the history is
                    // scaled: a quiet weekend stays as much quieter than a weekday as it was
                    BigDecimal ratio = median(ratios);
                    for (int d = 0; d < t; d++) {
                        adjusted[d] = adjusted[d].multiply(ratio).setScale(ADJUSTED_SCALE, RoundingMode.HALF_EVEN);
                    }
                }
                detections.add(new Detection(first.plusDays(t), expected, x[t], score, AnomalyKind.LEVEL_SHIFT, step,
                        following, baselineDays, perMonth(growth)));
            } else {
                excluded[t] = true;
                detections.add(new Detection(first.plusDays(t), expected, x[t], score, AnomalyKind.SPIKE, null,
                        following, baselineDays, perMonth(growth)));
            }
        }
        return new Scan(detections, firstScored);
    }

    /**
     * The series' growth per day, as a log rate: the interquartile mean of its week-over-week log
     * changes over the spread window, divided by 7. Week-over-week compares a day with the same
     * weekday, so the weekday pattern cancels out; dropping the outer quarters ignores the few
     * changes that a spike, a holiday-like dip or a step down touches (each such day touches two of
     * about fifty), while averaging the middle half is steadier than a bare median. Zero when the
     * trend is within {@value #TREND_SIGNIFICANCE} standard errors of none or there are fewer than
     * {@value #MIN_TREND_RATIOS} changes, and bounded by {@value #MAX_GROWTH_PER_DAY} a day either
     * way, so a short or noisy history never extrapolates wildly.
     */
    static double growthPerDay(BigDecimal[] values, int[] spreadWindow, boolean[] excluded) {
        if (spreadWindow.length == 0) {
            return 0;
        }
        int from = spreadWindow[0];
        List<Double> changes = new ArrayList<>();
        for (int d : spreadWindow) {
            int before = d - 7;
            if (before < from || excluded[before]) {
                continue;
            }
            double now = values[d].doubleValue();
            double then = values[before].doubleValue();
            if (now > ABSOLUTE_FLOOR && then > ABSOLUTE_FLOOR) {
                changes.add(Math.log(now / then));
            }
        }
        if (changes.size() < MIN_TREND_RATIOS) {
            return 0;
        }
        double[] sorted = changes.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int cut = sorted.length / 4;
        double sum = 0;
        for (int i = cut; i < sorted.length - cut; i++) {
            sum += sorted[i];
        }
        double perWeek = sum / (sorted.length - 2 * cut);
        // Spread from the interquartile range rather than the MAD: with few distinct changes (a
        // series alternating between two amounts) the MAD can be zero and make any drift "significant".
        double sigma = (sorted[sorted.length - 1 - cut] - sorted[cut]) / IQR_TO_SIGMA;
        double standardError = sigma / Math.sqrt(sorted.length);
        if (Math.abs(perWeek) < TREND_SIGNIFICANCE * standardError) {
            // indistinguishable from noise: a flat baseline, exactly as the data has it
            return 0;
        }
        return Math.max(-MAX_GROWTH_PER_DAY, Math.min(MAX_GROWTH_PER_DAY, perWeek / 7));
    }

    /**
     * The values of the spread window moved along the trend to day {@code t}: day {@code d}'s amount
     * times e^(growth × (t − d)). Untouched (exact) when there is no trend.
     */
    private static BigDecimal[] projected(BigDecimal[] values, int[] spreadWindow, double growth, int t) {
        if (growth == 0) {
            return values;
        }
        BigDecimal[] out = values.clone();
        for (int d : spreadWindow) {
            BigDecimal factor = BigDecimal.valueOf(Math.exp(growth * (t - d)));
            out[d] = values[d].multiply(factor).setScale(ADJUSTED_SCALE, RoundingMode.HALF_EVEN);
        }
        return out;
    }

    private static double perMonth(double growthPerDay) {
        return Math.expm1(growthPerDay * TREND_MONTH_DAYS);
    }

    /** actual / expected, or null when the expected amount is too small to scale by. */
    private static BigDecimal ratio(BigDecimal actual, BigDecimal expected) {
        if (expected.doubleValue() <= ABSOLUTE_FLOOR) {
            return null;
        }
        return actual.divide(expected, MathContext.DECIMAL64);
    }

    /** Indices of the {@code days} before {@code t}, spikes left out. */
    private static int[] window(int t, int days, boolean[] excluded) {
        int from = Math.max(0, t - days);
        int[] out = new int[t - from];
        int size = 0;
        for (int d = from; d < t; d++) {
            if (!excluded[d]) {
                out[size++] = d;
            }
        }
        return Arrays.copyOf(out, size);
    }

    /** The baseline of one day: same-weekday groups of the window and the spread around them. */
    private static final class Baseline {
        private final LocalDate first;
        private final BigDecimal[] values;
        private final int[] window;
        private final List<List<Integer>> byWeekday;
        private final BigDecimal windowMedian;
        private final double sigmaAbsolute;
        private final double sigmaRelative;
        private final double relativeFloor;

        private final double growth;

        Baseline(LocalDate first, BigDecimal[] values, int[] window, int[] spreadWindow, double relativeFloor,
                 double growth) {
            this.first = first;
            this.growth = growth;
            this.values = values;
            this.window = window;
            this.relativeFloor = relativeFloor;
            this.byWeekday = groups(first, window);
            List<BigDecimal> all = new ArrayList<>();
            for (int d : window) {
                all.add(values[d]);
            }
            windowMedian = median(all);
            List<Double> absolute = new ArrayList<>();
            List<Double> relative = new ArrayList<>();
            for (List<Integer> group : groups(first, spreadWindow)) {
                if (group.size() < 3) {
                    continue;
                }
                for (int d : group) {
                    List<BigDecimal> others = new ArrayList<>();
                    for (int o : group) {
                        if (o != d) {
                            others.add(values[o]);
                        }
                    }
                    double usual = median(others).doubleValue();
                    double v = values[d].doubleValue();
                    absolute.add(v - usual);
                    if (usual > ABSOLUTE_FLOOR) {
                        relative.add((v - usual) / usual);
                    }
                }
            }
            if (absolute.size() < MIN_RELATIVE_RESIDUALS) {
                // too few days per weekday for leave-one-out: residuals against the whole window,
                // which the weekday pattern inflates, erring towards flagging less
                absolute.clear();
                relative.clear();
                for (int d : window) {
                    absolute.add(values[d].doubleValue() - windowMedian.doubleValue());
                }
            }
            this.sigmaAbsolute = MAD_TO_SIGMA * mad(absolute) * smallSample(absolute.size()) * PREDICTION_INFLATION;
            this.sigmaRelative = relative.size() >= MIN_RELATIVE_RESIDUALS
                    ? MAD_TO_SIGMA * mad(relative) * smallSample(relative.size()) * PREDICTION_INFLATION : Double.NaN;
        }

        /**
         * A MAD from few residuals is often too small, and a too-small spread is a false alarm:
         * below {@value #STEADY_RESIDUALS} residuals the spread is widened by sqrt(that / n).
         */
        private static double smallSample(int n) {
            return n >= STEADY_RESIDUALS ? 1 : Math.sqrt(STEADY_RESIDUALS / (double) Math.max(n, 1));
        }

        private static List<List<Integer>> groups(LocalDate first, int[] days) {
            List<List<Integer>> groups = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                groups.add(new ArrayList<>());
            }
            for (int d : days) {
                groups.get(first.plusDays(d).getDayOfWeek().getValue() - 1).add(d);
            }
            return groups;
        }

        /** The expected amount {@code ahead} days after the day this baseline is for, along the trend. */
        BigDecimal expected(DayOfWeek dow, int ahead) {
            BigDecimal here = expected(dow);
            if (growth == 0 || ahead == 0) {
                return here;
            }
            return here.multiply(BigDecimal.valueOf(Math.exp(growth * ahead))).setScale(ADJUSTED_SCALE, RoundingMode.HALF_EVEN);
        }

        BigDecimal expected(DayOfWeek dow) {
            List<Integer> group = byWeekday.get(dow.getValue() - 1);
            if (group.size() < 2) {
                return windowMedian;
            }
            List<BigDecimal> v = new ArrayList<>();
            for (int d : group) {
                v.add(values[d]);
            }
            return median(v);
        }

        /**
         * The spread around {@code expected}: relative to it when the series has a usual level,
         * because cost noise grows with spend (a quiet weekend varies by fewer dollars than a
         * busy Tuesday), else in absolute terms.
         */
        double spread(BigDecimal expected) {
            double e = Math.abs(expected.doubleValue());
            double base = expected.signum() > 0 && !Double.isNaN(sigmaRelative) ? sigmaRelative * e : sigmaAbsolute;
            return Math.max(base, Math.max(relativeFloor * e, ABSOLUTE_FLOOR));
        }

        List<LocalDate> sameWeekdayDays(DayOfWeek dow) {
            List<Integer> group = byWeekday.get(dow.getValue() - 1);
            List<LocalDate> days = new ArrayList<>();
            for (int d : group.size() < 2 ? window : group.stream().mapToInt(Integer::intValue).toArray()) {
                days.add(first.plusDays(d));
            }
            return days;
        }
    }

    /** The exact median: the middle value, or the mean of the two middle values. */
    static BigDecimal median(List<BigDecimal> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("median of no values");
        }
        BigDecimal[] sorted = values.toArray(new BigDecimal[0]);
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        if (sorted.length % 2 == 1) {
            return sorted[mid];
        }
        // halving a finite decimal is exact
        return sorted[mid - 1].add(sorted[mid]).divide(TWO);
    }

    /** Median absolute deviation around the median. */
    private static double mad(List<Double> values) {
        double center = medianOf(values);
        List<Double> deviations = new ArrayList<>(values.size());
        for (double v : values) {
            deviations.add(Math.abs(v - center));
        }
        return medianOf(deviations);
    }

    private static double medianOf(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
