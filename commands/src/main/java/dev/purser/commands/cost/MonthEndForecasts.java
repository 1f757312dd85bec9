package dev.purser.commands.cost;

import dev.purser.core.analysis.costs.CostFilter;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.analysis.forecast.MonthEndForecast;
import dev.purser.core.analysis.forecast.MonthEndForecaster;
import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;

/**
 * What the {@code cost} command needs to show a month-end forecast beside a month-to-date total:
 * the forecasts of a month for a filter and metric, one per currency (ordered by currency code),
 * empty when nothing can be forecast. The composition root passes {@link #of(MonthEndForecaster)};
 * tests pass a lambda.
 */
@FunctionalInterface
public interface MonthEndForecasts {

    /** No forecasts: the {@code cost} command then shows none. */
    MonthEndForecasts NONE = (month, filter, metric) -> List.of();

    List<Projection> forecast(YearMonth month, CostFilter filter, CostMetric metric);

    /**
     * Forecasts from the engine's {@link MonthEndForecaster}, counting days up to the question's
     * {@link MonthEndForecaster#asOf last complete day} as actual, the day {@code cost} counts through.
     */
    static MonthEndForecasts of(MonthEndForecaster forecaster) {
        Objects.requireNonNull(forecaster, "forecaster");
        return (month, filter, metric) -> forecaster.forecast(month, filter, metric, forecaster.asOf(filter))
                .stream()
                .map(f -> new Projection(f.month(), f.asOf(), f.actualToDate(), f.forecast(), f.lower(), f.upper(),
                        MonthEndForecast.INTERVAL, f.method(), f.gaps()))
                .toList();
    }

    /**
     * One currency's expected month total.
     *
     * @param asOf         the last day counted as actual; later days are forecast
     * @param actualToDate spend from the month's first day to {@code asOf}
     * @param coverage     the nominal probability that the total falls in {@code lower..upper} (0.80 is 80 %)
     * @param method       how the number was made, in words, for people
     * @param gaps         what the forecast could not know
     */
    record Projection(YearMonth month, LocalDate asOf, Money actualToDate, Money forecast, Money lower, Money upper,
                      BigDecimal coverage, String method, List<String> gaps) {
        public Projection {
            Objects.requireNonNull(month, "month");
            Objects.requireNonNull(asOf, "asOf");
            Objects.requireNonNull(actualToDate, "actualToDate");
            Objects.requireNonNull(forecast, "forecast");
            Objects.requireNonNull(lower, "lower");
            Objects.requireNonNull(upper, "upper");
            Objects.requireNonNull(coverage, "coverage");
            Objects.requireNonNull(method, "method");
            gaps = List.copyOf(gaps);
            if (!forecast.currency().equals(lower.currency()) || !forecast.currency().equals(upper.currency())) {
                throw new IllegalArgumentException("forecast " + forecast + " and its bounds " + lower + ".." + upper
                        + " are in different currencies");
            }
        }
    }
}
