package dev.purser.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.store.JdbcJobRuns;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The clustered scheduler on a real PostgreSQL: two instances over one database (as two Purser
 * replicas), restarts, and misfires. Time is real here: Quartz fires on the wall clock, so the
 * tests wait for fires with a deadline rather than sleeping a fixed guess, and the schedules are
 * seconds apart.
 */
class PurserSchedulerTest {

    private PurserDatabase db;
    private CountingRuns runs;
    private final List<PurserScheduler> started = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        db = TestDatabase.fresh();
        runs = new CountingRuns(new JdbcJobRuns(db.dataSource()));
    }

    @AfterEach
    void tearDown() {
        started.forEach(PurserScheduler::close);
        db.close();
    }

    private static PurserScheduler.Settings settings(String instance) {
        return new PurserScheduler.Settings("purser", instance, 2, Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    private PurserScheduler scheduler(String instance, List<ScheduledJob> jobs, Map<JobKind, JobTask> tasks) {
        JobService service = new JobService(jobs, tasks, runs, null, Clock.systemUTC(), instance);
        PurserScheduler s = PurserScheduler.create(db.dataSource(), settings(instance), service, runs);
        started.add(s);
        return s;
    }

    private static ScheduledJob everySecond(String name) {
        return new ScheduledJob(name, JobKind.BUDGET_CHECK, "* * * * * ?", ZoneOffset.UTC, MisfirePolicy.RUN_LATE, null);
    }

    @Test
    void configuredJob_twoInstances_eachFireRunsOnce() throws Exception {
        Map<Instant, AtomicInteger> ran = new ConcurrentHashMap<>();
        JobTask task = c -> {
            ran.computeIfAbsent(c.scheduledFor(), k -> new AtomicInteger()).incrementAndGet();
            return new JobTask.Result(1, "ok");
        };
        PurserScheduler a = scheduler("node-a", List.of(everySecond("tick")), Map.of(JobKind.BUDGET_CHECK, task));
        PurserScheduler b = scheduler("node-b", List.of(everySecond("tick")), Map.of(JobKind.BUDGET_CHECK, task));
        a.start();
        b.start();
        await(Duration.ofSeconds(30), () -> ran.size() >= 6);
        a.close();
        b.close();

        // Quartz handed each fire time to one instance only: every run key was claimed once
        assertThat(runs.claims).isNotEmpty();
        assertThat(runs.claims.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        assertThat(ran.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        assertThat(count("SELECT count(*) FROM job_run WHERE job = 'tick' AND outcome = 'succeeded'"))
                .isEqualTo(ran.size());
        assertThat(count("SELECT count(DISTINCT run_key) FROM job_run WHERE job = 'tick'")).isEqualTo(ran.size());
    }

    @Test
    void oneOff_twoInstances_runsOnce_andSchedulingAgainIsANoOp() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        PurserScheduler a = scheduler("node-a", List.of(), Map.of());
        PurserScheduler b = scheduler("node-b", List.of(), Map.of());
        OneOffTask probe = f -> ran.incrementAndGet();
        a.register("probe", probe);
        b.register("probe", probe);
        a.start();
        b.start();
        Instant at = Instant.now().plusMillis(1500);
        assertThat(a.scheduleOnce("probe", "phase-1", at, Map.of("plan", "p-1"), MisfirePolicy.SKIP)).isTrue();
        assertThat(b.scheduleOnce("probe", "phase-1", at, Map.of("plan", "p-1"), MisfirePolicy.SKIP)).isFalse();
        assertThat(b.onceDue("probe", "phase-1")).contains(Instant.ofEpochMilli(at.toEpochMilli()));

        await(Duration.ofSeconds(20), () -> ran.get() >= 1);
        Thread.sleep(2_000); // room for a second (wrong) firing on the other node
        assertThat(ran.get()).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM job_run WHERE job = 'once:probe' AND run_key = 'phase-1'")).isEqualTo(1);
        assertThat(a.onceDue("probe", "phase-1")).isEmpty();
    }

    @Test
    void oneOff_dueWhileDown_runLateRunsAndSkipIsToldItWasMissed() throws Exception {
        PurserScheduler first = scheduler("node-a", List.of(), Map.of());
        Instant due = Instant.now().plusMillis(500);
        first.scheduleOnce("probe", "late-ok", due, Map.of("k", "v"), MisfirePolicy.RUN_LATE);
        first.scheduleOnce("probe", "late-skip", due, Map.of(), MisfirePolicy.SKIP);
        first.close(); // never started: the instance is down when both fall due
        Thread.sleep(2_500); // past due by more than the 1 s misfire threshold

        List<String> runsSeen = new CopyOnWriteArrayList<>();
        List<String> missed = new CopyOnWriteArrayList<>();
        Map<String, String> data = new ConcurrentHashMap<>();
        PurserScheduler second = scheduler("node-b", List.of(), Map.of());
        second.register("probe", new OneOffTask() {
            @Override
            public void run(Firing firing) {
                runsSeen.add(firing.id());
                data.putAll(firing.data());
            }

            @Override
            public void missed(Firing firing) {
                missed.add(firing.id());
            }
        });
        second.start();
        await(Duration.ofSeconds(20), () -> runsSeen.size() + missed.size() >= 2);

        assertThat(runsSeen).containsExactly("late-ok");
        assertThat(missed).containsExactly("late-skip");
        assertThat(data).containsEntry("k", "v");
    }

    @Test
    void configuredJob_restart_keepsTheStoredTriggerAndFiresOnTheNewInstance() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        JobTask task = c -> {
            ran.incrementAndGet();
            return new JobTask.Result(0, "ok");
        };
        ScheduledJob job = new ScheduledJob("every-5s", JobKind.BUDGET_CHECK, "0/5 * * * * ?", ZoneOffset.UTC,
                MisfirePolicy.RUN_LATE, null);
        PurserScheduler a = scheduler("node-a", List.of(job), Map.of(JobKind.BUDGET_CHECK, task));
        a.start();
        long startTime = count("SELECT start_time FROM qrtz_triggers WHERE trigger_name = 'every-5s'");
        a.close();

        PurserScheduler b = scheduler("node-b", List.of(job), Map.of(JobKind.BUDGET_CHECK, task));
        b.start();
        assertThat(count("SELECT start_time FROM qrtz_triggers WHERE trigger_name = 'every-5s'")).isEqualTo(startTime);
        assertThat(b.nextFire("every-5s")).isPresent();
        await(Duration.ofSeconds(20), () -> ran.get() >= 1);
        assertThat(count("SELECT count(*) FROM job_run WHERE job = 'every-5s' AND instance = 'node-b'")).isPositive();
    }

    @Test
    void configuredJob_changedCron_isRescheduled_andRemovedJob_isDeleted() {
        ScheduledJob job = everySecond("tick");
        PurserScheduler a = scheduler("node-a", List.of(job, everySecond("gone")), Map.of());
        a.start();
        a.close();
        ScheduledJob changed = new ScheduledJob("tick", JobKind.BUDGET_CHECK, "0 0 6 * * ?", ZoneOffset.UTC,
                MisfirePolicy.SKIP, null);
        PurserScheduler b = scheduler("node-b", List.of(changed), Map.of());
        b.start();
        assertThat(count("SELECT count(*) FROM qrtz_cron_triggers WHERE trigger_name = 'tick'"
                + " AND cron_expression = '0 0 6 * * ?'")).isEqualTo(1);
        assertThat(count("SELECT misfire_instr FROM qrtz_triggers WHERE trigger_name = 'tick'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM qrtz_job_details WHERE job_name = 'gone'")).isZero();
    }

    @Test
    void oneOff_instanceDiesMidRun_anotherRecoversItAndTakesOverItsClaim() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger recovered = new AtomicInteger();
        DeadAfterKill dying = new DeadAfterKill(runs);
        JobService none = new JobService(List.of(), Map.of(), dying, null, Clock.systemUTC(), "node-a");
        PurserScheduler a = PurserScheduler.create(db.dataSource(), settings("node-a"), none, dying);
        a.register("phase", f -> {
            started.countDown();
            try {
                never.await(); // the process is killed while here
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        a.start();
        a.scheduleOnce("phase", "plan-7:sso-prod", Instant.now(), Map.of(), MisfirePolicy.SKIP);
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
        dying.dead = true;
        a.abandon();

        PurserScheduler b = scheduler("node-b", List.of(), Map.of());
        b.register("phase", f -> {
            assertThat(f.recovering()).isTrue();
            recovered.incrementAndGet();
        });
        b.start();
        await(Duration.ofSeconds(40), () -> recovered.get() == 1);
        JobRuns.JobRunRecord run = runs.history(Optional.of("once:phase"), 5).get(0);
        assertThat(run.instance()).isEqualTo("node-b");
        assertThat(run.attempts()).isEqualTo(2);
        await(Duration.ofSeconds(10), () -> "succeeded".equals(runs.history(Optional.of("once:phase"), 1).get(0).outcome()));
        assertThat(runs.history(Optional.of("once:phase"), 5)).hasSize(1);
    }

    /** A killed process writes nothing more: its run's end is never recorded. */
    static final class DeadAfterKill implements JobRuns {
        private final JobRuns delegate;
        volatile boolean dead;

        DeadAfterKill(JobRuns delegate) {
            this.delegate = delegate;
        }

        @Override
        public OptionalLong claim(String job, String runKey, String cause, String instance, Instant scheduledFor,
                Instant startedAt, boolean recovering) {
            return dead ? OptionalLong.empty() : delegate.claim(job, runKey, cause, instance, scheduledFor, startedAt,
                    recovering);
        }

        @Override
        public void finish(long id, boolean succeeded, long rows, String summary, String errorRef, String error,
                Instant finishedAt) {
            if (!dead) {
                delegate.finish(id, succeeded, rows, summary, errorRef, error, finishedAt);
            }
        }

        @Override
        public Optional<JobRunRecord> get(long id) {
            return delegate.get(id);
        }

        @Override
        public List<JobRunRecord> history(Optional<String> job, int limit) {
            return delegate.history(job, limit);
        }
    }

    @Test
    void create_usesItsOwnPoolLargerThanThreadsPlusThree() {
        assertThat(settings("x").poolSize()).isGreaterThan(settings("x").threads() + 3);
        assertThat(PurserScheduler.Settings.defaults().instanceId()).isEqualTo("AUTO");
    }

    private long count(String sql) {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void await(Duration limit, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not done within " + limit);
            }
            Thread.sleep(100);
        }
    }

    /** Counts claims per run key, to see how often Quartz delivered each fire. */
    static final class CountingRuns implements JobRuns {
        final Map<String, AtomicInteger> claims = new ConcurrentHashMap<>();
        private final JobRuns delegate;

        CountingRuns(JobRuns delegate) {
            this.delegate = delegate;
        }

        @Override
        public OptionalLong claim(String job, String runKey, String cause, String instance, Instant scheduledFor,
                Instant startedAt, boolean recovering) {
            claims.computeIfAbsent(job + "/" + runKey, k -> new AtomicInteger()).incrementAndGet();
            return delegate.claim(job, runKey, cause, instance, scheduledFor, startedAt, recovering);
        }

        @Override
        public void finish(long id, boolean succeeded, long rows, String summary, String errorRef, String error,
                Instant finishedAt) {
            delegate.finish(id, succeeded, rows, summary, errorRef, error, finishedAt);
        }

        @Override
        public Optional<JobRunRecord> get(long id) {
            return delegate.get(id);
        }

        @Override
        public List<JobRunRecord> history(Optional<String> job, int limit) {
            return delegate.history(job, limit);
        }
    }
}
