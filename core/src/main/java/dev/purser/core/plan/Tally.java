package dev.purser.core.plan;

import dev.purser.core.config.ApprovalScope;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where a plan's approvals stand at one moment, computed from the stored sign-offs: one state
 * that every face renders ("2 of 2: @alice, @bob"), so a click in Discord and a click in Slack
 * count toward the same figure.
 *
 * @param requirements one per phase, in phase order
 * @param rejection    the rejection that stopped this revision, if any
 */
public record Tally(long planId, int revision, String hash, PlanState state, List<Requirement> requirements,
        Optional<SignOff> rejection) {

    /**
     * What one phase needs and has.
     *
     * @param phase    the phase number
     * @param scope    per phase (its own approvals) or per plan (approvals of the whole plan)
     * @param tier     the tier whose policy applies
     * @param required how many distinct approvers it needs
     * @param counted  the approvals that count now, one per person, oldest first
     * @param expired  approvals of this revision that no longer count
     * @param closes   after this an approval for it can no longer be given (its window's end)
     */
    public record Requirement(int phase, ApprovalScope scope, String tier, int required, List<SignOff> counted,
            List<SignOff> expired, java.time.Instant closes) {

        public Requirement {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(tier, "tier");
            counted = List.copyOf(counted);
            expired = List.copyOf(expired);
            Objects.requireNonNull(closes, "closes");
        }

        public boolean satisfied() {
            return counted.size() >= required;
        }

        /** {@code 2 of 2: @alice, @bob}; {@code 0 of 1}. */
        public String line() {
            String who = counted.stream().map(s -> "@" + s.displayName()).collect(Collectors.joining(", "));
            return Math.min(counted.size(), required) + " of " + required + (who.isEmpty() ? "" : ": " + who);
        }

        /** The sign-off scope an approval for this requirement is recorded with. */
        public int signOffPhase() {
            return scope == ApprovalScope.PER_PLAN ? SignOff.WHOLE_PLAN : phase;
        }
    }

    public Tally {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(state, "state");
        requirements = List.copyOf(requirements);
        Objects.requireNonNull(rejection, "rejection");
    }

    /** The first phase whose approvals are not all in, if any. */
    public Optional<Requirement> next() {
        return requirements.stream().filter(r -> !r.satisfied()).findFirst();
    }

    /** Whether every phase has the approvals it needs now. */
    public boolean complete() {
        return requirements.stream().allMatch(Requirement::satisfied);
    }

    /**
     * One line for a chat message: {@code 2 of 2: @alice, @bob} for the decision under way (per-plan
     * phases share one), {@code rejected by @carol} after a rejection.
     */
    public String line() {
        if (rejection.isPresent()) {
            return "rejected by @" + rejection.get().displayName();
        }
        Requirement shown = next().orElse(requirements.get(requirements.size() - 1));
        String prefix = shown.scope() == ApprovalScope.PER_PHASE && requirements.size() > 1
                ? "phase " + shown.phase() + ": " : "";
        return prefix + shown.line();
    }
}
