package dev.purser.core.ingest;

import dev.purser.core.model.Money;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Pulls costs from a cloud API into the store, as {@link CostImporter} does for files. A pull is
 * one transaction: it lands whole or not at all, so an API error or a total that does not
 * reconcile half-way through leaves the store exactly as it was. Its identity works like an
 * import's: pulling the same accounts and period again replaces what the earlier pull wrote.
 */
public interface CostPull {

    /** The source kind, as typed after {@code import}: {@code do-billing}, {@code aws-ce}. */
    String kind();

    /**
     * @throws dev.purser.core.error.PurserException BAD_ARGUMENT for a request this source cannot
     *         serve (a missing window, token or account), EXTERNAL_API_ERROR when the API fails or
     *         its figures do not reconcile, DATABASE_*; nothing lands then
     */
    PullResult pull(PullRequest request);

    /**
     * What to pull. Days are inclusive and UTC; a source that works in months (invoices) takes
     * the months these days fall in.
     *
     * @param from    first day, or null for as far back as the source goes
     * @param to      last day, or null for as recent as the source has
     * @param account the billing account to file the rows under, for sources whose answers do not
     *                say whose they are (Cost Explorer); null for the source's default
     */
    record PullRequest(LocalDate from, LocalDate to, String account) {
        public PullRequest {
            if (from != null && to != null && to.isBefore(from)) {
                throw new IllegalArgumentException("pull window ends before it starts: " + from + ".." + to);
            }
            if (account != null) {
                account = account.trim();
                if (account.isEmpty()) {
                    throw new IllegalArgumentException("account is blank");
                }
            }
        }

        /** Everything the source has. */
        public static PullRequest all() {
            return new PullRequest(null, null, null);
        }
    }

    /**
     * One reconciliation of what landed against the source's own figure.
     *
     * @param item     what was checked, e.g. {@code invoice 418071234}
     * @param period   the period the item bills, e.g. {@code 2026-10}
     * @param rows     rows landed for it
     * @param imported the sum of those rows' BilledCost, unrounded
     * @param expected the source's own total (an invoice's amount)
     */
    record Check(String item, String period, long rows, Money imported, Money expected) {
        public Check {
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(imported, "imported");
            Objects.requireNonNull(expected, "expected");
        }

        /** Whether both agree to the cent (the minor unit of the currency), in the same currency. */
        public boolean matches() {
            if (!imported.currency().equals(expected.currency())) {
                return false;
            }
            int scale = Math.max(expected.currency().getDefaultFractionDigits(), 0);
            return imported.amount().setScale(scale, RoundingMode.HALF_EVEN)
                    .compareTo(expected.amount().setScale(scale, RoundingMode.HALF_EVEN)) == 0;
        }
    }

    /**
     * What a pull landed.
     *
     * @param imports the landing (one per pull, since a pull is one transaction); empty when the
     *                source had nothing in the window
     * @param checks  per-item reconciliations, e.g. one per invoice; empty when the source gives no
     *                figure to check against
     * @param from    the first day the pull covered (the request's, or the source's earliest)
     * @param to      the last day it covered
     * @param notes   what the reader should know: requests billed, estimated days, ...
     */
    record PullResult(String kind, List<ImportResult> imports, List<Check> checks, LocalDate from, LocalDate to,
                      List<String> notes) {
        public PullResult {
            Objects.requireNonNull(kind, "kind");
            imports = List.copyOf(imports);
            checks = List.copyOf(checks);
            notes = List.copyOf(notes);
        }
    }
}
