package dev.purser.core.cloud.digitalocean;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.ingest.DoInvoiceCsvReader;
import dev.purser.core.model.CostLineItem;
import dev.purser.core.model.Money;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Pulls a DigitalOcean team's issued invoices as FOCUS line items: lists the invoices (all
 * pages), and for each fetches its CSV and summary, reads the CSV with
 * {@link DoInvoiceCsvReader}, and checks that the rows add up to the summary's total to the
 * cent.
 *
 * <p>All or nothing: everything is fetched and checked before anything is returned, so a
 * failure on any invoice (an API error, an unreadable CSV, a total that does not reconcile)
 * throws and hands back nothing. The caller lands the returned invoices in one transaction. The
 * running month's preview is not pulled: it is not an invoice yet, and its figures still move.
 *
 * <p>Billing account: the customer number DigitalOcean puts in the CSV's file name
 * ({@code ... (6173678-418071234).csv}), else the email the invoice is addressed to, else
 * {@value #UNKNOWN_ACCOUNT}; its name is the invoice's company, else the user's name.
 */
public final class DoBillingPull {

    /** The billing account id used when the invoice does not say whose it is. */
    public static final String UNKNOWN_ACCOUNT = "digitalocean";

    /**
     * One invoice, pulled and reconciled.
     *
     * @param invoice  as the invoice list shows it
     * @param summary  the invoice's own total and parts
     * @param fileName the CSV's file name, as errors and audit name it
     * @param items    the CSV's rows as FOCUS line items, in file order
     */
    public record PulledInvoice(InvoiceRef invoice, InvoiceSummary summary, String fileName, List<CostLineItem> items) {
        public PulledInvoice {
            Objects.requireNonNull(invoice, "invoice");
            Objects.requireNonNull(summary, "summary");
            Objects.requireNonNull(fileName, "fileName");
            items = List.copyOf(items);
        }

        /** The sum of the rows' billed cost, unrounded. */
        public Money total() {
            BigDecimal sum = BigDecimal.ZERO;
            for (CostLineItem item : items) {
                sum = sum.add(item.billedCost());
            }
            return new Money(sum, summary.amount().currency());
        }
    }

    private final DigitalOceanClient client;

    public DoBillingPull(DigitalOceanClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Every issued invoice.
     *
     * @throws PurserException {@link ErrorCode#EXTERNAL_API_ERROR} (or {@link ErrorCode#NOT_FOUND})
     *                         when any invoice cannot be fetched, read or reconciled; nothing is returned
     */
    public List<PulledInvoice> pull() {
        return pull(YearMonth.of(1, 1), YearMonth.of(9999, 12));
    }

    /**
     * The issued invoices whose month lies in {@code [from, to]}.
     *
     * @throws PurserException as {@link #pull()}
     */
    public List<PulledInvoice> pull(YearMonth from, YearMonth to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw PurserException.badArgument("invoice months end " + to + " is before start " + from);
        }
        List<PulledInvoice> out = new ArrayList<>();
        for (InvoiceRef ref : client.invoices().invoices()) {
            if (ref.period().isBefore(from) || ref.period().isAfter(to)) {
                continue;
            }
            out.add(pullOne(ref));
        }
        return List.copyOf(out);
    }

    private PulledInvoice pullOne(InvoiceRef ref) {
        InvoiceSummary summary = client.invoiceSummary(ref.invoiceUuid());
        InvoiceCsv csv = client.invoiceCsv(ref.invoiceUuid());
        String accountId = csv.customerNumber()
                .or(() -> nonBlank(summary.userEmail()))
                .orElse(UNKNOWN_ACCOUNT);
        String accountName = nonBlank(summary.userCompany()).or(() -> nonBlank(summary.userName())).orElse(null);
        YearMonth period = summary.billingPeriod();
        List<CostLineItem> items;
        try {
            items = DoInvoiceCsvReader.readAll(new StringReader(csv.text()), csv.displayName(),
                    new DoInvoiceCsvReader.Invoice(accountId, accountName, ref.invoiceId(), period));
        } catch (PurserException e) {
            throw new PurserException(ErrorCode.EXTERNAL_API_ERROR, "DigitalOcean sent a CSV for invoice "
                    + ref.invoiceId() + " (" + period + ") that Purser cannot read: " + e.getMessage()
                    + "; nothing was imported: try again, and report it if it persists", e);
        }
        PulledInvoice pulled = new PulledInvoice(ref, summary, csv.displayName(), items);
        reconcile(pulled);
        return pulled;
    }

    private static void reconcile(PulledInvoice p) {
        Money expected = p.summary().amount();
        for (CostLineItem item : p.items()) {
            if (!item.billingCurrency().equals(expected.currency())) {
                throw new PurserException(ErrorCode.EXTERNAL_API_ERROR, "DigitalOcean invoice "
                        + p.invoice().invoiceId() + " (" + p.summary().billingPeriod() + ") has CSV rows in "
                        + item.billingCurrency().getCurrencyCode() + " but its summary is in "
                        + expected.currency().getCurrencyCode() + "; nothing was imported");
            }
        }
        BigDecimal rows = p.total().amount().setScale(2, RoundingMode.HALF_EVEN);
        BigDecimal total = expected.amount().setScale(2, RoundingMode.HALF_EVEN);
        if (rows.compareTo(total) != 0) {
            throw new PurserException(ErrorCode.EXTERNAL_API_ERROR, "DigitalOcean invoice " + p.invoice().invoiceId()
                    + " (" + p.summary().billingPeriod() + ", uuid " + p.invoice().invoiceUuid() + "): its CSV rows add up to "
                    + rows.toPlainString() + " " + expected.currency().getCurrencyCode() + " but its summary says "
                    + total.toPlainString() + " " + expected.currency().getCurrencyCode()
                    + "; nothing was imported: try again later (the invoice may still be settling), and report it if it persists");
        }
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
    }
}
