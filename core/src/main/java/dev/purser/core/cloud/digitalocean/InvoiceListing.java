package dev.purser.core.cloud.digitalocean;

import java.util.List;
import java.util.Optional;

/**
 * Every issued invoice (all pages) and the running month's preview.
 *
 * @param invoices issued invoices, in DigitalOcean's order (newest first)
 * @param preview  the month to date, not yet an invoice; null when DigitalOcean sent none
 */
public record InvoiceListing(List<InvoiceRef> invoices, InvoiceRef preview) {

    public InvoiceListing {
        invoices = List.copyOf(invoices);
    }

    public Optional<InvoiceRef> previewIfAny() {
        return Optional.ofNullable(preview);
    }
}
