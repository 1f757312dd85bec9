package dev.purser.core.plan;

import static dev.purser.core.plan.PlanTesting.NOW;
import static dev.purser.core.plan.PlanTesting.person;
import static dev.purser.core.plan.PlanTesting.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.analysis.rightsizing.Configuration;
import dev.purser.core.analysis.rightsizing.Level;
import dev.purser.core.analysis.rightsizing.RecommendationKind;
import dev.purser.core.analysis.rightsizing.RightsizingChange;
import dev.purser.core.config.ApprovalPolicyConfig;
import dev.purser.core.config.ApprovalScope;
import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every approval rule, one test each, on a two-phase plan requested by alice. */
class ApprovalRulesTest {

    static final ApprovalPolicies POLICIES = new ApprovalPolicies(List.of(
            new ApprovalPolicyConfig("production", 2, Set.of("approver"), List.of("erin"), ApprovalScope.PER_PHASE,
                    Duration.ofHours(24)),
            new ApprovalPolicyConfig("*", 1, Set.of("approver"), List.of(), ApprovalScope.PER_PLAN, Duration.ofDays(7))));
    final ApprovalRules rules = new ApprovalRules(POLICIES);

    final Signer alice = person("alice", "requester", "approver", "admin");
    final Signer bob = person("bob", "approver");
    final Signer carol = person("carol", "approver");
    final Signer dave = person("dave", "admin", "requester");
    final Signer erin = person("erin", "viewer");
    final Signer vera = person("vera", "viewer");

    /** Phase 1 rehearsal (tier test, per plan, 1 approval); phase 2 sso-prod (production, per phase, 2). */
    static PlanContent content(String window) {
        Configuration two = Configuration.machine("db-s-1vcpu-2gb", 1, Double.NaN, OptionalInt.of(2),
                Optional.of(Money.of("60", "USD")));
        Configuration one = Configuration.machine("db-s-1vcpu-2gb", 1, Double.NaN, OptionalInt.of(1),
                Optional.of(Money.of("30", "USD")));
        PlannedChange change = new PlannedChange("digitalocean.database.resize", new RightsizingChange(two, one));
        PhaseTarget sso = new PhaseTarget("2a5e6c38", "sso-prod", RecommendationKind.DATABASE_CLUSTER, "mandible",
                "production", false, "rs-0123456789", change, change.inverse(), Optional.of(Money.of("30", "USD")),
                Level.MEDIUM, List.of(), Optional.empty(), Optional.of(new Traffic("connections", BigDecimal.ONE, 1)));
        MaintenanceWindow w = MaintenanceWindow.parse(window, ZoneOffset.UTC);
        WindowSlot first = w.next(NOW);
        WindowSlot second = w.next(first.end().plus(Duration.ofHours(1)));
        List<Trigger> triggers = PlanBuilder.DATABASE_TRIGGERS;
        return new PlanContent("Right-size sso-prod", List.of("rs-0123456789"), w, "test", List.of(
                new Phase(1, "rehearsal", true, "test", List.of(sso.asRehearsal("digitalocean.database.rehearsal")),
                        first, List.of(), Duration.ofHours(1), triggers),
                new Phase(2, "sso-prod", false, "production", List.of(sso), second, List.of(), Duration.ofHours(24),
                        triggers)));
    }

    static Plan plan() {
        return Plan.of(7, 1, "alice", "alice", PlanState.AWAITING_APPROVAL, NOW, NOW, content("Sat 02:00-04:00 UTC"));
    }

    ApprovalOutcome approve(Plan plan, List<SignOff> signOffs, Signer who, Instant at) {
        return rules.decide(plan, signOffs, who, Decision.APPROVE, Optional.empty(), OptionalInt.empty(),
                OptionalInt.empty(), "looks right", List.of(), at);
    }

    static Refusal refusal(ApprovalOutcome o) {
        assertThat(o).isInstanceOf(ApprovalOutcome.Refused.class);
        return ((ApprovalOutcome.Refused) o).reason();
    }

