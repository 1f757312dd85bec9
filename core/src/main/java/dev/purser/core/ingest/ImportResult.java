package dev.purser.core.ingest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one file's import did. Totals are BilledCost sums per currency, exact.
 *
 * @param source          the importer kind: {@code focus}, later {@code cur}, {@code do-invoice}, ...
 * @param billingAccounts the BillingAccountIds the file covers
 * @param billingPeriods  the billing months the file covers; with the accounts, the import's identity
 * @param replacedRows    rows of earlier imports with the same identity that this one replaced
 * @param skipped         in lenient mode, {@code file:line: column: reason} for each skipped row
 * @param tolerated       deviations from the spec that were accepted, with counts
 */
public record ImportResult(
        long importId,
        String source,
        String fileName,
        String sha256,
        long rows,
        Map<Currency, BigDecimal> billedTotals,
        LocalDate firstChargeDay,
        LocalDate lastChargeDay,
        Set<String> billingAccounts,
        Set<YearMonth> billingPeriods,
        long replacedRows,
        List<String> skipped,
        List<String> tolerated) {

    public ImportResult {
        billedTotals = Map.copyOf(billedTotals);
        billingAccounts = Set.copyOf(billingAccounts);
        billingPeriods = Set.copyOf(billingPeriods);
        skipped = List.copyOf(skipped);
        tolerated = List.copyOf(tolerated);
    }
}
