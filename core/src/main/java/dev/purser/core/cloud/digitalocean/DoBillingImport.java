package dev.purser.core.cloud.digitalocean;

import dev.purser.core.cloud.Lazy;
import dev.purser.core.cloud.digitalocean.DoBillingPull.PulledInvoice;
import dev.purser.core.cloud.http.HttpSettings;
import dev.purser.core.cloud.http.RateLimitRecorder;
import dev.purser.core.config.DigitalOceanConfig;
import dev.purser.core.config.Secret;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.ingest.CostBatch;
import dev.purser.core.ingest.CostPull;
import dev.purser.core.ingest.CostSink;
import dev.purser.core.ingest.DoInvoiceImporter;
import dev.purser.core.ingest.ImportResult;
import dev.purser.core.model.CostLineItem;
import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code import do-billing}: every issued DigitalOcean invoice in a month range, pulled through
 * {@link DoBillingPull} and landed in ONE transaction.
 *
 * <p>All or nothing: {@link DoBillingPull} fetches and reconciles every invoice before anything
 * is written, and while landing each invoice's rows are summed again and compared with the
 * invoice summary's amount to the cent; an API error, an unreadable CSV or a mismatch on any
 * invoice throws, and the transaction is rolled back, so the store is exactly as before.
 *
 * <p>Identity: each invoice replaces what earlier imports wrote for its (customer, month), under
 * the same source as a downloaded invoice file ({@link DoInvoiceImporter#SOURCE}), so pulling an
 * invoice that was imported from a file, or pulling twice, never counts the month twice.
 */
public final class DoBillingImport implements CostPull {

    /** The pull kind, as typed after {@code import}. */
    public static final String KIND = "do-billing";

    private final Supplier<DoBillingPull> pull;
    private final CostSink costs;
    private final Clock clock;

    public DoBillingImport(DoBillingPull pull, CostSink costs, Clock clock) {
        this(supplierOf(Objects.requireNonNull(pull, "pull")), costs, clock);
    }

    private DoBillingImport(Supplier<DoBillingPull> pull, CostSink costs, Clock clock) {
        this.pull = pull;
        this.costs = Objects.requireNonNull(costs, "costs");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A pull against the configured DigitalOcean API with the configured token. The client is
     * built at the first pull, so a missing token is reported then (BAD_ARGUMENT naming the
     * variable), not at start-up.
     */
    public static DoBillingImport create(DigitalOceanConfig config, Secret token, HttpSettings settings,
                                         RateLimitRecorder recorder, CostSink costs, Clock clock) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(recorder, "recorder");
        return new DoBillingImport(Lazy.once(() -> new DoBillingPull(
                DigitalOceanClient.create(config, token, settings, recorder, clock))), costs, clock);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public PullResult pull(PullRequest request) {
        Objects.requireNonNull(request, "request");
        if (request.account() != null) {
            throw PurserException.badArgument("do-billing files each invoice under the DigitalOcean customer it"
                    + " belongs to; drop --account " + request.account());
        }
        YearMonth from = request.from() == null ? YearMonth.of(1, 1) : YearMonth.from(request.from());
        YearMonth to = request.to() == null ? YearMonth.of(9999, 12) : YearMonth.from(request.to());
        List<PulledInvoice> invoices = pull.get().pull(from, to);
        String window = (request.from() == null ? "the first invoice" : from.toString()) + " to "
                + (request.to() == null ? "the last issued invoice" : to.toString());
        if (invoices.isEmpty()) {
            return new PullResult(KIND, List.of(), List.of(),
                    request.from() == null ? null : from.atDay(1), request.to() == null ? null : to.atEndOfMonth(),
                    List.of("DigitalOcean has no issued invoice from " + window
                            + "; the running month is not an invoice until it closes"));
        }
        YearMonth first = invoices.get(0).summary().billingPeriod();
        YearMonth last = first;
        for (PulledInvoice p : invoices) {
            YearMonth m = p.summary().billingPeriod();
            first = m.isBefore(first) ? m : first;
            last = m.isAfter(last) ? m : last;
        }
        String name = "DigitalOcean API: " + invoices.size() + (invoices.size() == 1 ? " invoice " : " invoices ")
                + (first.equals(last) ? first.toString() : first + ".." + last);
        List<Check> checks = new ArrayList<>();
        try (CostBatch load = costs.begin(DoInvoiceImporter.SOURCE, name, clock.instant())) {
            for (PulledInvoice p : invoices) {
                BigDecimal sum = BigDecimal.ZERO;
                for (CostLineItem item : p.items()) {
                    load.add(item);
                    sum = sum.add(item.billedCost());
                }
                Money expected = p.summary().amount();
                Check check = new Check("invoice " + p.invoice().invoiceId(), p.summary().billingPeriod().toString(),
                        p.items().size(), new Money(sum, expected.currency()), expected);
                if (!check.matches()) {
                    throw new PurserException(ErrorCode.EXTERNAL_API_ERROR, "DigitalOcean invoice "
                            + p.invoice().invoiceId() + " (" + check.period() + "): its rows add up to "
                            + check.imported().roundedToMinorUnit() + " but the invoice says "
                            + expected.roundedToMinorUnit() + "; nothing was imported");
                }
                checks.add(check);
            }
            CostBatch.Landed landed = load.commit(null, 0, List.of());
            Set<YearMonth> months = new LinkedHashSet<>();
            for (LocalDate period : landed.billingPeriods()) {
                months.add(YearMonth.from(period));
            }
            ImportResult result = new ImportResult(landed.importId(), KIND, name, null, landed.rows(),
                    landed.billedTotals(), landed.firstChargeDay(), landed.lastChargeDay(), landed.billingAccounts(),
                    months, landed.replacedRows(), List.of(), List.of());
            return new PullResult(KIND, List.of(result), checks, first.atDay(1), last.atEndOfMonth(), List.of());
        }
    }

    private static Supplier<DoBillingPull> supplierOf(DoBillingPull pull) {
        return () -> pull;
    }
}
