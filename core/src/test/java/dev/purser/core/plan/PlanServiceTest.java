package dev.purser.core.plan;

import static dev.purser.core.plan.PlanTesting.person;
import static dev.purser.core.plan.PlanTesting.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.core.analysis.inventory.InventorySource;
import dev.purser.core.analysis.recommendations.RightsizingService;
import dev.purser.core.audit.AuditEvent;
import dev.purser.core.config.ApprovalPolicyConfig;
import dev.purser.core.config.ApprovalScope;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.store.JdbcPlanStore;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service over the real store (embedded PostgreSQL) and a recording audit trail. */
class PlanServiceTest {

    static PurserDatabase db;
    static InventorySource inventory;
    static RightsizingService rightsizing;
    static List<String> ids;

    PlanTesting.RecordingAuditTrail audit;
    PlanService service;
    JdbcPlanStore store;

    final Signer alice = person("alice", "requester", "approver");
    final Signer bob = person("bob", "approver");
    final Signer carol = person("carol", "approver");
    final Signer admin = person("dana", "admin");

    @BeforeAll
    static void open() {
        db = TestDatabase.fresh();
        inventory = PlanTesting.mandible();
        rightsizing = PlanTesting.rightsizing(inventory);
        ids = PlanTesting.databaseIds(rightsizing);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void wipe() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE plan, plan_revision, plan_phase, plan_signoff, resource_lock RESTART IDENTITY CASCADE");
        }
        audit = new PlanTesting.RecordingAuditTrail();
        store = new JdbcPlanStore(db.dataSource());
        ApprovalPolicies policies = new ApprovalPolicies(List.of(
                new ApprovalPolicyConfig("*", 1, Set.of("approver"), List.of(), ApprovalScope.PER_PLAN,
                        Duration.ofDays(14))));
        PlanSettings settings = PlanSettings.defaults(ZoneOffset.UTC);
        service = new PlanService(store, audit, new InventoryPlanInputs(rightsizing, inventory, settings.trafficWindow(),
                PlanTesting.CLOCK), settings, policies, PlanTesting.CLOCK);
    }

    Plan create() {
        return service.create(ids, Optional.of("Sat 02:00-04:00 Europe/Berlin"), Optional.empty(), alice).plan();
    }

    ApprovalOutcome approve(long id, Signer who) {
        return service.approve(id, who, Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), "ok");
    }

    @Test
    void create_storesTheSeedPlan_andAuditsIt() {
        Plan plan = create();
        Plan read = service.get(plan.id());
        assertThat(read.hash()).isEqualTo(plan.hash()).isEqualTo(read.content().hash());
        assertThat(read.content().phases()).extracting(Phase::name).containsExactly("rehearsal", "sso-prod",
                "mandible-prod");
        assertThat(read.state()).isEqualTo(PlanState.AWAITING_APPROVAL);
        AuditEvent created = audit.last("plan.created");
        assertThat(created.subject()).isEqualTo("plan:" + plan.id());
        assertThat(created.actor()).isEqualTo("alice");
        assertThat(created.details()).containsEntry("hash", plan.hash()).containsEntry("revision", "1")
                .containsEntry("recommendations", String.join(",", ids));
    }

    @Test
    void approve_recordsEveryField_andTheTallyIsOneStoredState() {
        Plan plan = create();
        ApprovalOutcome.Accepted a = (ApprovalOutcome.Accepted) approve(plan.id(), bob);
        assertThat(a.newState()).isEqualTo(PlanState.APPROVED);
        assertThat(service.get(plan.id()).state()).isEqualTo(PlanState.APPROVED);
        assertThat(service.tally(plan.id()).line()).isEqualTo("1 of 1: @bob");
        SignOff stored = service.signOffs(plan.id()).get(0);
        assertThat(stored).isEqualTo(a.signOff());
        AuditEvent given = audit.last("approval.given");
        assertThat(given.details()).containsEntry("platform", "slack").containsEntry("user_id", "T0123/UBOB")
                .containsEntry("display_name", "bob").containsEntry("principal", "bob")
                .containsEntry("decision", "approve").containsEntry("comment", "ok").containsEntry("revision", "1")
                .containsEntry("hash", plan.hash()).containsEntry("message_link", "https://example.slack.com/archives/C1/p1")
                .containsKey("at");
        assertThat(audit.last("plan.approved").details()).containsEntry("tally", "1 of 1: @bob");
        assertThat(service.locks()).extracting(ResourceLock::name).containsExactlyInAnyOrder("sso-prod", "mandible-prod");
    }

    @Test
    void refusals_areAudited_andChangeNothing() {
        Plan plan = create();
        assertThat(approve(plan.id(), alice)).isInstanceOf(ApprovalOutcome.Refused.class);
        assertThat(approve(plan.id(), token("cursor", "viewer"))).isInstanceOf(ApprovalOutcome.Refused.class);
        assertThat(service.signOffs(plan.id())).isEmpty();
        assertThat(audit.entries(plan.subject()).stream().filter(e -> e.event().kind().equals("approval.refused"))
                .map(e -> e.event().details().get("reason")).toList()).containsExactly("self_approval", "not_human");
    }

    @Test
    void doubleClick_isStoredOnce() {
        Plan plan = create();
        approve(plan.id(), bob);
        ApprovalOutcome second = approve(plan.id(), bob);
        assertThat(((ApprovalOutcome.Refused) second).reason()).isEqualTo(Refusal.ALREADY_DECIDED);
        assertThat(service.signOffs(plan.id())).hasSize(1);
    }

    @Test
    void doubleClick_atTheSameMoment_fromTwoFaces_isStoredOnce() throws Exception {
        Plan plan = create();
        Signer bobOnDiscord = new Signer("discord", "234567890123456789", "bob", "bob", Set.of("approver"), true,
                Optional.empty());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<ApprovalOutcome>> clicks = new java.util.ArrayList<>();
            for (Signer s : List.of(bob, bobOnDiscord)) {
                clicks.add(pool.submit(() -> {
                    go.await();
                    return approve(plan.id(), s);
                }));
            }
            go.countDown();
            long accepted = 0;
            for (java.util.concurrent.Future<ApprovalOutcome> f : clicks) {
                accepted += f.get() instanceof ApprovalOutcome.Accepted ? 1 : 0;
            }
            assertThat(accepted).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(service.signOffs(plan.id())).hasSize(1);
    }

    @Test
    void twoPlansLockingOneResource_secondLosesWholly() {
        Plan first = create();
        Plan second = service.create(ids.subList(0, 1), Optional.empty(), Optional.empty(), alice).plan();
        store.update(first.id(), (p, s, l) -> new PlanStore.Change<>(null, Optional.empty(), "t", Optional.empty(),
                PlanStore.Locks.TAKE, PlanTesting.NOW));
        // a second plan that did not see the lock (it raced) is refused by the database itself
        assertThatThrownBy(() -> store.update(second.id(), (p, s, l) -> new PlanStore.Change<>(null,
                Optional.of(p.withState(PlanState.APPROVED)), "t", Optional.empty(), PlanStore.Locks.TAKE,
                PlanTesting.NOW))).extracting(e -> ((PurserException) e).code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(service.get(second.id()).state()).isEqualTo(PlanState.AWAITING_APPROVAL);
    }

    @Test
    void edit_makesARevision_voidsApprovals_releasesLocks_andRefusesStaleClicks() {
        Plan plan = create();
        approve(plan.id(), bob);
        Plan v2 = service.edit(plan.id(), Optional.of("Sun 03:00-05:00 Europe/Berlin"), Optional.empty(), alice);
        assertThat(v2.revision()).isEqualTo(2);
        assertThat(v2.hash()).isNotEqualTo(plan.hash());
        assertThat(v2.state()).isEqualTo(PlanState.AWAITING_APPROVAL);
        assertThat(service.tally(plan.id()).line()).isEqualTo("0 of 1");
        assertThat(service.locks()).isEmpty();
        assertThat(audit.last("plan.revised").details()).containsEntry("from_hash", plan.hash())
                .containsEntry("hash", v2.hash()).containsEntry("approvals_voided", "1");
        assertThat(service.revisions(plan.id())).extracting(Plan::hash).containsExactly(plan.hash(), v2.hash());

        ApprovalOutcome stale = service.approve(plan.id(), carol, Optional.of(plan.hash()), OptionalInt.empty(),
                OptionalInt.empty(), "");
        assertThat(((ApprovalOutcome.Refused) stale).reason()).isEqualTo(Refusal.STALE_REVISION);
        assertThat(service.approve(plan.id(), carol, Optional.of(v2.hash()), OptionalInt.of(2), OptionalInt.empty(), ""))
                .isInstanceOf(ApprovalOutcome.Accepted.class);
    }

    @Test
    void edit_byAnotherRequester_isForbidden_andNoChangeIsABadArgument() {
        Plan plan = create();
        assertThatThrownBy(() -> service.edit(plan.id(), Optional.of("Sun 03:00-05:00 UTC"), Optional.empty(), bob))
                .extracting(e -> ((PurserException) e).code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThatThrownBy(() -> service.edit(plan.id(), Optional.empty(), Optional.empty(), alice))
                .hasMessageContaining("would not change");
        assertThat(service.get(plan.id()).revision()).isEqualTo(1);
    }

    @Test
    void rejection_stopsThePlan_untilRevised() {
        Plan plan = create();
        ApprovalOutcome.Accepted no = (ApprovalOutcome.Accepted) service.reject(plan.id(), carol, Optional.empty(),
                OptionalInt.empty(), "one node is too risky for sso");
        assertThat(no.newState()).isEqualTo(PlanState.REJECTED);
        assertThat(service.tally(plan.id()).line()).isEqualTo("rejected by @carol");
        assertThat(((ApprovalOutcome.Refused) approve(plan.id(), bob)).reason()).isEqualTo(Refusal.ALREADY_DECIDED);
        assertThat(audit.last("approval.rejected").details()).containsEntry("comment", "one node is too risky for sso");
        service.edit(plan.id(), Optional.of("Sun 03:00-05:00 UTC"), Optional.empty(), alice);
        assertThat(approve(plan.id(), bob)).isInstanceOf(ApprovalOutcome.Accepted.class);
        assertThatThrownBy(() -> service.reject(plan.id(), carol, Optional.empty(), OptionalInt.empty(), " "))
                .hasMessageContaining("needs a reason");
    }

    @Test
    void locks_keepOtherPlansOut_untilReleasedByAnAdminWithAReason() {
        Plan first = create();
        approve(first.id(), bob);
        Plan second = service.create(ids.subList(0, 1), Optional.empty(), Optional.empty(), alice).plan();
        ApprovalOutcome blocked = approve(second.id(), bob);
        assertThat(((ApprovalOutcome.Refused) blocked).reason()).isEqualTo(Refusal.RESOURCE_LOCKED);
        assertThat(service.get(second.id()).state()).isEqualTo(PlanState.AWAITING_APPROVAL);

        String name = service.locks().get(0).name();
        assertThatThrownBy(() -> service.releaseLock(name, "stuck", bob))
                .extracting(e -> ((PurserException) e).code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThatThrownBy(() -> service.releaseLock(name, "", admin)).hasMessageContaining("needs a reason");
        service.releaseLock("mandible-prod", "plan 1 is parked; sso first", admin);
        service.releaseLock("sso-prod", "plan 1 is parked; sso first", admin);
        assertThat(audit.last("lock.released").details()).containsEntry("reason", "plan 1 is parked; sso first");
        assertThat(approve(second.id(), bob)).isInstanceOf(ApprovalOutcome.Accepted.class);
        assertThatThrownBy(() -> service.releaseLock("sso-prod-nope", "x", admin))
                .extracting(e -> ((PurserException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void cancel_endsThePlanAndItsLocks() {
        Plan plan = create();
        approve(plan.id(), bob);
        Plan cancelled = service.cancel(plan.id(), "not this quarter", admin);
        assertThat(cancelled.state()).isEqualTo(PlanState.CANCELLED);
        assertThat(service.locks()).isEmpty();
        assertThat(service.list(false)).isEmpty();
        assertThat(service.list(true)).extracting(Plan::id).containsExactly(plan.id());
        assertThatThrownBy(() -> service.cancel(plan.id(), "again", alice)).hasMessageContaining("cancelled");
        assertThat(audit.last("plan.cancelled").details()).containsEntry("reason", "not this quarter");
    }

    @Test
    void tamperedRevision_isReportedNotShown() throws SQLException {
        Plan plan = create();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("UPDATE plan_revision SET content = jsonb_set(content, '{title}', '\"Right-size everything\"')");
        }
        assertThatThrownBy(() -> service.get(plan.id())).hasMessageContaining("no longer matches its hash");
    }

    @Test
    void create_badInput_landsNothing() {
        assertThatThrownBy(() -> service.create(List.of(), Optional.empty(), Optional.empty(), alice))
                .hasMessageContaining("at least one recommendation id");
        assertThatThrownBy(() -> service.create(ids, Optional.of("someday"), Optional.empty(), alice))
                .hasMessageContaining("not a maintenance window");
        assertThatThrownBy(() -> service.create(List.of(ids.get(0), ids.get(0)), Optional.empty(), Optional.empty(),
                alice)).hasMessageContaining("given twice");
        assertThat(service.list(true)).isEmpty();
        assertThat(audit.entries).isEmpty();
    }
}
