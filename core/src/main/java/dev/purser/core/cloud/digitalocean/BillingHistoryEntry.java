package dev.purser.core.cloud.digitalocean;

import dev.purser.core.model.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of {@code GET /v2/customers/my/billing_history}: an invoice, a payment, a credit...
 *
 * @param invoiceId   null unless the entry is about an invoice
 * @param invoiceUuid null unless the entry is about an invoice
 * @param type        DigitalOcean's type: {@code Invoice}, {@code Payment}, {@code Credit}, ...
 */
public record BillingHistoryEntry(
        String description, Money amount, String invoiceId, String invoiceUuid, Instant date, String type) {

    public BillingHistoryEntry {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(type, "type");
    }
}
