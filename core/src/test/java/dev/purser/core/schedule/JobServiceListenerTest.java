package dev.purser.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.error.PurserException;
import dev.purser.core.store.JdbcJobRuns;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The job-run metrics hear of every run this process finishes, with its outcome. */
class JobServiceListenerTest {

    private PurserDatabase db;

    @BeforeEach
    void open() {
        db = TestDatabase.fresh();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void eachFinishedRun_isToldWithItsOutcome_andAClaimedFireIsNot() {
        ScheduledJob budgets = new ScheduledJob("budget-check", JobKind.BUDGET_CHECK, "0 0 * * * ?", ZoneOffset.UTC,
                MisfirePolicy.RUN_LATE, null);
        ScheduledJob anomalies = new ScheduledJob("anomalies", JobKind.ANOMALIES, "0 0 * * * ?", ZoneOffset.UTC,
                MisfirePolicy.RUN_LATE, null);
        Map<JobKind, JobTask> tasks = Map.of(
                JobKind.BUDGET_CHECK, context -> new JobTask.Result(3, "3 budgets checked"),
                JobKind.ANOMALIES, context -> {
                    throw PurserException.badArgument("no spend history");
                });
        JobService service = new JobService(List.of(budgets, anomalies), tasks, new JdbcJobRuns(db.dataSource()), null,
                Clock.systemUTC(), "node-a");
        List<String> heard = new CopyOnWriteArrayList<>();
        service.onFinished((job, outcome) -> heard.add(job + "=" + outcome));

        service.runNow("budget-check", "alice");
        service.runNow("anomalies", "alice");
        Instant fire = Instant.parse("2026-12-06T06:00:00Z");
        service.runScheduled("budget-check", fire, false, "node-a");
        service.runScheduled("budget-check", fire, false, "node-b");

        assertThat(heard).containsExactly("budget-check=success", "anomalies=failure", "budget-check=success");
    }
}
