package dev.purser.core.analysis.waste;

import dev.purser.core.analysis.rightsizing.Level;
import dev.purser.core.analysis.rightsizing.PriceBasis;
import dev.purser.core.model.Money;
import java.util.Objects;
import java.util.Optional;

/**
 * One resource that is paid for and unused.
 *
 * @param id          stable: {@code wa-} and 10 hex digits of a hash of the kind and resource id,
 *                    so the same leftover keeps its id from one day to the next
 * @param account     the inventory scenario or account the resource belongs to
 * @param monthlyCost what removing it saves a month; empty when neither bill nor inventory prices
 *                    it (then {@code basis} is {@link PriceBasis#NOT_FOUND} and no saving is claimed)
 * @param costNote    where {@code monthlyCost} came from, in words
 * @param evidence    the figures that make it waste ("unattached; state available", "p95 CPU 0.9 %")
 * @param action      what to do, in words
 */
public record WasteFinding(String id, WasteKind kind, String account, String resourceId, String resourceName,
                           String resourceKind, Optional<Money> monthlyCost, PriceBasis basis, String costNote,
                           String evidence, String action, Level risk, String riskReason, Level effort) {

    public WasteFinding {
        Objects.requireNonNull(id, "id");
        if (!id.matches("wa-[0-9a-f]{10}")) {
            throw new IllegalArgumentException("id must be wa- and 10 hex digits: " + id);
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(resourceName, "resourceName");
        Objects.requireNonNull(resourceKind, "resourceKind");
        Objects.requireNonNull(monthlyCost, "monthlyCost");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(costNote, "costNote");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(riskReason, "riskReason");
        Objects.requireNonNull(effort, "effort");
        if (basis == PriceBasis.NOT_FOUND && monthlyCost.isPresent()) {
            throw new IllegalArgumentException("a cost needs a price basis: " + monthlyCost.get() + " for " + resourceId);
        }
        if (basis != PriceBasis.NOT_FOUND && monthlyCost.isEmpty()) {
            throw new IllegalArgumentException("price basis " + basis + " without a cost for " + resourceId);
        }
    }
}
