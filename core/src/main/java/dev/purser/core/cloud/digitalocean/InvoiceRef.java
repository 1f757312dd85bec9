package dev.purser.core.cloud.digitalocean;

import dev.purser.core.model.Money;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Objects;

/**
 * An invoice as {@code GET /v2/customers/my/invoices} lists it.
 *
 * @param period    the month billed ({@code invoice_period})
 * @param updatedAt when DigitalOcean last changed it; null when not given (closed invoices)
 */
public record InvoiceRef(String invoiceUuid, String invoiceId, Money amount, YearMonth period, Instant updatedAt) {

    public InvoiceRef {
        Objects.requireNonNull(invoiceUuid, "invoiceUuid");
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(period, "period");
    }
}
