package dev.purser.core.plan;

import dev.purser.core.audit.AuditEvent;
import dev.purser.core.audit.AuditTrail;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Plans and their sign-offs: create, read, revise, cancel, approve, reject, and the tally every
 * face renders. The one place these happen, so each is checked by the same rules and goes to the
 * audit trail the same way whichever face it came from.
 *
 * <p>Audit: every event that changes a plan (created, revised, cancelled, approved, rejected, a
 * lock released) and every sign-off, counted or refused, is appended to the {@link AuditTrail}
 * with subject {@code plan:<id>}, after the store has committed it, so the trail records what
 * happened and never what was only attempted. Sign-off entries carry the platform, user id,
 * display name, principal, decision, comment, revision, content hash and message link.
 *
 * <p>Who may do what beyond the command's own role: a plan is revised or cancelled by its
 * requester or an admin; a lock is released by an admin with a reason; approving and rejecting
 * follow {@link ApprovalRules}.
 */
public final class PlanService {

    private final PlanStore store;
    private final AuditTrail audit;
    private final PlanInputs inputs;
    private final PlanSettings settings;
    private final ApprovalRules rules;
    private final PlanBuilder builder;
    private final Clock clock;

    public PlanService(PlanStore store, AuditTrail audit, PlanInputs inputs, PlanSettings settings,
            ApprovalPolicies policies, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.inputs = Objects.requireNonNull(inputs, "inputs");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.rules = new ApprovalRules(Objects.requireNonNull(policies, "policies"));
        this.builder = new PlanBuilder(settings);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A new plan and what its requester should know (resources another plan holds). */
    public record Created(Plan plan, List<String> notes) {
        public Created {
            Objects.requireNonNull(plan, "plan");
            notes = List.copyOf(notes);
        }
    }

    public ApprovalRules rules() {
        return rules;
    }

    /**
     * Makes a plan from right-sizing recommendations.
     *
     * @param window the {@code --window} text; the settings' default when empty
     * @param phases the {@code --phases} text; the default order when empty
     * @throws PurserException BAD_ARGUMENT for no ids, a repeated id, a bad window or phases, or a
     *         recommendation without a change; NOT_FOUND for an id no current recommendation has
     */
    public Created create(List<String> recommendationIds, Optional<String> window, Optional<String> phases,
            Signer requester) {
        if (recommendationIds.isEmpty()) {
            throw PurserException.badArgument("plan create needs at least one recommendation id (rs-..., as rightsize "
                    + "and savings print them)");
        }
        Set<String> seen = new HashSet<>();
        for (String id : recommendationIds) {
            if (!seen.add(id)) {
                throw PurserException.badArgument("recommendation " + id + " is given twice");
            }
        }
        MaintenanceWindow w = window.map(t -> MaintenanceWindow.parse(t, settings.defaultWindow().zone()))
                .orElse(settings.defaultWindow());
        Instant now = clock.instant();
        List<PhaseTarget> targets = builder.targets(inputs.candidates(recommendationIds));
        PlanContent content = builder.content(targets, recommendationIds, w, phases, now);
        Plan plan = store.create(content, requester.principal(), requester.displayName(), now);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("revision", "1");
        details.put("hash", plan.hash());
        details.put("recommendations", String.join(",", recommendationIds));
        details.put("phases", String.valueOf(content.phases().size()));
        details.put("platform", requester.platform());
        details.put("user_id", requester.userId());
        audit.append(AuditEvent.of("plan.created", plan.subject(), requester.principal(), details));
        List<String> notes = new ArrayList<>();
        for (ResourceLock l : store.locks()) {
            if (content.resourceIds().contains(l.resourceId())) {
                notes.add(l.name() + " is locked by plan " + l.planId() + "; this plan cannot be approved until that "
                        + "plan ends or an admin releases the lock");
            }
        }
        return new Created(plan, notes);
    }

    /** @throws PurserException NOT_FOUND when there is no such plan */
    public Plan get(long id) {
        return store.find(id).orElseThrow(() -> notFound(id));
    }

    public List<Plan> list(boolean includeEnded) {
        return store.list(includeEnded);
    }

    public List<Plan> revisions(long id) {
        get(id);
        return store.revisions(id);
    }

    public List<SignOff> signOffs(long id) {
        return store.signOffs(id);
    }

    /** Where the plan's approvals stand now: the one state every face shows ("2 of 2: @alice, @bob"). */
    public Tally tally(long id) {
        Plan plan = get(id);
        return rules.tally(plan, store.signOffs(id), clock.instant());
    }

    public List<ResourceLock> locks() {
        return store.locks();
    }

    /**
     * Makes a new revision with another window or phases; every approval of the old revision is
     * void, a rejection no longer stops it, and locks it held end until it is approved again.
     *
     * @throws PurserException FORBIDDEN unless {@code by} requested it or is an admin; BAD_ARGUMENT
     *         when the plan can no longer be edited or nothing would change
     */
    public Plan edit(long id, Optional<String> window, Optional<String> phases, Signer by) {
        Instant now = clock.instant();
        Plan[] before = new Plan[1];
        Plan revised = store.update(id, (plan, signOffs, locked) -> {
            requireOwnerOrAdmin(plan, by, "edit");
            if (!plan.state().editable()) {
                throw PurserException.badArgument("plan " + id + " is " + words(plan.state()) + " and can no longer be "
                        + "edited");
            }
            List<PhaseTarget> targets = new ArrayList<>();
            for (Phase p : plan.content().phases()) {
                p.targets().stream().filter(t -> !t.rehearsal()).forEach(targets::add);
            }
            // in the order the recommendations were given, as at creation
            List<String> given = plan.content().recommendationIds();
            targets.sort(java.util.Comparator.comparingInt(t -> given.indexOf(t.recommendationId())));
            MaintenanceWindow w = window.map(t -> MaintenanceWindow.parse(t, plan.content().window().zone()))
                    .orElse(plan.content().window());
            PlanContent content = builder.content(targets, plan.content().recommendationIds(), w, phases, now);
            Plan next = Plan.of(id, plan.revision() + 1, plan.requester(), plan.requesterName(),
                    PlanState.AWAITING_APPROVAL, plan.created(), now, content);
            if (next.hash().equals(plan.hash())) {
                throw PurserException.badArgument("plan " + id + " would not change: give another --window or --phases");
            }
            before[0] = plan;
            return new PlanStore.Change<>(next, Optional.of(next), by.principal(), Optional.empty(),
                    plan.state().holdsLocks() ? PlanStore.Locks.RELEASE : PlanStore.Locks.KEEP, now);
        });
        Map<String, String> details = new LinkedHashMap<>();
        details.put("from_revision", String.valueOf(before[0].revision()));
        details.put("from_hash", before[0].hash());
        details.put("revision", String.valueOf(revised.revision()));
        details.put("hash", revised.hash());
        details.put("approvals_voided", String.valueOf(store.signOffs(id).stream()
                .filter(s -> s.revision() == before[0].revision() && s.decision() == Decision.APPROVE).count()));
        details.put("platform", by.platform());
        audit.append(AuditEvent.of("plan.revised", revised.subject(), by.principal(), details));
        return revised;
    }

    /**
     * Withdraws a plan; its locks end.
     *
     * @throws PurserException FORBIDDEN unless {@code by} requested it or is an admin; BAD_ARGUMENT
     *         when it has already ended or is running
     */
    public Plan cancel(long id, String reason, Signer by) {
        Instant now = clock.instant();
        Plan cancelled = store.update(id, (plan, signOffs, locked) -> {
            requireOwnerOrAdmin(plan, by, "cancel");
            if (plan.state().ended() || !plan.state().editable()) {
                throw PurserException.badArgument("plan " + id + " is " + words(plan.state()) + " and cannot be cancelled"
                        + (plan.state().ended() ? "" : " here (a running plan is stopped with migration cancel)"));
            }
            Plan next = plan.withState(PlanState.CANCELLED);
            return new PlanStore.Change<>(next, Optional.of(next), by.principal(), Optional.empty(),
                    PlanStore.Locks.RELEASE, now);
        });
        audit.append(AuditEvent.of("plan.cancelled", cancelled.subject(), by.principal(),
                Map.of("revision", String.valueOf(cancelled.revision()), "hash", cancelled.hash(),
                        "reason", reason == null ? "" : reason, "platform", by.platform())));
        return cancelled;
    }

    /**
     * Releases the lock on a resource before its plan ends.
     *
     * @throws PurserException FORBIDDEN unless {@code by} is an admin; BAD_ARGUMENT without a
     *         reason; NOT_FOUND when the resource is not locked
     */
    public ResourceLock releaseLock(String resource, String reason, Signer by) {
        if (!by.has("admin")) {
            throw new PurserException(ErrorCode.FORBIDDEN, "releasing a lock needs the admin role, which "
                    + by.displayName() + " does not have");
        }
        if (reason == null || reason.isBlank()) {
            throw PurserException.badArgument("releasing a lock needs a reason: plan release-lock <resource> --reason "
                    + "\"...\"");
        }
        ResourceLock released = store.release(resource, by.principal(), reason.strip(), clock.instant())
                .orElseThrow(() -> new PurserException(ErrorCode.NOT_FOUND, "no plan holds a lock on " + resource));
        audit.append(AuditEvent.of("lock.released", Plan.subject(released.planId()), by.principal(),
                Map.of("resource", released.resourceId(), "name", released.name(), "reason", reason.strip(),
                        "platform", by.platform())));
        return released;
    }

    /**
     * Approves the plan (or, per its policy, its next phase) for {@code signer}.
     *
     * @param claimedHash     the hash the signer saw (a button carries it); empty for the current one
     * @param claimedRevision the revision the signer saw; empty for the current one
     * @param phase           the phase to approve; empty for the next one that needs approvals
     * @return what came of it; a refusal is also recorded in the audit trail
     */
    public ApprovalOutcome approve(long id, Signer signer, Optional<String> claimedHash, OptionalInt claimedRevision,
            OptionalInt phase, String comment) {
        return sign(id, signer, Decision.APPROVE, claimedHash, claimedRevision, phase, comment);
    }

    /**
     * Rejects the plan: it stops until it is revised.
     *
     * @throws PurserException BAD_ARGUMENT without a reason
     */
    public ApprovalOutcome reject(long id, Signer signer, Optional<String> claimedHash, OptionalInt claimedRevision,
            String reason) {
        if (reason == null || reason.isBlank()) {
            throw PurserException.badArgument("a rejection needs a reason: reject <plan> <reason>");
        }
        return sign(id, signer, Decision.REJECT, claimedHash, claimedRevision, OptionalInt.empty(), reason.strip());
    }

    private ApprovalOutcome sign(long id, Signer signer, Decision decision, Optional<String> claimedHash,
            OptionalInt claimedRevision, OptionalInt phase, String comment) {
        Instant now = clock.instant();
        PlanState[] before = new PlanState[1];
        Plan[] seen = new Plan[1];
        ApprovalOutcome outcome = store.update(id, (plan, signOffs, locked) -> {
            before[0] = plan.state();
            seen[0] = plan;
            ApprovalOutcome o = rules.decide(plan, signOffs, signer, decision, claimedHash, claimedRevision, phase,
                    comment == null ? "" : comment, locked, now);
            if (o instanceof ApprovalOutcome.Accepted a) {
                Optional<Plan> write = a.newState() == plan.state() ? Optional.empty()
                        : Optional.of(plan.withState(a.newState()));
                return new PlanStore.Change<>(o, write, signer.principal(), Optional.of(a.signOff()),
                        a.takeLocks() ? PlanStore.Locks.TAKE : PlanStore.Locks.KEEP, now);
            }
            return PlanStore.Change.none(o, now);
        });
        Plan plan = seen[0];
        if (outcome instanceof ApprovalOutcome.Accepted a) {
            SignOff s = a.signOff();
            audit.append(AuditEvent.of(decision == Decision.APPROVE ? "approval.given" : "approval.rejected",
                    plan.subject(), signer.principal(), signOffDetails(s)));
            if (a.newState() != before[0]) {
                Map<String, String> d = new LinkedHashMap<>();
                d.put("from", before[0].word());
                d.put("to", a.newState().word());
                d.put("revision", String.valueOf(plan.revision()));
                d.put("hash", plan.hash());
                d.put("tally", a.tally().line());
                if (a.takeLocks()) {
                    d.put("locked", String.join(",", plan.content().resourceIds()));
                }
                audit.append(AuditEvent.of("plan." + a.newState().word(), plan.subject(), signer.principal(), d));
            }
        } else if (outcome instanceof ApprovalOutcome.Refused r) {
            Map<String, String> d = new LinkedHashMap<>();
            d.put("decision", decision.word());
            d.put("reason", r.reason().word());
            d.put("message", r.message());
            d.put("platform", signer.platform());
            d.put("user_id", signer.userId());
            d.put("display_name", signer.displayName());
            d.put("revision", String.valueOf(plan.revision()));
            d.put("hash", plan.hash());
            claimedHash.ifPresent(h -> d.put("claimed_hash", h));
            claimedRevision.ifPresent(v -> d.put("claimed_revision", String.valueOf(v)));
            signer.messageLink().ifPresent(l -> d.put("message_link", l));
            audit.append(AuditEvent.of("approval.refused", plan.subject(), signer.principal(), d));
        }
        return outcome;
    }

    /** Every field a sign-off records, for its audit entry. */
    static Map<String, String> signOffDetails(SignOff s) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("platform", s.platform());
        d.put("user_id", s.userId());
        d.put("display_name", s.displayName());
        d.put("principal", s.principal());
        d.put("decision", s.decision().word());
        d.put("comment", s.comment());
        d.put("at", s.at().toString());
        d.put("revision", String.valueOf(s.revision()));
        d.put("hash", s.hash());
        d.put("phase", s.phase() == SignOff.WHOLE_PLAN ? "plan" : String.valueOf(s.phase()));
        d.put("valid_until", s.validUntil().toString());
        d.put("message_link", s.messageLink().orElse(""));
        return d;
    }

    private static void requireOwnerOrAdmin(Plan plan, Signer by, String what) {
        if (!by.principal().equals(plan.requester()) && !by.has("admin")) {
            throw new PurserException(ErrorCode.FORBIDDEN, "only the requester of plan " + plan.id() + " ("
                    + plan.requesterName() + ") or an admin may " + what + " it");
        }
    }

    private static String words(PlanState s) {
        return s.word().replace('_', ' ');
    }

    private static PurserException notFound(long id) {
        return new PurserException(ErrorCode.NOT_FOUND, "there is no plan " + id);
    }
}
