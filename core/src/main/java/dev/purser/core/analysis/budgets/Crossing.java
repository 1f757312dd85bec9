package dev.purser.core.analysis.budgets;

import dev.purser.core.model.Money;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;

/**
 * A budget's threshold reached in a month, by actual spend or by forecast.
 *
 * @param spend the actual or forecast spend that reached it
 * @param asOf  the last day counted as actual when it was found
 */
public record Crossing(String budget, YearMonth month, int thresholdPercent, Basis basis, Money spend,
                       Money budgetAmount, LocalDate asOf) {

    public Crossing {
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(spend, "spend");
        Objects.requireNonNull(budgetAmount, "budgetAmount");
        Objects.requireNonNull(asOf, "asOf");
    }
}