    static ApprovalOutcome.Accepted accepted(ApprovalOutcome o) {
        assertThat(o).as("%s", o).isInstanceOf(ApprovalOutcome.Accepted.class);
        return (ApprovalOutcome.Accepted) o;
    }

    @Test
    void selfApproval_isRefusedWhateverTheRoles() {
        assertThat(refusal(approve(plan(), List.of(), alice, NOW))).isEqualTo(Refusal.SELF_APPROVAL);
        // the same person from the shell, mapped to the same principal, is still the requester
        Signer shell = new Signer("cli", "alice", "alice", "alice", Set.of("approver"), true, Optional.empty());
        assertThat(refusal(approve(plan(), List.of(), shell, NOW))).isEqualTo(Refusal.SELF_APPROVAL);
    }

    @Test
    void missingRole_isRefused_andAnAdminDoesNotBypass() {
        assertThat(refusal(approve(plan(), List.of(), vera, NOW))).isEqualTo(Refusal.MISSING_ROLE);
        ApprovalOutcome admin = approve(plan(), List.of(), dave, NOW);
        assertThat(refusal(admin)).isEqualTo(Refusal.MISSING_ROLE);
        assertThat(((ApprovalOutcome.Refused) admin).message()).contains("approver role");
    }

    @Test
    void namedUser_mayApproveWithoutTheRole() {
        Plan plan = plan();
        SignOff rehearsal = accepted(approve(plan, List.of(), bob, NOW)).signOff();
        ApprovalOutcome.Accepted erinSigns = accepted(rules.decide(plan, List.of(rehearsal), erin, Decision.APPROVE,
                Optional.empty(), OptionalInt.empty(), OptionalInt.of(2), "", List.of(), NOW));
        assertThat(erinSigns.signOff().phase()).isEqualTo(2);
        // but not for the rehearsal, whose policy names nobody
        assertThat(refusal(approve(plan, List.of(), erin, NOW))).isEqualTo(Refusal.MISSING_ROLE);
    }

    @Test
    void doubleClick_countsOnce_onAnyFace() {
        Plan plan = plan();
        List<SignOff> signOffs = new ArrayList<>();
        signOffs.add(accepted(approve(plan, signOffs, bob, NOW)).signOff());
        Plan approved = plan.withState(PlanState.APPROVED);
        SignOff phase2 = accepted(rules.decide(approved, signOffs, bob, Decision.APPROVE, Optional.empty(),
                OptionalInt.empty(), OptionalInt.empty(), "", List.of(), NOW)).signOff();
        assertThat(phase2.phase()).isEqualTo(2);
        signOffs.add(phase2);

        ApprovalOutcome again = rules.decide(approved, signOffs, bob, Decision.APPROVE, Optional.empty(),
                OptionalInt.empty(), OptionalInt.empty(), "", List.of(), NOW.plusSeconds(1));
        assertThat(refusal(again)).isEqualTo(Refusal.ALREADY_DECIDED);
        assertThat(((ApprovalOutcome.Refused) again).message()).contains("one person counts once");
        Signer bobOnDiscord = new Signer("discord", "234567890123456789", "Bob B.", "bob", Set.of("approver"), true,
                Optional.empty());
        assertThat(refusal(rules.decide(approved, signOffs, bobOnDiscord, Decision.APPROVE, Optional.empty(),
                OptionalInt.empty(), OptionalInt.empty(), "", List.of(), NOW))).isEqualTo(Refusal.ALREADY_DECIDED);
        assertThat(rules.tally(approved, signOffs, NOW).requirements().get(1).line()).isEqualTo("1 of 2: @bob");
    }

