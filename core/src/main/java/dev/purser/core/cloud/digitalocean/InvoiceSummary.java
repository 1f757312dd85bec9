package dev.purser.core.cloud.digitalocean;

import dev.purser.core.model.Money;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;

/**
 * {@code GET /v2/customers/my/invoices/{uuid}/summary}: the invoice's own total and its parts.
 * Part amounts are null when DigitalOcean leaves the part out.
 *
 * @param amount the invoice total, the figure a pull reconciles its rows against
 */
public record InvoiceSummary(
        String invoiceUuid,
        String invoiceId,
        YearMonth billingPeriod,
        Money amount,
        String userName,
        String userCompany,
        String userEmail,
        Money productCharges,
        List<Item> productItems,
        Money overages,
        Money taxes,
        Money creditsAndAdjustments) {

    /** One product's share of the usage charges. */
    public record Item(String name, Money amount, String count) {
        public Item {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(amount, "amount");
        }
    }

    public InvoiceSummary {
        Objects.requireNonNull(invoiceUuid, "invoiceUuid");
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(billingPeriod, "billingPeriod");
        Objects.requireNonNull(amount, "amount");
        productItems = productItems == null ? List.of() : List.copyOf(productItems);
    }
}
