package dev.purser.core.plan;

import dev.purser.core.config.ApprovalPolicyConfig;
import dev.purser.core.config.ApprovalScope;
import dev.purser.core.error.PurserException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Who may sign a plan, and what the sign-offs add up to. Pure: the caller hands in the plan, its
 * sign-offs, the locks other plans hold and the time.
 *
 * <p>The rules, in the order they are checked, each refusal naming its {@link Refusal}:
 * <ol>
 * <li>a plan that ended or was rejected takes no more sign-offs until revised (ALREADY_DECIDED);</li>
 * <li>a click made for another revision than the current one is stale (STALE_REVISION): an
 *     approval is bound to the revision and content hash it was given for;</li>
 * <li>the requester never signs their own plan, whatever roles they hold (SELF_APPROVAL);</li>
 * <li>automation (an MCP token) signs only with the approver role, which a token keeps only when
 *     the configuration grants it (NOT_HUMAN);</li>
 * <li>the signer must hold one of the policy's roles or be one of its named users; an admin is no
 *     exception (MISSING_ROLE);</li>
 * <li>no sign-off once the window it would be for has ended (EXPIRED);</li>
 * <li>one person counts once: a second approval by the same principal, on any face, is refused,
 *     and so is an approval of a decision already complete (ALREADY_DECIDED);</li>
 * <li>an approval that would lock the plan's resources is refused while another plan holds one
 *     of them (RESOURCE_LOCKED).</li>
 * </ol>
 *
 * <p>Scope: a phase whose policy is per phase needs approvals given for that phase; phases whose
 * policy is per plan are all covered by approvals of the whole plan. An approval stays valid for
 * the policy's validity and never past the end of the window of the (last) phase it covers.
 *
 * <p>State: the plan becomes APPROVED when its first phase has every approval it needs (its
 * resources are then locked); a rejection by an eligible approver makes it REJECTED.
 */
public final class ApprovalRules {

    private final ApprovalPolicies policies;

    public ApprovalRules(ApprovalPolicies policies) {
        this.policies = Objects.requireNonNull(policies, "policies");
    }

    /** The policy that governs a phase. */
    public ApprovalPolicyConfig policy(Phase phase) {
        return policies.forTier(phase.tier());
    }

    /**
     * Where the plan's approvals stand at {@code now}.
     *
     * @param signOffs every sign-off of the plan, any revision
     */
    public Tally tally(Plan plan, List<SignOff> signOffs, Instant now) {
        List<SignOff> current = signOffs.stream().filter(s -> bound(plan, s)).toList();
        List<Tally.Requirement> requirements = new ArrayList<>();
        for (Phase p : plan.content().phases()) {
            ApprovalPolicyConfig policy = policy(p);
            int scopePhase = policy.scope() == ApprovalScope.PER_PLAN ? SignOff.WHOLE_PLAN : p.number();
            List<SignOff> counted = new ArrayList<>();
            List<SignOff> expired = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (SignOff s : current) {
                if (s.decision() != Decision.APPROVE || s.phase() != scopePhase) {
                    continue;
                }
                if (!s.validAt(now)) {
                    expired.add(s);
                } else if (seen.add(s.principal())) {
                    counted.add(s);
                }
            }
            requirements.add(new Tally.Requirement(p.number(), policy.scope(), p.tier(), policy.approvalsRequired(),
                    counted, expired, closes(plan, scopePhase)));
        }
        Optional<SignOff> rejection = plan.state() == PlanState.REJECTED
                ? current.stream().filter(s -> s.decision() == Decision.REJECT).reduce((a, b) -> b) : Optional.empty();
        return new Tally(plan.id(), plan.revision(), plan.hash(), plan.state(), requirements, rejection);
    }

