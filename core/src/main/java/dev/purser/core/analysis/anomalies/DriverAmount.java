package dev.purser.core.analysis.anomalies;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Spend of one line-item group on one UTC day: the rows sharing a resource, SKU and charge
 * description. Any of the three may be null when the source leaves it empty.
 */
public record DriverAmount(LocalDate day, String resourceId, String resourceName, String skuId,
                           String chargeDescription, BigDecimal amount) {

    public DriverAmount {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(amount, "amount");
    }
}
