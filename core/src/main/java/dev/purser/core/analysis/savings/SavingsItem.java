package dev.purser.core.analysis.savings;

import dev.purser.core.analysis.rightsizing.Level;
import dev.purser.core.analysis.rightsizing.PriceBasis;
import dev.purser.core.model.Money;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One recommendation in the savings list.
 *
 * @param id            stable, from the recommendation it stands for ({@code wa-…} waste,
 *                      {@code rs-…} right-sizing, {@code cm-…} commitments)
 * @param resourceId    the resource it changes; empty for account-wide items (commitments)
 * @param subject       what a reader recognises it by: a resource name, or the account
 * @param monthlySaving empty when no price supports a figure; then {@code basis} is NOT_FOUND
 * @param basisNote     where the saving comes from, in words (bill, catalog and date, assumed discount)
 * @param riskReasons   why the risk is what it is
 */
public record SavingsItem(String id, SavingsCategory category, String account, Optional<String> resourceId,
                          String subject, String action, Optional<Money> monthlySaving, PriceBasis basis,
                          String basisNote, Level risk, List<String> riskReasons, Level effort, Level confidence,
                          String summary) {

    public SavingsItem {
        Objects.requireNonNull(id, "id");
        if (!id.matches("(wa|rs|cm)-[0-9a-f]{10}")) {
            throw new IllegalArgumentException("id must be wa-, rs- or cm- and 10 hex digits: " + id);
        }
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(monthlySaving, "monthlySaving");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(basisNote, "basisNote");
        Objects.requireNonNull(risk, "risk");
        riskReasons = List.copyOf(riskReasons);
        Objects.requireNonNull(effort, "effort");
        Objects.requireNonNull(confidence, "confidence");
        Objects.requireNonNull(summary, "summary");
        if (basis == PriceBasis.NOT_FOUND && monthlySaving.isPresent()) {
            throw new IllegalArgumentException("a saving needs a price: " + monthlySaving.get() + " for " + id);
        }
        if (monthlySaving.isPresent() && monthlySaving.get().amount().signum() <= 0) {
            throw new IllegalArgumentException("a savings item must save something: " + monthlySaving.get() + " for " + id);
        }
    }
}