    /**
     * Decides one click or typed approve/reject.
     *
     * @param claimedHash     the hash (or a prefix of at least 8 hex digits) the signer saw, when the
     *                        click carries one
     * @param claimedRevision the revision the signer saw, when known
     * @param phase           the phase to sign, when the signer named one; otherwise the first whose
     *                        approvals are not all in
     * @param lockedByOthers  locks other plans hold on this plan's resources
     * @throws PurserException BAD_ARGUMENT when {@code phase} is not a phase of the plan
     */
    public ApprovalOutcome decide(Plan plan, List<SignOff> signOffs, Signer signer, Decision decision,
            Optional<String> claimedHash, OptionalInt claimedRevision, OptionalInt phase, String comment,
            List<ResourceLock> lockedByOthers, Instant now) {
        String planName = "plan " + plan.id();
        if (plan.state().ended() || plan.state() == PlanState.REJECTED) {
            return refuse(Refusal.ALREADY_DECIDED, planName + " is " + plan.state().word().replace('_', ' ')
                    + (plan.state() == PlanState.REJECTED ? "; it takes sign-offs again once revised (plan edit)" : ""));
        }
        if (claimedRevision.isPresent() && claimedRevision.getAsInt() != plan.revision()
                || claimedHash.isPresent() && !matches(plan.hash(), claimedHash.get())) {
            return refuse(Refusal.STALE_REVISION, planName + " has changed since you saw it: it is now revision "
                    + plan.revision() + " (" + plan.shortHash() + "); read it again before signing");
        }
        if (signer.principal().equals(plan.requester())) {
            return refuse(Refusal.SELF_APPROVAL, signer.displayName() + " requested " + planName
                    + " and so cannot " + decision.word() + " it");
        }
        if (!signer.human() && !signer.has("approver")) {
            return refuse(Refusal.NOT_HUMAN, signer.displayName() + " is automation; approving is for people unless "
                    + "the configuration grants this token the right (mcp.tokens allow_approve)");
        }
        Tally before = tally(plan, signOffs, now);
        Tally.Requirement target;
        if (phase.isPresent()) {
            int n = phase.getAsInt();
            if (n < 1 || n > plan.content().phases().size()) {
                throw PurserException.badArgument(planName + " has phases 1.." + plan.content().phases().size()
                        + ", not " + n);
            }
            target = before.requirements().get(n - 1);
        } else {
            target = before.next().orElse(null);
            if (target == null) {
                if (decision == Decision.APPROVE) {
                    return refuse(Refusal.ALREADY_DECIDED, planName + " already has every approval it needs");
                }
                target = before.requirements().get(before.requirements().size() - 1);
            }
        }
        int scopePhase = target.signOffPhase();
        List<Phase> covered = covered(plan, scopePhase, target.phase());
        for (Phase p : covered) {
            ApprovalPolicyConfig policy = policy(p);
            if (!eligible(signer, policy)) {
                return refuse(Refusal.MISSING_ROLE, signer.displayName() + " may not sign " + describe(planName, p,
                        scopePhase) + ": its " + p.tier() + " policy needs the " + String.join(" or ",
                        policy.eligibleRoles().stream().sorted().toList()) + " role"
                        + (policy.eligibleUsers().isEmpty() ? "" : " or one of " + String.join(", ",
                        policy.eligibleUsers())));
            }
        }
        Instant closes = target.closes();
        if (!now.isBefore(closes)) {
            return refuse(Refusal.EXPIRED, "the window of " + describe(planName, covered.get(covered.size() - 1),
                    scopePhase) + " ended at " + closes + "; revise the plan for a new window");
        }
        if (decision == Decision.APPROVE) {
            Optional<SignOff> mine = target.counted().stream().filter(s -> s.principal().equals(signer.principal()))
                    .findFirst();
            if (mine.isPresent()) {
                return refuse(Refusal.ALREADY_DECIDED, signer.displayName() + " already approved "
                        + describe(planName, covered.get(0), scopePhase) + " at " + mine.get().at() + " on "
                        + mine.get().platform() + "; one person counts once");
            }
            if (target.satisfied()) {
                return refuse(Refusal.ALREADY_DECIDED, describe(planName, covered.get(0), scopePhase)
                        + " already has " + target.line());
            }
        }
        Instant validUntil = validUntil(covered, now);
        SignOff signOff = new SignOff(plan.id(), plan.revision(), plan.hash(), scopePhase, decision, signer.platform(),
                signer.userId(), signer.displayName(), signer.principal(), comment, now, validUntil,
                signer.messageLink());
        List<SignOff> after = new ArrayList<>(signOffs);
        after.add(signOff);
        if (decision == Decision.REJECT) {
            Plan rejected = plan.withState(PlanState.REJECTED);
            return new ApprovalOutcome.Accepted(signOff, PlanState.REJECTED, false, tally(rejected, after, now));
        }
        Tally tallyAfter = tally(plan, after, now);
        boolean becomesApproved = plan.state() == PlanState.AWAITING_APPROVAL
                && tallyAfter.requirements().get(0).satisfied();
        if (becomesApproved && !lockedByOthers.isEmpty()) {
            ResourceLock l = lockedByOthers.get(0);
            return refuse(Refusal.RESOURCE_LOCKED, l.name() + " is locked by plan " + l.planId() + " since " + l.since()
                    + "; " + planName + " can be approved once that plan ends or an admin releases the lock");
        }
        PlanState newState = becomesApproved ? PlanState.APPROVED : plan.state();
        return new ApprovalOutcome.Accepted(signOff, newState, becomesApproved,
                tally(plan.withState(newState), after, now));
    }

    /** Whether a signer may sign under a policy: one of its roles, or named. */
    public static boolean eligible(Signer signer, ApprovalPolicyConfig policy) {
        return policy.eligibleUsers().contains(signer.principal())
                || policy.eligibleRoles().stream().anyMatch(signer::has);
    }

    private static boolean bound(Plan plan, SignOff s) {
        return s.revision() == plan.revision() && s.hash().equals(plan.hash());
    }

    private static boolean matches(String hash, String claimed) {
        String c = claimed.trim().toLowerCase(java.util.Locale.ROOT);
        return c.length() >= 8 && hash.startsWith(c);
    }

    /** The phases a sign-off of this scope covers. */
    private List<Phase> covered(Plan plan, int scopePhase, int phaseNumber) {
        if (scopePhase != SignOff.WHOLE_PLAN) {
            return List.of(plan.content().phases().get(phaseNumber - 1));
        }
        return plan.content().phases().stream().filter(p -> policy(p).scope() == ApprovalScope.PER_PLAN).toList();
    }

    private Instant closes(Plan plan, int scopePhase) {
        if (scopePhase != SignOff.WHOLE_PLAN) {
            return plan.content().phases().get(scopePhase - 1).window().end();
        }
        List<Phase> all = covered(plan, SignOff.WHOLE_PLAN, 0);
        return all.get(all.size() - 1).window().end();
    }

    private Instant validUntil(List<Phase> covered, Instant now) {
        Instant until = covered.get(covered.size() - 1).window().end();
        for (Phase p : covered) {
            Instant byValidity = now.plus(policy(p).validity());
            if (byValidity.isBefore(until)) {
                until = byValidity;
            }
        }
        return until;
    }

    private static String describe(String planName, Phase p, int scopePhase) {
        return scopePhase == SignOff.WHOLE_PLAN ? planName : planName + " phase " + p.number() + " (" + p.name() + ")";
    }

    private static ApprovalOutcome refuse(Refusal reason, String message) {
        return new ApprovalOutcome.Refused(reason, message);
    }
}
