package dev.purser.core.analysis.savings;

import dev.purser.core.analysis.commitments.CommitmentAnalysis;
import dev.purser.core.analysis.waste.WasteReport;
import dev.purser.core.model.Money;
import java.time.Instant;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The savings list.
 *
 * @param items      ranked best first (see {@link SavingsRanking})
 * @param totals     the items' monthly savings per currency
 * @param waste      the waste report the waste items came from
 * @param commitment the commitment analysis, when the bill has eligible compute spend
 * @param gaps       what the list could not know (a source that failed, unpriced items, overlaps left out)
 */
public record SavingsReport(Instant asOf, String account, List<SavingsItem> items, Map<Currency, Money> totals,
                            WasteReport waste, Optional<CommitmentAnalysis> commitment, List<String> gaps) {

    public SavingsReport {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(account, "account");
        items = List.copyOf(items);
        totals = Collections.unmodifiableMap(new LinkedHashMap<>(totals));
        Objects.requireNonNull(waste, "waste");
        Objects.requireNonNull(commitment, "commitment");
        gaps = List.copyOf(gaps);
    }
}
