package dev.purser.core.analysis.anomalies;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Objects;

/**
 * Spend of one series on one UTC day, exactly as summed from the cost store.
 *
 * @param key the service name or account the series is about; {@code (none)} when the rows
 *            leave it empty
 */
public record DailyAmount(LocalDate day, String key, Currency currency, BigDecimal amount) {

    public DailyAmount {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(amount, "amount");
    }
}
