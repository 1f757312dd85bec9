package dev.purser.core.analysis.budgets;

import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.analysis.forecast.MonthEndForecast;
import dev.purser.core.analysis.forecast.MonthEndForecaster;
import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Budgets against spend: each budget's actual month-to-date BilledCost and month-end forecast
 * (in the budget's currency), the thresholds each has reached, and the crossings not reported
 * before.
 *
 * <p>Exactly once: {@link #check} records what it returns in the same transaction as it finds
 * them new ({@code INSERT ... ON CONFLICT DO NOTHING RETURNING}), so a second run, or another
 * Purser instance running at the same moment, does not return them again.
 */
public final class BudgetChecker {

    private final BudgetStore store;
    private final MonthEndForecaster forecaster;
    private final Clock clock;

    public BudgetChecker(BudgetStore store, MonthEndForecaster forecaster, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.forecaster = Objects.requireNonNull(forecaster, "forecaster");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Every budget's status in {@code month}, each as of its own last complete day
     * ({@link MonthEndForecaster#asOf}: a budget of one account counts through that account's bill).
     */
    public List<BudgetStatus> status(YearMonth month) {
        List<BudgetStatus> out = new ArrayList<>();
        for (Budget b : store.list()) {
            out.add(status(b, month, forecaster.asOf(b.scope().filter(b.account()))));
        }
        return out;
    }

    public List<BudgetStatus> status(YearMonth month, LocalDate asOf) {
        List<BudgetStatus> out = new ArrayList<>();
        for (Budget b : store.list()) {
            out.add(status(b, month, asOf));
        }
        return out;
    }

    public BudgetStatus status(Budget budget, YearMonth month, LocalDate asOf) {
        MonthEndForecast f = forecaster.forecast(month, budget.scope().filter(budget.account()), CostMetric.BILLED,
                asOf, budget.amount().currency());
        return new BudgetStatus(budget, f, reached(budget, f.actualToDate()), reached(budget, f.forecast()));
    }

    /** New crossings in {@code month}, each budget as of its own last complete day; see {@link #check(YearMonth, LocalDate)}. */
    public List<Crossing> check(YearMonth month) {
        return recordNew(month, status(month));
    }

    /**
     * The thresholds reached by actual spend or by forecast that were not reported before, now
     * recorded as reported. Returns an empty list when nothing new was reached.
     */
    public List<Crossing> check(YearMonth month, LocalDate asOf) {
        return recordNew(month, status(month, asOf));
    }

    private List<Crossing> recordNew(YearMonth month, List<BudgetStatus> statuses) {
        List<Crossing> found = new ArrayList<>();
        for (BudgetStatus s : statuses) {
            Budget b = s.budget();
            LocalDate asOf = s.forecast().asOf();
            for (int t : s.crossedByActual()) {
                found.add(new Crossing(b.name(), month, t, Basis.ACTUAL, s.actual(), b.amount(), asOf));
            }
            for (int t : s.crossedByForecast()) {
                found.add(new Crossing(b.name(), month, t, Basis.FORECAST, s.forecast().forecast(), b.amount(), asOf));
            }
        }
        return found.isEmpty() ? List.of() : store.recordNew(found, clock.instant());
    }

    private static List<Integer> reached(Budget budget, Money spend) {
        List<Integer> out = new ArrayList<>();
        for (int t : budget.thresholds()) {
            BigDecimal line = budget.amount().amount().multiply(BigDecimal.valueOf(t)).movePointLeft(2);
            if (spend.amount().compareTo(line) >= 0) {
                out.add(t);
            }
        }
        return out;
    }
}
