package dev.purser.core.execution;

import static dev.purser.core.execution.ExecFixture.API_DROPLET;
import static dev.purser.core.execution.ExecFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

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

class DropletResizeExecutorTest {

    static final String ACTIONS = "/v2/droplets/" + API_DROPLET + "/actions";

    static PurserDatabase db;
    ExecFixture f;
    DropletResizeExecutor executor;

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
        executor = new DropletResizeExecutor(f.client, f.ledger);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    Instant deadline() {
        return f.clock.instant().plus(Duration.ofMinutes(30));
    }

    PreparedChange downsize() {
        return executor.prepare(ExecFixture.dropletResize(API_DROPLET, "s-2vcpu-4gb", "s-1vcpu-2gb"));
    }

    @Test
    void apply_thenAwait_powersOffResizesPowersOnAndStatesTheDowntime() {
        PreparedChange p = downsize();
        IdempotencyKey k = key("plan:2/phase:1/droplet-a");

        ExecutionResult started = executor.apply(p, k);
        ExecutionResult done = executor.awaitSettled(p, k, deadline());

        assertThat(p.expectedDowntime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.notes()).anyMatch(n -> n.contains("minutes of downtime"));
        assertThat(started.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(done.status()).isEqualTo(Status.SETTLED);
        assertThat(done.facts()).containsKey("downtime_seconds").containsKey("resize.action_id");
        assertThat(f.sim.droplet(API_DROPLET).orElseThrow().size()).isEqualTo("s-1vcpu-2gb");
        assertThat(f.sim.droplet(API_DROPLET).orElseThrow().status()).isEqualTo("active");
        assertThat(f.sim.requests()).filteredOn(r -> r.startsWith("POST")).hasSize(3);
        assertThat(f.audit.states(k.value() + "/power_off")).containsExactly("recorded", "sending", "accepted",
                "settled");
    }

    @Test
    void await_crashAfterPowerOffWasSent_adoptsTheActionInsteadOfSendingAnother() {
        PreparedChange p = downsize();
        IdempotencyKey k = key("plan:2/phase:1/droplet-b");
        // the first process recorded the whole change and its power_off, sent it, and died
        f.journal.record(k.value(), DropletResizeExecutor.NAME, "resize", "droplet", Long.toString(API_DROPLET),
                "{\"type\":\"resize\",\"size\":\"s-1vcpu-2gb\",\"disk\":false}", f.clock.instant());
        f.journal.record(k.value() + "/power_off", DropletResizeExecutor.NAME, "power_off", "droplet",
                Long.toString(API_DROPLET), "{\"type\":\"power_off\"}", f.clock.instant());
        f.journal.sending(k.value() + "/power_off", f.clock.instant());
        f.sim.actionPolls(3);
        long sent = f.client.startDropletAction(API_DROPLET, "power_off", null, false).id();

        ExecutionResult done = executor.awaitSettled(p, k, deadline());

        assertThat(done.status()).isEqualTo(Status.SETTLED);
        assertThat(f.sim.count("POST", ACTIONS)).isEqualTo(3);
        assertThat(f.journal.find(k.value() + "/power_off").orElseThrow().providerActionId()).contains(Long.toString(sent));
        assertThat(f.audit.events()).anyMatch(e -> e.details().getOrDefault("message", "")
                .contains("found power_off action " + sent));
    }

    @Test
    void await_dropletFoundOff_isResizedAndLeftOff() {
        PreparedChange p = downsize();
        long off = f.client.startDropletAction(API_DROPLET, "power_off", null, false).id();
        f.client.action(off);
        f.client.action(off);
        f.clock.advance(Duration.ofMinutes(5));
        IdempotencyKey k = key("plan:2/phase:1/droplet-c");

        executor.apply(p, k);
        ExecutionResult done = executor.awaitSettled(p, k, deadline());

        assertThat(done.status()).isEqualTo(Status.SETTLED);
        assertThat(done.message()).contains("left off");
        assertThat(f.sim.droplet(API_DROPLET).orElseThrow().status()).isEqualTo("off");
        assertThat(f.sim.count("POST", ACTIONS)).isEqualTo(2);
    }

    @Test
    void apply_post429_retriesAtTheResetAndSendsNothingElse() {
        PreparedChange p = downsize();
        IdempotencyKey k = key("plan:2/phase:1/droplet-429");
        f.sim.failNext("POST", ACTIONS, 429, 1, Duration.ofMinutes(3));

        ExecutionResult r = executor.apply(p, k);

        assertThat(r.status()).isEqualTo(Status.RETRY_LATER);
        assertThat(r.retryAt()).contains(Instant.ofEpochSecond(f.clock.instant().plus(Duration.ofMinutes(3))
                .getEpochSecond()));
        assertThat(f.sim.droplet(API_DROPLET).orElseThrow().status()).isEqualTo("active");
    }

    @Test
    void await_actionNeverCompletes_failsAtTheDeadlineAndAsksAPerson() {
        f.sim.actionPolls(10_000);
        PreparedChange p = downsize();
        IdempotencyKey k = key("plan:2/phase:1/droplet-deadline");
        executor.apply(p, k);

        ExecutionResult r = executor.awaitSettled(p, k, f.clock.instant().plus(Duration.ofMinutes(1)));

        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.personNeeded()).isTrue();
        assertThat(r.message()).contains("power_off action").contains("has not completed by its deadline")
                .contains("last seen in-progress");
    }

