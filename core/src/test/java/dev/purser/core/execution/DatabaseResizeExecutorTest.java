package dev.purser.core.execution;

import static dev.purser.core.execution.ExecFixture.MANDIBLE;
import static dev.purser.core.execution.ExecFixture.key;
import static dev.purser.core.execution.ExecFixture.mandibleToOneNode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.execution.ExecutionResult.Status;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DatabaseResizeExecutorTest {

    static final String RESIZE = "/v2/databases/" + MANDIBLE + "/resize";
    static final String CLUSTER = "/v2/databases/" + MANDIBLE;

    static PurserDatabase db;
    ExecFixture f;
    DatabaseResizeExecutor executor;

    @BeforeAll
    static void open() {
        db = TestDatabase.fresh();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void setUp() {
        f = new ExecFixture(db);
        executor = new DatabaseResizeExecutor(f.client, f.ledger);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    Instant deadline() {
        return f.clock.instant().plus(Duration.ofMinutes(30));
    }

    @Test
    void apply_thenAwait_resizesOnceAndRecordsEveryStep() {
        PreparedChange p = executor.prepare(mandibleToOneNode());
        IdempotencyKey k = key("plan:1/phase:3/apply-a");

        ExecutionResult started = executor.apply(p, k);
        ExecutionResult done = executor.awaitSettled(p, k, deadline());

        assertThat(started.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(done.status()).isEqualTo(Status.SETTLED);
        assertThat(done.facts()).containsEntry("polls", "3");
        assertThat(f.sim.cluster(MANDIBLE).orElseThrow().nodes()).isEqualTo(1);
        assertThat(f.sim.cluster(MANDIBLE).orElseThrow().status()).isEqualTo("online");
        assertThat(f.sim.count("PUT", RESIZE)).isEqualTo(1);
        assertThat(f.audit.states(k.value())).containsExactly("recorded", "sending", "accepted", "settled");
        assertThat(f.journal.find(k.value()).orElseThrow().state()).isEqualTo(ExecutorCall.State.SETTLED);
        assertThat(p.inverse().change().to().setting().label()).isEqualTo("db-s-2vcpu-4gb x 2 nodes");
        assertThat(p.notes()).anyMatch(n -> n.contains("removes a standby"));
    }

    @Test
    void apply_sameKeyAgain_sendsNothing() {
        PreparedChange p = executor.prepare(mandibleToOneNode());
        IdempotencyKey k = key("plan:1/phase:3/apply-b");
        executor.apply(p, k);
        executor.awaitSettled(p, k, deadline());

        ExecutionResult again = executor.apply(p, k);

        assertThat(again.status()).isEqualTo(Status.SETTLED);
        assertThat(f.sim.count("PUT", RESIZE)).isEqualTo(1);
    }

    @Test
    void apply_crashBetweenRecordAndCall_sendsTheResizeOnce() {
        PreparedChange p = executor.prepare(mandibleToOneNode());
        IdempotencyKey k = key("plan:1/phase:3/apply-c");
        // the first process recorded its intent and died before sending
        f.journal.record(k.value(), DatabaseResizeExecutor.NAME, "resize", "database_cluster", MANDIBLE,
                "{\"size\":\"db-s-2vcpu-4gb\",\"num_nodes\":1}", f.clock.instant());

        ExecutionResult started = executor.apply(p, k);
        ExecutionResult done = executor.awaitSettled(p, k, deadline());

        assertThat(started.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(done.status()).isEqualTo(Status.SETTLED);
        assertThat(f.sim.count("PUT", RESIZE)).isEqualTo(1);
    }

    @Test
    void apply_crashBetweenCallAndPoll_pollsWithoutSendingAgain() {
        PreparedChange p = executor.prepare(mandibleToOneNode());
        IdempotencyKey k = key("plan:1/phase:3/apply-d");
        // the first process recorded, counted its attempt, sent the PUT, and died before writing "accepted"
        f.journal.record(k.value(), DatabaseResizeExecutor.NAME, "resize", "database_cluster", MANDIBLE,
                "{\"size\":\"db-s-2vcpu-4gb\",\"num_nodes\":1}", f.clock.instant());
        f.journal.sending(k.value(), f.clock.instant());
        f.client.resizeDatabaseCluster(MANDIBLE, "db-s-2vcpu-4gb", 1);

        ExecutionResult resumed = executor.apply(p, k);
        ExecutionResult done = executor.awaitSettled(p, k, deadline());

        assertThat(resumed.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(resumed.message()).contains("nothing sent");
        assertThat(done.status()).isEqualTo(Status.SETTLED);
        assertThat(f.sim.count("PUT", RESIZE)).isEqualTo(1);
        assertThat(f.journal.find(k.value()).orElseThrow().providerActionId()).contains("status:resizing");
    }

    @Test
    void prepare_clusterNoLongerAtFromSize_refusesWithTheSizeFound() {
        assertThatThrownBy(() -> executor.prepare(ExecFixture.clusterResize(MANDIBLE, "mandible-prod",
                "db-s-4vcpu-8gb", 2, "db-s-1vcpu-2gb", 1)))
                .isInstanceOf(PurserException.class)
                .hasMessageContaining("db-s-2vcpu-4gb x 2 nodes now")
                .extracting(e -> ((PurserException) e).code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
    }

    @Test
    void prepare_noNodeCount_refusesAndRecordsNothing() {
        ChangeRequest r = ExecFixture.dropletResize(1, "s-1vcpu-1gb", "s-1vcpu-2gb");
        ChangeRequest bad = new ChangeRequest(new Target(Target.Kind.DATABASE_CLUSTER, MANDIBLE, "mandible-prod"),
                r.change());
        int before = f.journal.forTarget("database_cluster", MANDIBLE).size();
        assertThatThrownBy(() -> executor.prepare(bad)).hasMessageContaining("needs a size slug and a node count");
        assertThat(f.journal.forTarget("database_cluster", MANDIBLE)).hasSize(before);
        assertThat(f.sim.requests()).isEmpty();
    }

    // ----------------------------------------------------------------------- faults on the PUT

    @Test
    void apply_put401_asksAPersonAndKeepsTheCallOpen() {
        PreparedChange p = executor.prepare(mandibleToOneNode());
        IdempotencyKey k = key("plan:1/phase:3/put-401");
        f.sim.failNext("PUT", RESIZE, 401, 1, Duration.ZERO);

        ExecutionResult r = executor.apply(p, k);

        assertThat(r.status()).isEqualTo(Status.ASK_PERSON);
        assertThat(r.message()).contains("401").contains("read-write token");
        assertThat(f.journal.find(k.value()).orElseThrow().state()).isEqualTo(ExecutorCall.State.RECORDED);
        // after the token is fixed, the same key sends once
        assertThat(executor.apply(p, k).status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(f.sim.count("PUT", RESIZE)).isEqualTo(2);
        assertThat(f.sim.cluster(MANDIBLE).orElseThrow().status()).isEqualTo("resizing");
    }

    @Test
    void apply_put404_failsForGood() {
        PreparedChange p = executor.prepare(mandibleToOneNode());
        IdempotencyKey k = key("plan:1/phase:3/put-404");
        f.sim.failNext("PUT", RESIZE, 404, 1, Duration.ZERO);

        ExecutionResult r = executor.apply(p, k);
        ExecutionResult again = executor.apply(p, k);

        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.facts()).containsEntry("http_status", "404");
        assertThat(f.journal.find(k.value()).orElseThrow().state()).isEqualTo(ExecutorCall.State.FAILED);
        assertThat(again.status()).isEqualTo(Status.FAILED);
        assertThat(f.sim.count("PUT", RESIZE)).isEqualTo(1);
    }

    @Test
    void apply_put422_failsWithDigitalOceansReason() {
        PreparedChange p = executor.prepare(mandibleToOneNode());
        IdempotencyKey k = key("plan:1/phase:3/put-422");
        f.sim.failNext("PUT", RESIZE, 422, 1, Duration.ZERO);

        ExecutionResult r = executor.apply(p, k);

        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.personNeeded()).isFalse();
        assertThat(r.message()).contains("refused the change").contains("422").contains("nothing was changed");
    }

    @Test
    void apply_put429_retriesAtTheReset() {
        PreparedChange p = executor.prepare(mandibleToOneNode());
        IdempotencyKey k = key("plan:1/phase:3/put-429");
        f.sim.failNext("PUT", RESIZE, 429, 1, Duration.ofMinutes(7));

        ExecutionResult r = executor.apply(p, k);

        assertThat(r.status()).isEqualTo(Status.RETRY_LATER);
        assertThat(r.retryAt()).contains(Instant.ofEpochSecond(f.clock.instant().plus(Duration.ofMinutes(7))
                .getEpochSecond()));
        assertThat(f.sim.cluster(MANDIBLE).orElseThrow().status()).isEqualTo("online");
    }

    @Test
    void apply_put500_retriesLaterAndTheRetryReadsStateFirst() {
        PreparedChange p = executor.prepare(mandibleToOneNode());
        IdempotencyKey k = key("plan:1/phase:3/put-500");
        f.sim.failNext("PUT", RESIZE, 500, 1, Duration.ZERO);

        ExecutionResult r = executor.apply(p, k);

        assertThat(r.status()).isEqualTo(Status.RETRY_LATER);
        assertThat(r.retryAt()).contains(f.clock.instant().plus(Duration.ofMinutes(1)));
        ExecutorCall call = f.journal.find(k.value()).orElseThrow();
        assertThat(call.attempts()).isEqualTo(1);
        assertThat(call.message().orElseThrow()).contains("500");
        assertThat(f.audit.states(k.value())).contains("unsure");
        assertThat(executor.apply(p, k).status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(f.sim.count("PUT", RESIZE)).isEqualTo(2);
    }

    @Test
    void apply_putTimesOut_isNotResentWhenTheProviderTookIt() {
        ExecFixture slow = new ExecFixture(db, ExecFixture.ONE_ATTEMPT.withRequestTimeout(Duration.ofMillis(300)));
        try {
            DatabaseResizeExecutor ex = new DatabaseResizeExecutor(slow.client, slow.ledger);
            PreparedChange p = ex.prepare(mandibleToOneNode());
            IdempotencyKey k = key("plan:1/phase:3/put-timeout");
            slow.sim.delayNext("PUT", RESIZE, Duration.ofMillis(1500));

            ExecutionResult r = ex.apply(p, k);
            ExecutionResult resumed = ex.apply(p, k);

            assertThat(r.status()).isEqualTo(Status.RETRY_LATER);
            assertThat(r.message()).contains("did not answer");
            assertThat(resumed.status()).isEqualTo(Status.IN_PROGRESS);
            assertThat(resumed.message()).contains("nothing sent");
            assertThat(slow.sim.count("PUT", RESIZE)).isEqualTo(1);
        } finally {
            slow.close();
        }
    }

    // ----------------------------------------------------------------------- faults while polling

    @Test
    void await_transient500And429AndTimeoutWhilePolling_keepsPollingToOnline() {
        ExecFixture slow = new ExecFixture(db, ExecFixture.ONE_ATTEMPT.withRequestTimeout(Duration.ofMillis(300)));
        try {
            DatabaseResizeExecutor ex = new DatabaseResizeExecutor(slow.client, slow.ledger);
            PreparedChange p = ex.prepare(mandibleToOneNode());
            IdempotencyKey k = key("plan:1/phase:3/poll-transient");
            ex.apply(p, k);
            slow.sim.failNext("GET", CLUSTER, 500, 1, Duration.ZERO);
            slow.sim.failNext("GET", CLUSTER, 429, 1, Duration.ofSeconds(30));
            slow.sim.delayNext("GET", CLUSTER, Duration.ofMillis(1500));

            ExecutionResult r = ex.awaitSettled(p, k, slow.clock.instant().plus(Duration.ofMinutes(30)));

            assertThat(r.status()).isEqualTo(Status.SETTLED);
            assertThat(slow.sim.cluster(MANDIBLE).orElseThrow().nodes()).isEqualTo(1);
        } finally {
            slow.close();
        }
    }

    @Test
    void await_429WhilePolling_waitsForTheResetBeforePollingAgain() {
        PreparedChange p = executor.prepare(mandibleToOneNode());
        IdempotencyKey k = key("plan:1/phase:3/poll-429");
        executor.apply(p, k);
        Instant before = f.clock.instant();
        f.sim.failNext("GET", CLUSTER, 429, 1, Duration.ofMinutes(5));

        ExecutionResult r = executor.awaitSettled(p, k, deadline());

        assertThat(r.status()).isEqualTo(Status.SETTLED);
        assertThat(Duration.between(before, f.clock.instant())).isGreaterThanOrEqualTo(Duration.ofMinutes(4));
    }

    @Test
    void await_401WhilePolling_asksAPerson() {
        PreparedChange p = executor.prepare(mandibleToOneNode());
        IdempotencyKey k = key("plan:1/phase:3/poll-401");
        executor.apply(p, k);
        f.sim.failNext("GET", CLUSTER, 401, 1, Duration.ZERO);

        ExecutionResult r = executor.awaitSettled(p, k, deadline());

        assertThat(r.status()).isEqualTo(Status.ASK_PERSON);
        assertThat(f.journal.find(k.value()).orElseThrow().state()).isEqualTo(ExecutorCall.State.ACCEPTED);
        assertThat(executor.awaitSettled(p, k, deadline()).status()).isEqualTo(Status.SETTLED);
    }

    @Test
    void await_404WhilePolling_fails() {
        PreparedChange p = executor.prepare(mandibleToOneNode());
        IdempotencyKey k = key("plan:1/phase:3/poll-404");
        executor.apply(p, k);
        f.sim.failNext("GET", CLUSTER, 404, 1, Duration.ZERO);

        ExecutionResult r = executor.awaitSettled(p, k, deadline());

        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.message()).contains("404");
    }

    @Test
    void await_deadlinePasses_failsAndAsksAPerson() {
        f.sim.resizePolls(1000);
        PreparedChange p = executor.prepare(mandibleToOneNode());
        IdempotencyKey k = key("plan:1/phase:3/poll-deadline");
        executor.apply(p, k);

        ExecutionResult r = executor.awaitSettled(p, k, f.clock.instant().plus(Duration.ofMinutes(2)));

        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.personNeeded()).isTrue();
        assertThat(r.message()).contains("has not settled by its deadline").contains("status resizing");
        assertThat(r.facts()).containsEntry("polls", "13");
    }

    @Test
    void rollback_appliesTheInverseThroughTheSameExecutor() {
        PreparedChange p = executor.prepare(mandibleToOneNode());
        IdempotencyKey k = key("plan:1/phase:3/rollback");
        executor.apply(p, k);
        executor.awaitSettled(p, k, deadline());

        ExecutionResult back = executor.rollback(p, k, deadline());

        assertThat(back.status()).isEqualTo(Status.SETTLED);
        assertThat(f.sim.cluster(MANDIBLE).orElseThrow().nodes()).isEqualTo(2);
        assertThat(f.journal.find(k.value() + "/rollback").orElseThrow().request())
                .isEqualTo("{\"size\":\"db-s-2vcpu-4gb\",\"num_nodes\":2}");
        assertThat(f.sim.count("PUT", RESIZE)).isEqualTo(2);
    }
}
