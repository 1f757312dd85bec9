package dev.purser.core.execution;

import dev.purser.core.cloud.digitalocean.DigitalOceanClient;
import dev.purser.core.cloud.http.HttpSettings;
import dev.purser.core.cloud.http.RateLimitRecorder;
import dev.purser.core.cloud.http.Sleeper;
import dev.purser.core.demo.dosim.DigitalOceanSimulator;
import dev.purser.core.store.DatabaseSettings;
import dev.purser.core.store.JdbcExecutorCallJournal;
import dev.purser.core.store.PurserDatabase;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * A separate Purser process for {@link KillNineTest}: resizes mandible-prod to one node under the
 * given key against the given simulator and database, printing where it is, so the test can
 * {@code kill -9} it mid-poll and start another.
 *
 * <p>Arguments: JDBC URL, simulator base URL, idempotency key.
 */
public final class ResizeChild {

    private ResizeChild() {
    }

    public static void main(String[] args) {
        try (PurserDatabase db = PurserDatabase.open(new DatabaseSettings(args[0], "postgres", null,
                Path.of(System.getProperty("java.io.tmpdir"))))) {
            Clock clock = Clock.systemUTC();
            CallLedger ledger = new CallLedger(new JdbcExecutorCallJournal(db.dataSource()), new RecordingAuditTrail(),
                    clock, Sleeper.system(), Duration.ofMillis(200), "child-" + ProcessHandle.current().pid(),
                    Duration.ofMinutes(2));
            DigitalOceanClient client = new DigitalOceanClient(URI.create(args[1]), DigitalOceanSimulator.TOKEN,
                    new HttpSettings(Duration.ofSeconds(5), Duration.ofSeconds(5), 1, Duration.ofMillis(10),
                            Duration.ofMillis(10), Duration.ZERO), new RateLimitRecorder(), clock);
            DatabaseResizeExecutor executor = new DatabaseResizeExecutor(client, ledger);
            IdempotencyKey key = new IdempotencyKey(args[2], "plan:1");
            PreparedChange p = executor.prepare(ExecFixture.mandibleToOneNode());
            ExecutionResult applied = executor.apply(p, key);
            System.out.println("APPLIED " + applied.status() + " " + applied.message());
            System.out.flush();
            ExecutionResult done = executor.awaitSettled(p, key, clock.instant().plus(Duration.ofMinutes(2)));
            System.out.println("DONE " + done.status() + " " + done.message());
            System.out.flush();
        }
    }
}
