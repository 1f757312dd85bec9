package dev.purser.core.plan;

import dev.purser.core.config.ApprovalPolicyConfig;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The configured approval policies, looked up by tier: the policy written for the tier, else the
 * one for {@code *}, else the built-in default (one approval from the approver role, per phase,
 * valid 24 hours).
 */
public final class ApprovalPolicies {

    /** What applies when the configuration has no policy for a tier and none for {@code *}. */
    public static final ApprovalPolicyConfig DEFAULT = new ApprovalPolicyConfig("*", null, null, null, null, null);

    private static final List<String> STRICTNESS = List.of("production", "staging", "test", "development", "unknown");

    private final List<ApprovalPolicyConfig> policies;

    public ApprovalPolicies(List<ApprovalPolicyConfig> policies) {
        this.policies = List.copyOf(Objects.requireNonNull(policies, "policies"));
    }

    public ApprovalPolicyConfig forTier(String tier) {
        String t = tier.toLowerCase(Locale.ROOT);
        return policies.stream().filter(p -> p.tier().equalsIgnoreCase(t)).findFirst()
                .or(() -> policies.stream().filter(p -> p.tier().equals("*")).findFirst())
                .orElse(DEFAULT);
    }

    /**
     * The tier whose policy asks the most of a phase with targets in all these tiers: the most
     * approvals required, then production before staging before test before development.
     */
    public String strictest(Collection<String> tiers) {
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("no tiers to choose from");
        }
        return tiers.stream().max(Comparator.comparingInt((String t) -> forTier(t).approvalsRequired())
                .thenComparing(ApprovalPolicies::rank)).orElseThrow();
    }

    // production ranks highest; an unlisted tier above unknown only
    private static int rank(String tier) {
        int i = STRICTNESS.indexOf(tier.toLowerCase(Locale.ROOT));
        return i < 0 ? 1 : STRICTNESS.size() - i + 1;
    }
}
