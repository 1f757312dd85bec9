package dev.purser.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.schedule.JobRuns;
import dev.purser.core.testing.TestDatabase;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcJobRunsTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

    private PurserDatabase db;
    private JdbcJobRuns runs;

    @BeforeEach
    void setUp() {
        db = TestDatabase.fresh();
        runs = new JdbcJobRuns(db.dataSource());
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void claim_sameKeyTwice_secondGetsNothing() {
        assertThat(runs.claim("budget-check", "fire-1", "schedule", "a", T0, T0, false)).isPresent();
        assertThat(runs.claim("budget-check", "fire-1", "schedule", "b", T0, T0, false)).isEmpty();
        assertThat(runs.claim("budget-check", "fire-2", "schedule", "b", T0, T0, false)).isPresent();
    }

    @Test
    void claim_recovering_takesOverARunLeftRunning_butNotAFinishedOne() {
        long id = runs.claim("budget-check", "fire-1", "schedule", "a", T0, T0, false).orElseThrow();
        OptionalLong taken = runs.claim("budget-check", "fire-1", "recovery", "b", T0, T0.plusSeconds(20), true);
        assertThat(taken).hasValue(id);
        JobRuns.JobRunRecord r = runs.get(id).orElseThrow();
        assertThat(r.instance()).isEqualTo("b");
        assertThat(r.cause()).isEqualTo("recovery");
        assertThat(r.attempts()).isEqualTo(2);

        runs.finish(id, true, 3, "done", null, null, T0.plusSeconds(30));
        assertThat(runs.claim("budget-check", "fire-1", "recovery", "c", T0, T0.plusSeconds(40), true)).isEmpty();
    }

    @Test
    void history_newestFirst_withOutcomeRowsAndErrorReference() {
        long ok = runs.claim("a", "k1", "schedule", "n", T0, T0, false).orElseThrow();
        runs.finish(ok, true, 12, "12 rows", null, null, T0.plusSeconds(1));
        long bad = runs.claim("a", "k2", "manual:alice", "n", null, T0.plusSeconds(60), false).orElseThrow();
        runs.finish(bad, false, 0, null, "ab12cd34", "DigitalOcean rejected the token (401)", T0.plusSeconds(61));
        runs.claim("b", "k1", "schedule", "n", T0, T0.plusSeconds(120), false);

        assertThat(runs.history(Optional.of("a"), 10)).extracting(JobRuns.JobRunRecord::runKey).containsExactly("k2", "k1");
        JobRuns.JobRunRecord failed = runs.history(Optional.of("a"), 1).get(0);
        assertThat(failed.outcome()).isEqualTo("failed");
        assertThat(failed.errorRef()).isEqualTo("ab12cd34");
        assertThat(failed.scheduledFor()).isNull();
        assertThat(runs.history(Optional.empty(), 10)).extracting(JobRuns.JobRunRecord::job).containsExactly("b", "a", "a");
        assertThat(runs.get(ok).orElseThrow().rows()).isEqualTo(12L);
    }
}
