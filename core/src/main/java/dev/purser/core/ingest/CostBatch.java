package dev.purser.core.ingest;

import dev.purser.core.model.CostLineItem;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One import being landed: rows are added, then {@link #commit} makes them visible at once and
 * replaces what the same identity landed before; {@link #close} without a commit lands nothing.
 * Not thread-safe; one instance per file or pull.
 */
public interface CostBatch extends AutoCloseable {

    /** What a committed load wrote. */
    public record Landed(
            long importId,
            long rows,
            Map<Currency, BigDecimal> billedTotals,
            LocalDate firstChargeDay,
            LocalDate lastChargeDay,
            Set<String> billingAccounts,
            Set<LocalDate> billingPeriods,
            long replacedRows) {

        public Landed {
            billedTotals = Map.copyOf(billedTotals);
            billingAccounts = Set.copyOf(billingAccounts);
            billingPeriods = Set.copyOf(billingPeriods);
        }
    }

    /** The id of the import record this batch writes. */
    long importId();

    /** Rows added so far. */
    long rows();

    /**
     * @throws dev.purser.core.error.PurserException MALFORMED_FILE for a row outside the batch's
     *         identity; DATABASE_ERROR when the write fails
     */
    void add(CostLineItem item);

    /**
     * Lands the rows and replaces earlier loads of the same identity, in one transaction.
     *
     * @param sha256      the file's digest, or null for a pull
     * @param skippedRows rows a lenient read skipped
     * @param tolerated   what a lenient read tolerated, one line each
     */
    Landed commit(String sha256, long skippedRows, List<String> tolerated);

    /** Rolls back unless committed. */
    @Override
    void close();
}
