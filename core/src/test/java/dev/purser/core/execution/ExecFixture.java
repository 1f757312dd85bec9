package dev.purser.core.execution;

import dev.purser.core.analysis.rightsizing.Configuration;
import dev.purser.core.analysis.rightsizing.RightsizingChange;
import dev.purser.core.cloud.digitalocean.DigitalOceanClient;
import dev.purser.core.cloud.http.HttpSettings;
import dev.purser.core.cloud.http.RateLimitRecorder;
import dev.purser.core.demo.dosim.DigitalOceanSimulator;
import dev.purser.core.store.JdbcExecutorCallJournal;
import dev.purser.core.store.PurserDatabase;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/** One simulator, one journal, one recording audit trail and one stepping clock, wired together. */
final class ExecFixture implements AutoCloseable {

    static final Instant START = Instant.parse("2026-12-05T02:00:00Z");
    static final String MANDIBLE = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30";
    static final String SSO = "2a5e6c38-7f1d-4b8e-a0c2-5d9e41f7b6a1";
    static final long API_DROPLET = 3164444L;

    /** One attempt per request: the executors, not the client's retries, decide what a failure means. */
    static final HttpSettings ONE_ATTEMPT = new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(10), 1,
            Duration.ofMillis(10), Duration.ofMillis(10), Duration.ZERO);

    final SteppingClock clock = new SteppingClock(START);
    final DigitalOceanSimulator sim = DigitalOceanSimulator.start(clock);
    final RecordingAuditTrail audit = new RecordingAuditTrail();
    final JdbcExecutorCallJournal journal;
    final CallLedger ledger;
    final DigitalOceanClient client;

    ExecFixture(PurserDatabase db) {
        this(db, ONE_ATTEMPT);
    }

    ExecFixture(PurserDatabase db, HttpSettings settings) {
        journal = new JdbcExecutorCallJournal(db.dataSource());
        ledger = new CallLedger(journal, audit, clock, clock.sleeper(), Duration.ofSeconds(10), "test-instance",
                Duration.ofMinutes(2));
        client = client(sim.baseUri(), settings);
        sim.addCluster(MANDIBLE, "mandible-prod", "nyc3", "db-s-2vcpu-4gb", 2);
        sim.addCluster(SSO, "sso-prod", "nyc3", "db-s-1vcpu-2gb", 2);
        sim.addBackup(MANDIBLE, START.minus(Duration.ofHours(5)));
        sim.addDroplet(API_DROPLET, "mandible-api", "nyc3", "s-2vcpu-4gb");
    }

    DigitalOceanClient client(URI base, HttpSettings settings) {
        return new DigitalOceanClient(base, DigitalOceanSimulator.TOKEN, settings, new RateLimitRecorder(), clock,
                clock.sleeper());
    }

    static ChangeRequest clusterResize(String id, String name, String fromSize, int fromNodes, String toSize,
            int toNodes) {
        return new ChangeRequest(new Target(Target.Kind.DATABASE_CLUSTER, id, name), new RightsizingChange(
                Configuration.machine(fromSize, Double.NaN, Double.NaN, OptionalInt.of(fromNodes), Optional.empty()),
                Configuration.machine(toSize, Double.NaN, Double.NaN, OptionalInt.of(toNodes), Optional.empty())));
    }

    static ChangeRequest mandibleToOneNode() {
        return clusterResize(MANDIBLE, "mandible-prod", "db-s-2vcpu-4gb", 2, "db-s-2vcpu-4gb", 1);
    }

    static ChangeRequest dropletResize(long id, String from, String to) {
        return new ChangeRequest(new Target(Target.Kind.DROPLET, Long.toString(id), "mandible-api"),
                new RightsizingChange(Configuration.machine(from, Double.NaN, Double.NaN, OptionalInt.empty(),
                        Optional.empty()), Configuration.machine(to, Double.NaN, Double.NaN, OptionalInt.empty(),
                                Optional.empty())));
    }

    static IdempotencyKey key(String value) {
        return new IdempotencyKey(value, "plan:1");
    }

    @Override
    public void close() {
        sim.close();
    }
}