    @Test
    void await_poll500ThenOk_keepsPolling() {
        PreparedChange p = downsize();
        IdempotencyKey k = key("plan:2/phase:1/droplet-500");
        f.sim.actionPolls(2);
        executor.apply(p, k);
        f.sim.failNext("GET", "/v2/actions/\\d+", 500, 2, Duration.ZERO);

        ExecutionResult r = executor.awaitSettled(p, k, deadline());

        assertThat(r.status()).isEqualTo(Status.SETTLED);
        assertThat(f.sim.droplet(API_DROPLET).orElseThrow().size()).isEqualTo("s-1vcpu-2gb");
    }

    @Test
    void rollback_resizesBackThroughTheSameSteps() {
        PreparedChange p = downsize();
        IdempotencyKey k = key("plan:2/phase:1/droplet-rb");
        executor.apply(p, k);
        executor.awaitSettled(p, k, deadline());

        ExecutionResult back = executor.rollback(p, k, deadline());

        assertThat(back.status()).as(back.message()).isEqualTo(Status.SETTLED);
        assertThat(f.sim.droplet(API_DROPLET).orElseThrow().size()).isEqualTo("s-2vcpu-4gb");
        assertThat(f.sim.droplet(API_DROPLET).orElseThrow().status()).isEqualTo("active");
        assertThat(f.sim.count("POST", ACTIONS)).isEqualTo(6);
    }

    @Test
    void dropletCpuSource_turnsCumulativeSecondsIntoPercent_andASoakOnItBreaches() {
        f.sim.series(Long.toString(API_DROPLET), "cpu_percent",
                at -> at.isBefore(ExecFixture.START.plus(Duration.ofMinutes(10))) ? 30 : 92);
        MetricSource cpu = new DropletCpuMetricSource(f.client);
        dev.purser.core.plan.Trigger hot = new dev.purser.core.plan.Trigger("cpu_percent",
                dev.purser.core.plan.Trigger.Comparison.ABOVE, new java.math.BigDecimal("80"), false,
                Duration.ofMinutes(5));
        SoakEvaluator soak = new SoakEvaluator(cpu, f.clock, f.clock.sleeper());

        var samples = cpu.samples(Long.toString(API_DROPLET), "cpu_percent", ExecFixture.START,
                ExecFixture.START.plus(Duration.ofMinutes(5)));
        Baseline b = soak.baseline(Long.toString(API_DROPLET), java.util.List.of(hot), Duration.ofMinutes(5),
                ExecFixture.START.plus(Duration.ofMinutes(5)));
        SoakVerdict v = soak.evaluate(Long.toString(API_DROPLET), java.util.List.of(hot), b, ExecFixture.START,
                ExecFixture.START.plus(Duration.ofMinutes(30)));

        assertThat(samples).hasSize(5).allSatisfy(s -> assertThat(s.value()).isBetween(29.9, 30.1));
        assertThat(v.outcome()).isEqualTo(SoakVerdict.Outcome.BREACHED);
        assertThat(v.breaches().get(0).peak()).isBetween(91.9, 92.1);
    }
}