    @Test
    void twoApprovals_completeThePhase_andTheTallySaysWho() {
        Plan plan = plan();
        List<SignOff> signOffs = new ArrayList<>();
        ApprovalOutcome.Accepted first = accepted(approve(plan, signOffs, bob, NOW));
        assertThat(first.newState()).isEqualTo(PlanState.APPROVED);
        assertThat(first.takeLocks()).isTrue();
        signOffs.add(first.signOff());
        Plan approved = plan.withState(PlanState.APPROVED);
        signOffs.add(accepted(approve(approved, signOffs, bob, NOW)).signOff());
        ApprovalOutcome.Accepted last = accepted(approve(approved, signOffs, carol, NOW));
        assertThat(last.takeLocks()).isFalse();
        assertThat(last.tally().complete()).isTrue();
        assertThat(last.tally().line()).isEqualTo("phase 2: 2 of 2: @bob, @carol");
        signOffs.add(last.signOff());
        assertThat(refusal(approve(approved, signOffs, person("frank", "approver"), NOW)))
                .isEqualTo(Refusal.ALREADY_DECIDED);
    }

    @Test
    void staleRevision_afterAnEdit_isRefused() {
        Plan v1 = plan();
        Plan v2 = Plan.of(7, 2, "alice", "alice", PlanState.AWAITING_APPROVAL, NOW, NOW,
                content("Sun 03:00-05:00 UTC"));
        assertThat(v2.hash()).isNotEqualTo(v1.hash());
        ApprovalOutcome click = rules.decide(v2, List.of(), bob, Decision.APPROVE, Optional.of(v1.hash()),
                OptionalInt.empty(), OptionalInt.empty(), "", List.of(), NOW);
        assertThat(refusal(click)).isEqualTo(Refusal.STALE_REVISION);
        assertThat(refusal(rules.decide(v2, List.of(), bob, Decision.APPROVE, Optional.empty(), OptionalInt.of(1),
                OptionalInt.empty(), "", List.of(), NOW))).isEqualTo(Refusal.STALE_REVISION);
        accepted(rules.decide(v2, List.of(), bob, Decision.APPROVE, Optional.of(v2.shortHash()), OptionalInt.of(2),
                OptionalInt.empty(), "", List.of(), NOW));
    }

    @Test
    void editVoidsApprovals_ofTheOldRevision() {
        Plan v1 = plan();
        SignOff old = accepted(approve(v1, List.of(), bob, NOW)).signOff();
        Plan v2 = Plan.of(7, 2, "alice", "alice", PlanState.AWAITING_APPROVAL, NOW, NOW, content("Sun 03:00-05:00 UTC"));
        Tally t = rules.tally(v2, List.of(old), NOW);
        assertThat(t.requirements().get(0).counted()).isEmpty();
        accepted(approve(v2, List.of(old), bob, NOW));
    }

    @Test
    void expiry_afterValidity_andNeverPastTheWindow() {
        Plan plan = plan();
        List<SignOff> signOffs = new ArrayList<>(List.of(accepted(approve(plan, List.of(), bob, NOW)).signOff()));
        Plan approved = plan.withState(PlanState.APPROVED);
        SignOff phase2 = accepted(approve(approved, signOffs, bob, NOW)).signOff();
        // production: 24 hours
        assertThat(phase2.validUntil()).isEqualTo(NOW.plus(Duration.ofHours(24)));
        // the rehearsal's policy says 7 days, but its window (Sat 28 Nov 02:00-04:00) ends first
        assertThat(signOffs.get(0).validUntil()).isEqualTo(Instant.parse("2026-11-28T04:00:00Z"));
        signOffs.add(phase2);

        Tally later = rules.tally(approved, signOffs, NOW.plus(Duration.ofHours(25)));
        assertThat(later.requirements().get(1).counted()).isEmpty();
        assertThat(later.requirements().get(1).expired()).extracting(SignOff::principal).containsExactly("bob");
        // an expired approval no longer counts, so the same person may approve again
        accepted(approve(approved, signOffs, bob, NOW.plus(Duration.ofHours(25))));

        ApprovalOutcome afterWindow = approve(plan, List.of(), bob, Instant.parse("2026-11-28T04:00:00Z"));
        assertThat(refusal(afterWindow)).isEqualTo(Refusal.EXPIRED);
    }

