package dev.purser.core.analysis.forecast;

import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;

/**
 * A month's expected total spend in one currency.
 *
 * @param asOf         the last day counted as actual when the data reaches it; later days are forecast
 * @param actualToDate spend from the month's first day to {@code asOf} (or to the last day with
 *                     data, when the data ends earlier)
 * @param forecast     actual to date plus the expected rest of the month
 * @param lower        lower bound of the {@link #INTERVAL} interval around {@code forecast}
 * @param upper        upper bound of that interval
 * @param method       how the number was made, in words, for people
 * @param gaps         what the forecast could not know ("cost data ends 2026-11-12; ...")
 */
public record MonthEndForecast(
        YearMonth month,
        LocalDate asOf,
        Money actualToDate,
        Money forecast,
        Money lower,
        Money upper,
        String method,
        List<String> gaps) {

    /** The nominal coverage of {@code lower..upper}: 80 %. */
    public static final BigDecimal INTERVAL = new BigDecimal("0.80");

    public MonthEndForecast {
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(actualToDate, "actualToDate");
        Objects.requireNonNull(forecast, "forecast");
        Objects.requireNonNull(lower, "lower");
        Objects.requireNonNull(upper, "upper");
        Objects.requireNonNull(method, "method");
        gaps = List.copyOf(gaps);
        if (lower.compareTo(forecast) > 0 || upper.compareTo(forecast) < 0) {
            throw new IllegalArgumentException("forecast " + forecast + " is outside its bounds " + lower + ".." + upper);
        }
    }

    /** The expected spend after {@code asOf}: forecast minus actual to date. */
    public Money remaining() {
        return forecast.minus(actualToDate);
    }

    /** True when the bounds hold {@code amount}. */
    public boolean covers(Money amount) {
        return lower.compareTo(amount) <= 0 && upper.compareTo(amount) >= 0;
    }
}
