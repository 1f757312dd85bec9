package dev.purser.core.analysis.forecast;

import dev.purser.core.model.Money;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Spend of one UTC day in one series: the rows of one service and one FOCUS charge category.
 * The forecaster needs that split to tell daily spend from monthly one-off charges.
 *
 * @param service        the FOCUS ServiceName, or null when the rows leave it empty
 * @param chargeCategory the FOCUS ChargeCategory as stored ({@code Usage}, {@code Tax}, ...)
 */
public record DailySpend(LocalDate day, String service, String chargeCategory, Money amount) {

    public DailySpend {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(chargeCategory, "chargeCategory");
        Objects.requireNonNull(amount, "amount");
    }
}
