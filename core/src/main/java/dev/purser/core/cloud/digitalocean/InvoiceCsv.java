package dev.purser.core.cloud.digitalocean;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /v2/customers/my/invoices/{uuid}/csv}: the invoice's line items as CSV text.
 *
 * @param fileName the file name from {@code Content-Disposition}, e.g.
 *                 {@code DigitalOcean Invoice 2020 Jul (6173678-418071234).csv}; null when absent
 */
public record InvoiceCsv(String invoiceUuid, String fileName, String text) {

    private static final Pattern NUMBERS = Pattern.compile("\\((\\d+)-(\\d+)\\)");

    public InvoiceCsv {
        Objects.requireNonNull(invoiceUuid, "invoiceUuid");
        Objects.requireNonNull(text, "text");
    }

    /**
     * The customer (team) number DigitalOcean puts first in the file name's parentheses:
     * {@code (6173678-418071234)} gives {@code 6173678}.
     */
    public Optional<String> customerNumber() {
        if (fileName == null) {
            return Optional.empty();
        }
        Matcher m = NUMBERS.matcher(fileName);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The name to report errors against: the file name, else {@code invoice-<uuid>.csv}. */
    public String displayName() {
        return fileName != null ? fileName : "invoice-" + invoiceUuid + ".csv";
    }
}
