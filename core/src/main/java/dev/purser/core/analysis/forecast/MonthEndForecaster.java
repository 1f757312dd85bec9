package dev.purser.core.analysis.forecast;

import dev.purser.core.analysis.costs.CompleteDays;
import dev.purser.core.analysis.costs.CostFilter;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.model.ChargeCategory;
import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Forecasts a month's total spend: what was spent up to a day, plus the expected spend of the
 * days left, with an {@link MonthEndForecast#INTERVAL 80 %} interval. This is the one entry
 * point for month-end forecasts (the {@code cost} command's month-to-date view and budgets both
 * call {@link #forecast(YearMonth, CostFilter, CostMetric, LocalDate, Currency)} or
 * {@link #forecast(YearMonth, CostFilter)}).
 *
 * <p>The model, and why:
 * <ul>
 * <li><b>Daily spend</b> follows a weekday/weekend pattern (autoscaled clusters, egress, requests),
 *     so each remaining day is expected at a level times its day type's factor. The weekend factor
 *     is the ratio of median weekend to median weekday spend over the trailing
 *     {@value #HISTORY_DAYS} days; the level is the median of the last {@value #LEVEL_DAYS} days
 *     with the day-type factor divided out. Medians, not means, so one spike (a forgotten load
 *     test) does not become a month of spikes, while a lasting step moves the level within a week.
 *     No trend term in the forecast itself: extrapolating the change between the last two
 *     fortnights' levels made the back-test worse, since a one-off step looks like a trend.</li>
 * <li><b>Monthly one-off charges</b> (FOCUS charge categories Tax, Credit and Purchase unless
 *     charged daily, like a Savings Plan's commitment fee, and any service whose spend fell on at
 *     most {@value #LUMP_MAX_DAYS} days in each earlier month, such as a subscription billed on the
 *     1st) are never extrapolated per day: each is expected once, unless already charged this
 *     month, at the median over the last {@value #REFERENCE_MONTHS} complete months of its amount,
 *     or for tax of its share of that month's other spend (tax follows the spend). With no complete
 *     earlier month, a partly covered one is scaled up to a whole month, and a gap says so.</li>
 * <li><b>The interval</b> comes from the spread of the daily residuals around the model over the
 *     trailing days (their root mean square relative to the expected day, so past spikes and steps
 *     widen it), summed over the remaining days as independent day noise, plus the uncertainty of
 *     the level itself (which persists across days), what the level's recent drift would add if it
 *     went on, and the spread of the monthly charges in the earlier months; ±1.2816 standard
 *     deviations is the nominal 80 % interval. Spend that no history foretells (a load test left
 *     running after the as-of day) falls outside it, as it should.</li>
 * </ul>
 *
 * <p>Days are UTC days, as in the cost store's rollup. Amounts never mix currencies: a scope that
 * spends in two currencies gets one forecast per currency.
 */
public final class MonthEndForecaster {

    /** Days of history the weekday pattern and the residual spread come from. */
    public static final int HISTORY_DAYS = 56;
    /** The most recent days the level is the median of. */
    public static final int LEVEL_DAYS = 14;
    /** Complete earlier months the monthly charges are estimated from. */
    public static final int REFERENCE_MONTHS = 3;
    /** A series with spend on at most this many days in each earlier month is a monthly charge. */
    public static final int LUMP_MAX_DAYS = 2;

    private static final Set<String> LUMP_CATEGORIES = Set.of(
            lower(ChargeCategory.TAX.focusValue()),
            lower(ChargeCategory.CREDIT.focusValue()),
            lower(ChargeCategory.PURCHASE.focusValue()));

    private static final MathContext MC = MathContext.DECIMAL64;
    /** The standard normal quantile of 0.90: ±z holds 80 %. */
    private static final BigDecimal Z80 = new BigDecimal("1.2816");
    /** The standard error of a median is about sqrt(pi/2) times that of a mean. */
    private static final BigDecimal MEDIAN_SE = new BigDecimal("1.2533");
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final int SCALE = 6;

    private final DailySpendSource source;
    private final Clock clock;

    public MonthEndForecaster(DailySpendSource source, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The last day counted as actual when none is given: yesterday in UTC, because today's costs
     * are still arriving.
     */
    public LocalDate defaultAsOf() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1);
    }

    /**
     * The last day counted as actual for a question with {@code filter}: its last complete day by
     * the one rule every reply follows ({@link CompleteDays}): the filter's account's last billed
     * day, or the earliest among the accounts billed lately when it names none; at most yesterday.
     */
    public LocalDate asOf(CostFilter filter) {
        Objects.requireNonNull(filter, "filter");
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        return CompleteDays.rule(source.lastDays(filter, today.minusDays(CompleteDays.LOOK_BACK), today), today);
    }

    /**
     * BilledCost forecasts for {@code month} as of the filter's {@link #asOf last complete day}, one
     * per currency the scope spends in (ordered by currency code); empty when the store holds no cost data.
     */
    public List<MonthEndForecast> forecast(YearMonth month, CostFilter filter) {
        return forecast(month, filter, CostMetric.BILLED, asOf(filter));
    }

    /**
     * Forecasts for {@code month}, counting days up to {@code asOf} (inclusive) as actual, one
     * per currency the scope spent in over the history used (ordered by currency code); empty
     * when the store holds no cost data for the filter's account.
     */
    public List<MonthEndForecast> forecast(YearMonth month, CostFilter filter, CostMetric metric, LocalDate asOf) {
        Inputs in = inputs(month, filter, metric, asOf);
        if (in == null) {
            return List.of();
        }
        List<MonthEndForecast> out = new ArrayList<>();
        for (Map.Entry<Currency, List<DailySpend>> e : in.byCurrency.entrySet()) {
            out.add(forecastOne(in, e.getKey(), e.getValue(), List.of()));
        }
        return out;
    }

    /**
     * The forecast in one currency (a budget's): zero with a gap when the scope has no spend in
     * it, and a gap naming any other currency the scope spends in, which it leaves out.
     */
    public MonthEndForecast forecast(YearMonth month, CostFilter filter, CostMetric metric, LocalDate asOf,
                                     Currency currency) {
        Objects.requireNonNull(currency, "currency");
        Inputs in = inputs(month, filter, metric, asOf);
        if (in == null) {
            Money zero = Money.zero(currency);
            return new MonthEndForecast(month, asOf, zero, zero, zero, zero, "no cost data",
                    List.of("no cost data has been imported" + (filter.isEmpty() ? "" : " for this account")));
        }
        List<String> extra = new ArrayList<>();
        for (Currency other : in.byCurrency.keySet()) {
            if (!other.equals(currency)) {
                extra.add("spend in " + other.getCurrencyCode() + " is left out: amounts in two currencies are never added");
            }
        }
        List<DailySpend> rows = in.byCurrency.get(currency);
        if (rows == null) {
            extra.add(0, "no spend in " + currency.getCurrencyCode() + " in the history used");
            rows = List.of();
        }
        return forecastOne(in, currency, rows, extra);
    }

    // ---------------------------------------------------------------------------------------

    /** What every currency's forecast shares: the days, the history window, the earlier months. */
    private record Inputs(YearMonth month, LocalDate asOf, DataSpan span, LocalDate known,
                          LocalDate historyStart, List<YearMonth> references, Partial partial,
                          Map<Currency, List<DailySpend>> byCurrency) {
    }

    /**
     * An earlier month the data covers only in part, used for monthly charges when no earlier
     * month is complete: amounts are scaled by {@code scale}, the month's days over the days covered.
     */
    private record Partial(YearMonth month, long coveredDays, BigDecimal scale) {
    }

    private Inputs inputs(YearMonth month, CostFilter filter, CostMetric metric, LocalDate asOf) {
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(asOf, "asOf");
        Optional<DataSpan> found = source.dataSpan(filter);
        if (found.isEmpty()) {
            return null;
        }
        DataSpan span = found.get();
        LocalDate known = min(asOf, span.last());
        LocalDate historyStart = max(known.minusDays(HISTORY_DAYS - 1L), span.first());
        List<YearMonth> references = new ArrayList<>();
        for (YearMonth m = min(YearMonth.from(known), month).minusMonths(1);
             references.size() < REFERENCE_MONTHS && !m.atDay(1).isBefore(span.first()); m = m.minusMonths(1)) {
            if (!m.atEndOfMonth().isAfter(known)) {
                references.add(0, m);
            }
        }
        Partial partial = null;
        YearMonth before = min(YearMonth.from(known), month).minusMonths(1);
        if (references.isEmpty() && !before.atEndOfMonth().isBefore(span.first())) {
            long covered = ChronoUnit.DAYS.between(max(before.atDay(1), span.first()), min(before.atEndOfMonth(), known)) + 1;
            partial = new Partial(before, covered, BigDecimal.valueOf(before.lengthOfMonth())
                    .divide(BigDecimal.valueOf(covered), MC));
        }
        LocalDate from = min(historyStart, month.atDay(1));
        if (!references.isEmpty()) {
            from = min(from, references.get(0).atDay(1));
        } else if (partial != null) {
            from = min(from, partial.month.atDay(1));
        }
        Map<Currency, List<DailySpend>> byCurrency = new TreeMap<>(Comparator.comparing(Currency::getCurrencyCode));
        if (!from.isAfter(known)) {
            for (DailySpend d : source.dailySpend(filter, metric, from, known.plusDays(1))) {
                byCurrency.computeIfAbsent(d.amount().currency(), c -> new ArrayList<>()).add(d);
            }
        }
        return new Inputs(month, asOf, span, known, historyStart, references, partial, byCurrency);
    }

    private static MonthEndForecast forecastOne(Inputs in, Currency currency, List<DailySpend> rows,
                                                List<String> extraGaps) {
        LocalDate monthStart = in.month.atDay(1);
        LocalDate monthEnd = in.month.atEndOfMonth();
        LocalDate actualEnd = min(in.known, monthEnd);
        List<String> gaps = new ArrayList<>(extraGaps);

        Set<String> lumps = lumpSeries(rows, in.references, in.month);
        BigDecimal actual = BigDecimal.ZERO;
        BigDecimal actualRecurring = BigDecimal.ZERO;
        Map<LocalDate, BigDecimal> recurring = new HashMap<>();
        Set<String> chargedThisMonth = new HashSet<>();
        for (DailySpend d : rows) {
            boolean inMonth = !d.day().isBefore(monthStart) && !d.day().isAfter(actualEnd);
            String key = key(d);
            if (inMonth) {
                actual = actual.add(d.amount().amount());
                chargedThisMonth.add(key);
                if (!lumps.contains(key)) {
                    actualRecurring = actualRecurring.add(d.amount().amount());
                }
            }
            if (!lumps.contains(key) && !d.day().isBefore(in.historyStart)) {
                recurring.merge(d.day(), d.amount().amount(), BigDecimal::add);
            }
        }

        LocalDate firstRemaining = max(monthStart, in.known.plusDays(1));
        if (firstRemaining.isAfter(monthEnd)) {
            Money a = new Money(actual, currency);
            return new MonthEndForecast(in.month, in.asOf, a, a, a, a,
                    "the month is complete in the data: actual spend", gaps);
        }
        if (in.known.isBefore(in.asOf) && !in.asOf.isBefore(monthStart)) {
            gaps.add("cost data ends " + in.span.last() + "; " + in.span.last().plusDays(1) + ".."
                    + min(in.asOf, monthEnd) + " are forecast, not actual");
        }

        Pattern pattern = Pattern.fit(recurring, in.historyStart, in.known);
        if (pattern.days == 0) {
            gaps.add("no cost data before " + firstRemaining + " to learn daily spend from; the rest of the month"
                    + " is forecast as zero");
        } else if (pattern.days < HISTORY_DAYS) {
            gaps.add("the weekday pattern comes from only " + pattern.days + " days of history ("
                    + HISTORY_DAYS + " wanted)");
        }
        BigDecimal expected = BigDecimal.ZERO;
        BigDecimal squares = BigDecimal.ZERO;
        long remainingDays = 0;
        BigDecimal drifted = BigDecimal.ZERO;
        for (LocalDate d = firstRemaining; !d.isAfter(monthEnd); d = d.plusDays(1)) {
            BigDecimal e = pattern.expected(d);
            drifted = drifted.add(pattern.drifted(d));
            expected = expected.add(e);
            squares = squares.add(e.multiply(e, MC));
            remainingDays++;
        }
        BigDecimal variance = pattern.sigma.pow(2, MC).multiply(squares, MC);
        if (pattern.levelDays > 0) {
            BigDecimal levelSigma = MEDIAN_SE.multiply(pattern.sigma, MC)
                    .divide(BigDecimal.valueOf(pattern.levelDays).sqrt(MC), MC);
            variance = variance.add(levelSigma.pow(2, MC).multiply(expected.pow(2, MC), MC), MC);
        }
        // the drift is not extrapolated (that made the back-test worse) but the bounds allow for it
        variance = variance.add(drifted.pow(2, MC), MC);

        // monthly charges not yet seen this month, once each
        List<Weighted> months = new ArrayList<>();
        for (YearMonth m : in.references) {
            months.add(new Weighted(m, BigDecimal.ONE));
        }
        if (in.partial != null) {
            months.add(new Weighted(in.partial.month, in.partial.scale));
        }
        Map<YearMonth, BigDecimal> recurringByMonth = new HashMap<>();
        Map<String, Map<YearMonth, BigDecimal>> lumpByMonth = new HashMap<>();
        for (DailySpend d : rows) {
            YearMonth m = YearMonth.from(d.day());
            String key = key(d);
            if (lumps.contains(key)) {
                lumpByMonth.computeIfAbsent(key, k -> new HashMap<>()).merge(m, d.amount().amount(), BigDecimal::add);
            } else {
                recurringByMonth.merge(m, d.amount().amount(), BigDecimal::add);
            }
        }
        BigDecimal monthRecurring = actualRecurring.add(expected);
        BigDecimal lumpExpected = BigDecimal.ZERO;
        List<String> lumpNames = new ArrayList<>();
        Set<String> pendingWithoutHistory = new TreeSet<>();
        for (String key : lumps) {
            if (chargedThisMonth.contains(key)) {
                continue;
            }
            if (months.isEmpty()) {
                pendingWithoutHistory.add(label(key));
                continue;
            }
            // tax is a share of the month's charges, so it is estimated as that share; other
            // monthly charges (credits, subscriptions) as the amount, scaled up from a partial month
            boolean tax = lower(category(key)).equals(lower(ChargeCategory.TAX.focusValue()));
            List<BigDecimal> estimates = new ArrayList<>();
            for (Weighted w : months) {
                BigDecimal sum = lumpByMonth.getOrDefault(key, Map.of()).getOrDefault(w.month, BigDecimal.ZERO);
                if (tax) {
                    BigDecimal base = recurringByMonth.getOrDefault(w.month, BigDecimal.ZERO);
                    if (base.signum() != 0) {
                        estimates.add(sum.divide(base, MC).multiply(monthRecurring, MC));
                    }
                } else {
                    estimates.add(sum.multiply(w.scale, MC));
                }
            }
            if (estimates.isEmpty()) {
                continue;
            }
            BigDecimal estimate = median(estimates);
            if (estimate.signum() != 0) {
                lumpExpected = lumpExpected.add(estimate);
                lumpNames.add(label(key));
            }
            BigDecimal halfRange = estimates.stream().max(Comparator.naturalOrder()).orElseThrow()
                    .subtract(estimates.stream().min(Comparator.naturalOrder()).orElseThrow()).divide(TWO, MC);
            variance = variance.add(halfRange.pow(2, MC), MC);
        }
        if (!pendingWithoutHistory.isEmpty()) {
            gaps.add("no earlier month in the data to estimate monthly charges from, so "
                    + String.join(", ", pendingWithoutHistory) + " are not expected this month");
        }
        if (in.partial != null && !lumpNames.isEmpty()) {
            gaps.add("monthly charges are estimated from only " + in.partial.coveredDays + " days of "
                    + in.partial.month + ", scaled to the whole month");
        }

        BigDecimal half = Z80.multiply(variance.sqrt(MC), MC);
        BigDecimal forecast = actual.add(round(expected.add(lumpExpected)));
        BigDecimal lower = forecast.subtract(round(half));
        BigDecimal upper = forecast.add(round(half));
        // the days left cannot spend less than nothing
        BigDecimal floor = actual.add(round(lumpExpected));
        if (expected.signum() >= 0 && lower.compareTo(floor) < 0) {
            lower = floor.min(forecast);
        }
        String method = method(in, pattern, remainingDays, lumpNames);
        return new MonthEndForecast(in.month, in.asOf, new Money(actual, currency), new Money(forecast, currency),
                new Money(lower, currency), new Money(upper, currency), method, gaps);
    }

    private static String method(Inputs in, Pattern pattern, long remainingDays, List<String> lumpNames) {
        StringBuilder b = new StringBuilder();
        b.append("actual to ").append(in.known.isBefore(in.month.atDay(1)) ? "(none)" : min(in.known,
                in.month.atEndOfMonth()));
        b.append(" + ").append(remainingDays).append(remainingDays == 1 ? " day" : " days")
                .append(" at the median level of the last ").append(LEVEL_DAYS).append(" days");
        if (pattern.weekendFactor.compareTo(BigDecimal.ONE) != 0) {
            b.append(", weekends x").append(pattern.weekendFactor.setScale(2, RoundingMode.HALF_EVEN).toPlainString())
                    .append(" (from ").append(pattern.days).append(" days)");
        }
        if (!lumpNames.isEmpty()) {
            int n = Math.max(in.references.size(), 1);
            b.append(" + monthly charges once (").append(String.join(", ", lumpNames)).append(", from ")
                    .append(n).append(n == 1 ? " earlier month)" : " earlier months)");
        }
        b.append("; 80 % interval from the spread of daily residuals");
        return b.toString();
    }

    /**
     * Series expected once a month. A Tax, Credit or Purchase series is one unless it was charged
     * on more than {@link #LUMP_MAX_DAYS} days of some month (a Savings Plan's commitment fee is a
     * Purchase billed every day: that is daily spend). Any other series is one when it appears in
     * an earlier complete month and was charged on at most {@link #LUMP_MAX_DAYS} days of every
     * earlier complete month and of this month so far.
     */
    private static Set<String> lumpSeries(List<DailySpend> rows, List<YearMonth> references, YearMonth month) {
        Map<String, Map<YearMonth, Set<LocalDate>>> days = new LinkedHashMap<>();
        Set<String> lumpCategory = new HashSet<>();
        for (DailySpend d : rows) {
            String key = key(d);
            if (LUMP_CATEGORIES.contains(lower(d.chargeCategory()))) {
                lumpCategory.add(key);
            }
            if (d.amount().amount().signum() != 0) {
                days.computeIfAbsent(key, k -> new HashMap<>())
                        .computeIfAbsent(YearMonth.from(d.day()), k -> new HashSet<>()).add(d.day());
            }
        }
        Set<String> lumps = new HashSet<>();
        for (String key : lumpCategory) {
            Map<YearMonth, Set<LocalDate>> byMonth = days.getOrDefault(key, Map.of());
            if (byMonth.values().stream().allMatch(s -> s.size() <= LUMP_MAX_DAYS)) {
                lumps.add(key);
            }
        }
        for (Map.Entry<String, Map<YearMonth, Set<LocalDate>>> e : days.entrySet()) {
            Map<YearMonth, Set<LocalDate>> byMonth = e.getValue();
            boolean seenBefore = references.stream().anyMatch(byMonth::containsKey);
            boolean sparse = references.stream().allMatch(m -> byMonth.getOrDefault(m, Set.of()).size() <= LUMP_MAX_DAYS)
                    && byMonth.getOrDefault(month, Set.of()).size() <= LUMP_MAX_DAYS;
            if (seenBefore && sparse) {
                lumps.add(e.getKey());
            }
        }
        return lumps;
    }

    /** The fitted daily pattern of the recurring spend. */
    private static final class Pattern {
        final int days;
        final BigDecimal weekendFactor;
        final BigDecimal level;
        final int levelDays;
        final BigDecimal sigma;
        /** Change of the level per day, from the previous {@value #LEVEL_DAYS} days to the last ones. */
        final BigDecimal drift;
        /** The middle of the level's days, as an epoch day (may be a half day). */
        final BigDecimal center;

        private Pattern(int days, BigDecimal weekendFactor, BigDecimal level, int levelDays, BigDecimal sigma,
                        BigDecimal drift, BigDecimal center) {
            this.days = days;
            this.weekendFactor = weekendFactor;
            this.level = level;
            this.levelDays = levelDays;
            this.sigma = sigma;
            this.drift = drift;
            this.center = center;
        }

        /** What the level's drift would add on {@code day} if it went on. */
        BigDecimal drifted(LocalDate day) {
            BigDecimal age = BigDecimal.valueOf(day.toEpochDay()).subtract(center);
            return drift.multiply(age, MC).multiply(factor(day), MC);
        }

        BigDecimal factor(LocalDate day) {
            return weekend(day) ? weekendFactor : BigDecimal.ONE;
        }

        BigDecimal expected(LocalDate day) {
            return level.multiply(factor(day), MC);
        }

        /** Fits the pattern to the days {@code from..to}; a day without rows is a known zero. */
        static Pattern fit(Map<LocalDate, BigDecimal> spend, LocalDate from, LocalDate to) {
            if (from.isAfter(to)) {
                return new Pattern(0, BigDecimal.ONE, BigDecimal.ZERO, 0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
            }
            List<BigDecimal> weekdays = new ArrayList<>();
            List<BigDecimal> weekends = new ArrayList<>();
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                (weekend(d) ? weekends : weekdays).add(value(spend, d));
            }
            int days = (int) ChronoUnit.DAYS.between(from, to) + 1;
            BigDecimal weekday = median(weekdays);
            BigDecimal factor = BigDecimal.ONE;
            if (weekdays.size() >= 2 && weekends.size() >= 2 && weekday.signum() > 0) {
                factor = median(weekends).divide(weekday, MC);
            }
            List<BigDecimal> deseasonalized = new ArrayList<>();
            LocalDate levelFrom = max(from, to.minusDays(LEVEL_DAYS - 1L));
            for (LocalDate d = levelFrom; !d.isAfter(to); d = d.plusDays(1)) {
                BigDecimal f = weekend(d) ? factor : BigDecimal.ONE;
                if (f.signum() != 0) {
                    deseasonalized.add(value(spend, d).divide(f, MC));
                }
            }
            BigDecimal level = median(deseasonalized);
            List<BigDecimal> residuals = new ArrayList<>();
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                BigDecimal e = level.multiply(weekend(d) ? factor : BigDecimal.ONE, MC);
                if (e.signum() != 0) {
                    residuals.add(value(spend, d).subtract(e).divide(e, MC));
                }
            }
            BigDecimal sigma = BigDecimal.ZERO;
            if (!residuals.isEmpty()) {
                BigDecimal squares = BigDecimal.ZERO;
                for (BigDecimal r : residuals) {
                    squares = squares.add(r.multiply(r, MC), MC);
                }
                sigma = squares.divide(BigDecimal.valueOf(residuals.size()), MC).sqrt(MC);
            }
            // the level of the fortnight before, for the drift
            List<BigDecimal> earlier = new ArrayList<>();
            for (LocalDate d = max(from, levelFrom.minusDays(LEVEL_DAYS)); d.isBefore(levelFrom); d = d.plusDays(1)) {
                BigDecimal f = weekend(d) ? factor : BigDecimal.ONE;
                if (f.signum() != 0) {
                    earlier.add(value(spend, d).divide(f, MC));
                }
            }
            BigDecimal drift = BigDecimal.ZERO;
            if (earlier.size() >= LEVEL_DAYS / 2 && deseasonalized.size() >= LEVEL_DAYS / 2) {
                drift = level.subtract(median(earlier)).divide(BigDecimal.valueOf(LEVEL_DAYS), MC);
            }
            BigDecimal center = BigDecimal.valueOf(levelFrom.toEpochDay() + to.toEpochDay()).divide(TWO, MC);
            return new Pattern(days, factor, level, deseasonalized.size(), sigma, drift, center);
        }

        private static BigDecimal value(Map<LocalDate, BigDecimal> spend, LocalDate day) {
            return spend.getOrDefault(day, BigDecimal.ZERO);
        }
    }

    static BigDecimal median(List<BigDecimal> values) {
        if (values.isEmpty()) {
            return BigDecimal.ZERO;
        }
        List<BigDecimal> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        int n = sorted.size();
        if (n % 2 == 1) {
            return sorted.get(n / 2);
        }
        return sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(TWO, MC);
    }

    private static boolean weekend(LocalDate day) {
        DayOfWeek d = day.getDayOfWeek();
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
    }

    private static String key(DailySpend d) {
        return (d.service() == null ? "" : d.service()) + "\u0000" + d.chargeCategory();
    }

    /** An earlier month and the factor its monthly charges are scaled by. */
    private record Weighted(YearMonth month, BigDecimal scale) {
    }

    private static String category(String key) {
        return key.substring(key.indexOf('\u0000') + 1);
    }

    /** A series key for people: {@code Taxes (Tax)}. */
    private static String label(String key) {
        int nul = key.indexOf('\u0000');
        String service = key.substring(0, nul);
        String category = key.substring(nul + 1);
        return service.isEmpty() ? category : service + " (" + category + ")";
    }

    private static BigDecimal round(BigDecimal value) {
        BigDecimal v = value.setScale(SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0) : v;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static YearMonth min(YearMonth a, YearMonth b) {
        return a.isBefore(b) ? a : b;
    }
}
