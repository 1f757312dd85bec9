package dev.purser.core.analysis.budgets;

import dev.purser.core.analysis.forecast.MonthEndForecast;
import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Objects;

/**
 * Where a budget stands in a month.
 *
 * @param forecast           the month-end forecast in the budget's currency, with its actual to date
 * @param crossedByActual    thresholds (percent) that actual spend so far has reached
 * @param crossedByForecast  thresholds the month-end forecast reaches
 */
public record BudgetStatus(Budget budget, MonthEndForecast forecast, List<Integer> crossedByActual,
                           List<Integer> crossedByForecast) {

    public BudgetStatus {
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(forecast, "forecast");
        crossedByActual = List.copyOf(crossedByActual);
        crossedByForecast = List.copyOf(crossedByForecast);
    }

    public Money actual() {
        return forecast.actualToDate();
    }

    /** Actual spend over the budget amount: 0.5 is half used. */
    public BigDecimal usedRatio() {
        return actual().amount().divide(budget.amount().amount(), MathContext.DECIMAL64);
    }

    /** Forecast over the budget amount. */
    public BigDecimal forecastRatio() {
        return forecast.forecast().amount().divide(budget.amount().amount(), MathContext.DECIMAL64);
    }

    /** The budget amount left after actual spend; negative when overspent. */
    public Money left() {
        return budget.amount().minus(actual());
    }
}
