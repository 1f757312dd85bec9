package dev.purser.core.plan;

import dev.purser.core.analysis.rightsizing.DecisionMatrix;
import dev.purser.core.analysis.rightsizing.Level;
import dev.purser.core.analysis.rightsizing.RecommendationKind;
import dev.purser.core.model.Money;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One resource a phase changes, with its change, the way back and what it is worth.
 *
 * @param resourceId       the provider's id
 * @param name             the resource's name ({@code sso-prod})
 * @param kind             what it is (a VM, a database cluster, ...)
 * @param account          the account or scenario it is stored under
 * @param tier             its approval tier ({@code production}, {@code staging}, ...)
 * @param rehearsal        true when the phase changes a throw-away fork of the resource made from
 *                         its latest backup, not the resource itself
 * @param recommendationId the right-sizing recommendation it came from
 * @param change           what is done
 * @param rollback         the inverse change, applied when a trigger fires
 * @param monthlySaving    what the change saves a month (none for a rehearsal, or when unpriced)
 * @param risk             the recommendation's risk
 * @param riskReasons      why
 * @param decisionMatrix   the high-availability trade-off, for database clusters
 * @param traffic          what decided its place in the order, when measured
 */
public record PhaseTarget(String resourceId, String name, RecommendationKind kind, String account, String tier, boolean rehearsal,
        String recommendationId, PlannedChange change, PlannedChange rollback, Optional<Money> monthlySaving,
        Level risk, List<String> riskReasons, Optional<DecisionMatrix> decisionMatrix, Optional<Traffic> traffic) {

    public PhaseTarget {
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(recommendationId, "recommendationId");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(rollback, "rollback");
        Objects.requireNonNull(monthlySaving, "monthlySaving");
        Objects.requireNonNull(risk, "risk");
        riskReasons = List.copyOf(riskReasons);
        Objects.requireNonNull(decisionMatrix, "decisionMatrix");
        Objects.requireNonNull(traffic, "traffic");
    }

    /** The same target as a rehearsal on a fork: same change through the rehearsal executor, no saving. */
    public PhaseTarget asRehearsal(String executor) {
        PlannedChange c = new PlannedChange(executor, change.change());
        return new PhaseTarget(resourceId, name, kind, account, "test", true, recommendationId, c, c.inverse(),
                Optional.empty(), risk, riskReasons, decisionMatrix, traffic);
    }

    /** The name as phases show it: {@code sso-prod}, or {@code sso-prod (rehearsal fork)}. */
    public String label() {
        return rehearsal ? name + " (rehearsal fork)" : name;
    }

    /** Every field that an approver signs, one line, exact. */
    String canonical() {
        return "target resource=" + resourceId + ";name=" + name + ";kind=" + kind.name().toLowerCase(java.util.Locale.ROOT)
                + ";account=" + account + ";tier=" + tier
                + ";rehearsal=" + rehearsal + ";recommendation=" + recommendationId
                + "\n      change " + change.canonical()
                + "\n      rollback " + rollback.canonical()
                + "\n      saving " + monthlySaving.map(PlanContent::money).orElse("none")
                + "\n      risk " + risk.name().toLowerCase(java.util.Locale.ROOT) + " " + String.join(" | ", riskReasons)
                + "\n      decision " + decisionMatrix.map(DecisionMatrix::verdict).orElse("none")
                + "\n      traffic " + traffic.map(t -> t.metric() + "=" + t.mean().toPlainString() + " n="
                        + t.samples()).orElse("unmeasured");
    }
}
