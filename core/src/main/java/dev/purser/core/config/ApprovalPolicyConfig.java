package dev.purser.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Who may approve changes to one environment tier, and how many must. A requester never approves
 * their own plan, whatever this says.
 *
 * @param tier              the environment tier it governs ({@code production}, {@code staging}); {@code *} for any other
 * @param approvalsRequired distinct approvals needed, at least 1; default 1
 * @param eligibleRoles     roles whose holders may approve; default approver
 * @param eligibleUsers     principals who may approve whatever their roles
 * @param scope             per phase or per plan; default per phase
 * @param validity          how long an approval stays good before the change starts; default 24h
 */
public record ApprovalPolicyConfig(String tier, Integer approvalsRequired, Set<String> eligibleRoles,
        List<String> eligibleUsers, ApprovalScope scope, Duration validity) {

    public static final Duration DEFAULT_VALIDITY = Duration.ofHours(24);

    public ApprovalPolicyConfig {
        tier = Check.required("tier", tier);
        approvalsRequired = approvalsRequired == null ? 1 : approvalsRequired;
        if (approvalsRequired < 1 || approvalsRequired > 10) {
            throw new SettingException("approvals_required", "must be 1..10, got " + approvalsRequired);
        }
        eligibleRoles = Check.roles("eligible_roles", eligibleRoles, Set.of("approver"));
        eligibleUsers = Check.list(eligibleUsers);
        scope = scope == null ? ApprovalScope.PER_PHASE : scope;
        validity = validity == null ? DEFAULT_VALIDITY : validity;
        if (validity.isNegative() || validity.isZero()) {
            throw new SettingException("validity", "must be positive, got " + validity);
        }
    }
}
