package dev.purser.bot.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.schedule.MisfirePolicy;
import dev.purser.core.schedule.PurserScheduler;
import dev.purser.core.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime's one scheduler: a process that does not serve (the CLI approving a plan, say)
 * schedules one-off work into the database; the process that serves fires it.
 */
class RuntimeSchedulerTest {

    @TempDir
    Path home;

    @Test
    void scheduleOnce_fromAProcessThatDoesNotServe_firesInTheOneThatDoes() throws Exception {
        Map<String, String> env = Map.of("PURSER_HOME", home.toString(), "PURSER_DATABASE_URL",
                TestDatabase.freshJdbcUrl(), "PURSER_DATABASE_USER", "postgres");
        PurserSettings settings = PurserSettings.fromEnvironment(env, home);
        Instant due = Instant.now().plusSeconds(1);
        try (PurserRuntime cli = new PurserRuntime(settings, Clock.systemUTC())) {
            PurserScheduler scheduler = cli.scheduler();
            assertThat(scheduler.isStarted()).isFalse();
            assertThat(scheduler.scheduleOnce("probe", "plan-1:phase-1", due, Map.of("plan", "plan-1"),
                    MisfirePolicy.RUN_LATE)).isTrue();
        }
        List<Map<String, String>> fired = new CopyOnWriteArrayList<>();
        try (PurserRuntime serve = new PurserRuntime(settings, Clock.systemUTC())) {
            PurserScheduler scheduler = serve.scheduler();
            assertThat(serve.scheduler()).isSameAs(scheduler);
            scheduler.register("probe", f -> fired.add(f.data()));
            scheduler.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (fired.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        }
        assertThat(fired).containsExactly(Map.of("plan", "plan-1"));
    }
}
