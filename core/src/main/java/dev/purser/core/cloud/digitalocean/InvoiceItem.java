package dev.purser.core.cloud.digitalocean;

import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of {@code GET /v2/customers/my/invoices/{uuid}}. Optional fields are null when
 * DigitalOcean leaves them out.
 *
 * @param duration     how long the charge ran, in {@code durationUnit}; null for flat charges
 */
public record InvoiceItem(
        String product,
        String resourceUuid,
        String resourceId,
        String groupDescription,
        String description,
        Money amount,
        BigDecimal duration,
        String durationUnit,
        Instant startTime,
        Instant endTime,
        String projectName) {

    public InvoiceItem {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(amount, "amount");
    }
}