    @Test
    void rejection_stopsThePlanUntilRevised() {
        Plan plan = plan();
        ApprovalOutcome.Accepted no = accepted(rules.decide(plan, List.of(), carol, Decision.REJECT, Optional.empty(),
                OptionalInt.empty(), OptionalInt.empty(), "restore takes too long", List.of(), NOW));
        assertThat(no.newState()).isEqualTo(PlanState.REJECTED);
        assertThat(no.tally().line()).isEqualTo("rejected by @carol");
        Plan rejected = plan.withState(PlanState.REJECTED);
        assertThat(refusal(approve(rejected, List.of(no.signOff()), bob, NOW))).isEqualTo(Refusal.ALREADY_DECIDED);
        // only an eligible approver can reject
        assertThat(refusal(rules.decide(plan, List.of(), vera, Decision.REJECT, Optional.empty(), OptionalInt.empty(),
                OptionalInt.empty(), "no", List.of(), NOW))).isEqualTo(Refusal.MISSING_ROLE);
        // a revision takes sign-offs again
        Plan v2 = Plan.of(7, 2, "alice", "alice", PlanState.AWAITING_APPROVAL, NOW, NOW, content("Sun 03:00-05:00 UTC"));
        accepted(approve(v2, List.of(no.signOff()), bob, NOW));
    }

    @Test
    void mcpToken_withoutTheRight_isRefused_withItApproves() {
        assertThat(refusal(approve(plan(), List.of(), token("cursor-alice", "viewer", "requester"), NOW)))
                .isEqualTo(Refusal.NOT_HUMAN);
        // a token keeps the approver role only when mcp.tokens grants allow_approve
        accepted(approve(plan(), List.of(), token("ci", "approver"), NOW));
    }

    @Test
    void resourceLockedByAnotherPlan_blocksTheApprovalThatWouldLock() {
        ResourceLock held = new ResourceLock("2a5e6c38", "sso-prod", 3, NOW.minusSeconds(60));
        ApprovalOutcome o = rules.decide(plan(), List.of(), bob, Decision.APPROVE, Optional.empty(), OptionalInt.empty(),
                OptionalInt.empty(), "", List.of(held), NOW);
        assertThat(refusal(o)).isEqualTo(Refusal.RESOURCE_LOCKED);
        assertThat(((ApprovalOutcome.Refused) o).message()).contains("sso-prod is locked by plan 3");
    }

    @Test
    void perPlanScope_oneApprovalCoversEveryPerPlanPhase() {
        ApprovalRules lenient = new ApprovalRules(new ApprovalPolicies(List.of(
                new ApprovalPolicyConfig("*", 1, Set.of("approver"), List.of(), ApprovalScope.PER_PLAN,
                        Duration.ofDays(30)))));
        ApprovalOutcome.Accepted a = accepted(lenient.decide(plan(), List.of(), bob, Decision.APPROVE, Optional.empty(),
                OptionalInt.empty(), OptionalInt.empty(), "", List.of(), NOW));
        assertThat(a.signOff().phase()).isEqualTo(SignOff.WHOLE_PLAN);
        assertThat(a.tally().complete()).isTrue();
        assertThat(a.tally().line()).isEqualTo("1 of 1: @bob");
        // valid until the end of the last phase it covers
        assertThat(a.signOff().validUntil()).isEqualTo(plan().content().phases().get(1).window().end());
    }

    @Test
    void signOff_recordsWhoWhereAndWhat() {
        SignOff s = accepted(approve(plan(), List.of(), bob, NOW)).signOff();
        assertThat(s.platform()).isEqualTo("slack");
        assertThat(s.userId()).isEqualTo("T0123/UBOB");
        assertThat(s.displayName()).isEqualTo("bob");
        assertThat(s.principal()).isEqualTo("bob");
        assertThat(s.decision()).isEqualTo(Decision.APPROVE);
        assertThat(s.comment()).isEqualTo("looks right");
        assertThat(s.at()).isEqualTo(NOW);
        assertThat(s.revision()).isEqualTo(1);
        assertThat(s.hash()).isEqualTo(plan().hash());
        assertThat(s.messageLink()).contains("https://example.slack.com/archives/C1/p1");
    }
}
