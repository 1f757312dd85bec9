package dev.purser.core.plan;

import dev.purser.core.cloud.digitalocean.DigitalOceanClient;
import dev.purser.core.cloud.http.HttpSettings;
import dev.purser.core.cloud.http.RateLimitRecorder;
import dev.purser.core.cloud.http.Sleeper;
import dev.purser.core.cloud.prometheus.PrometheusClient;
import dev.purser.core.cloud.prometheus.PrometheusSettings;
import dev.purser.core.config.ExecutionConfig;
import dev.purser.core.demo.dosim.DigitalOceanSimulator;
import dev.purser.core.execution.PlanExecution;
import dev.purser.core.execution.PlanPhaseTask;
import dev.purser.core.live.SubjectChanges;
import dev.purser.core.schedule.JobService;
import dev.purser.core.schedule.PurserScheduler;
import dev.purser.core.store.DatabaseSettings;
import dev.purser.core.store.JdbcAuditTrail;
import dev.purser.core.store.JdbcExecutorCallJournal;
import dev.purser.core.store.JdbcJobRuns;
import dev.purser.core.store.JdbcMigrationStore;
import dev.purser.core.store.JdbcPlanStore;
import dev.purser.core.store.PurserDatabase;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A separate Purser process for {@link PlanPhaseKillNineTest}: one clustered scheduler instance with
 * the {@code plan-phase} task registered over the composition ({@link PlanExecution}, live, against
 * the simulator), as {@code purser serve} has it. It fires whatever phase is due and runs until it
 * is killed.
 *
 * <p>Arguments: JDBC URL, simulator base URL, scheduler instance id.
 */
public final class PhaseTaskChild {

    private PhaseTaskChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        PurserDatabase db = PurserDatabase.open(new DatabaseSettings(args[0], "postgres", null, tmp));
        Clock clock = Clock.systemUTC();
        URI sim = URI.create(args[1]);
        String instance = args[2];
        HttpSettings oneAttempt = new HttpSettings(Duration.ofSeconds(5), Duration.ofSeconds(5), 1,
                Duration.ofMillis(10), Duration.ofMillis(10), Duration.ZERO);
        JdbcAuditTrail audit = new JdbcAuditTrail(db.dataSource(), clock);
        ExecutionConfig config = ExecutionConfig.defaults().withMode(ExecutionConfig.LIVE)
                .withRequireEveryTrigger(false)
                .withPrometheus(new ExecutionConfig.Prometheus(null,
                        Map.of("query_p95_ms", "query_p95_ms{cluster=\"{resource}\"}")))
                .withTiming(new ExecutionConfig.Timing(Duration.ofMinutes(10), Duration.ofMinutes(2),
                        Duration.ofMinutes(2), Duration.ofSeconds(1), Duration.ofMinutes(2), Duration.ofMillis(200)));
        PlanExecution execution = PlanExecution.create(config, tmp, PlanExecution.Clients.of(
                new DigitalOceanClient(sim, DigitalOceanSimulator.TOKEN, oneAttempt, new RateLimitRecorder(), clock),
                new PrometheusClient(sim, PrometheusSettings.defaults().withHttp(oneAttempt), null, clock,
                        Sleeper.system())),
                new JdbcExecutorCallJournal(db.dataSource()), audit, clock, Sleeper.system(),
                new JdbcPlanStore(db.dataSource())::locks);
        JdbcPlanStore plans = new JdbcPlanStore(db.dataSource());
        MigrationService migration = new MigrationService(plans, new JdbcMigrationStore(db.dataSource(), plans), audit,
                clock, execution.reverter());
        JdbcJobRuns runs = new JdbcJobRuns(db.dataSource());
        // a generous misfire threshold: the phase is due while this JVM is still starting
        PurserScheduler scheduler = PurserScheduler.create(db.dataSource(), new PurserScheduler.Settings("purser",
                instance, 2, Duration.ofSeconds(1), Duration.ofMinutes(1)),
                new JobService(List.of(), Map.of(), runs, null, clock, instance), runs);
        PlanPhaseTask.register(migration, scheduler, new SubjectChanges(), execution.phaseWork());
        scheduler.start();
        System.out.println("STARTED " + instance);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
