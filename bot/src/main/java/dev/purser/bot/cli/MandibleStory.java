package dev.purser.bot.cli;

import dev.purser.bot.serve.PurserRuntime;
import dev.purser.commands.Principal;
import dev.purser.commands.reply.Reply;
import dev.purser.core.alerts.PhaseMoveNotes;
import dev.purser.core.analysis.rightsizing.Recommendation;
import dev.purser.core.analysis.rightsizing.RecommendationKind;
import dev.purser.core.audit.AuditEntry;
import dev.purser.core.audit.AuditTrail;
import dev.purser.core.cloud.digitalocean.DigitalOceanClient;
import dev.purser.core.cloud.http.HttpSettings;
import dev.purser.core.cloud.http.RateLimitRecorder;
import dev.purser.core.cloud.prometheus.PrometheusClient;
import dev.purser.core.cloud.prometheus.PrometheusSettings;
import dev.purser.core.config.ConfigLoader;
import dev.purser.core.config.ExecutionConfig;
import dev.purser.core.config.IdentityConfig;
import dev.purser.core.demo.dosim.DigitalOceanSimulator;
import dev.purser.core.error.PurserException;
import dev.purser.core.execution.CompressedTime;
import dev.purser.core.execution.PlanExecution;
import dev.purser.core.execution.PlanPhaseTask;
import dev.purser.core.plan.MigrationService;
import dev.purser.core.plan.Phase;
import dev.purser.core.plan.PhaseStatus;
import dev.purser.core.plan.Plan;
import dev.purser.core.plan.PlanService;
import dev.purser.core.plan.PlanState;
import dev.purser.core.schedule.OneOffTask;
import dev.purser.core.store.JdbcExecutorCallJournal;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The mandible story of {@code purser demo}: sso-prod and mandible-prod right-sized to one node,
 * from the recommendations to a plan, signed off, rehearsed and run in its windows against the
 * in-process DigitalOcean simulator, until mandible-prod's p95 breaches its trigger during the soak
 * and is rolled back; then the audit trail is verified.
 *
 * <p>Everything goes through the real paths: {@code plan create}, {@code approve} and
 * {@code migration status} and {@code audit verify} through the dispatcher as the demo's people
 * (identities configured as {@code purser.yaml} configures them, acting through their
 * {@code os_user} as a shell user would); each phase through {@link PlanPhaseTask#run}, the state
 * machine and {@link PlanExecution} (live, its API clients pointed at the simulator). The demo is
 * the scheduler's stand-in: it waits for each phase's window in compressed time and fires the task
 * as Quartz would at the window; the runtime's own plan follower keeps the schedule in the store in
 * line with each move, so a later {@code purser serve} finds nothing left to fire.
 *
 * <p>Time: {@link CompressedTime}, {@link #FACTOR} times faster than the wall clock, drives the
 * simulator, the executors and the soak, so a day's soak passes in seconds; the quiet hours between
 * two windows are skipped ({@link StoryTime}). Each run makes a new plan (earlier ones stay, ended,
 * with their sign-offs and audit entries); the simulator starts afresh each time.
 */
final class MandibleStory {

    /** Compressed seconds per real second while a phase runs: about seven hours a second. */
    static final long FACTOR = 24_000;
    /** The window the plan is made for. */
    static final String WINDOW = "daily 02:00-04:00 UTC";
    static final String REQUESTER = "demo-carol";
    static final List<String> APPROVERS = List.of("demo-dana", "demo-erin");

    private static final HttpSettings ONE_ATTEMPT = new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(10), 1,
            Duration.ofMillis(10), Duration.ofMillis(10), Duration.ZERO);
    /** The trigger metrics of a database phase, as the simulator's Prometheus serves them. */
    private static final Map<String, String> QUERIES = Map.of(
            "query_p95_ms", "query_p95_ms{cluster=\"{resource}\"}",
            "cpu_percent", "cpu_percent{cluster=\"{resource}\"}",
            "memory_percent", "memory_percent{cluster=\"{resource}\"}",
            "connection_errors", "connection_errors{cluster=\"{resource}\"}",
            "connections", "connections{cluster=\"{resource}\"}");

    private final PurserRuntime runtime;
    private final PrintStream out;
    private final PrintStream err;
    private final Principal shell;
    private final List<IdentityConfig> people;
    private long shownUpTo;

    /** @param shell who reads the outcome (migration status, audit verify): the person running the demo */
    MandibleStory(PurserRuntime runtime, Principal shell, PrintStream out, PrintStream err) {
        this.runtime = runtime;
        this.shell = shell;
        this.out = out;
        this.err = err;
        this.people = identities();
    }

    /** The demo's people, read as {@code purser.yaml}'s {@code identities} section is. */
    static List<IdentityConfig> identities() {
        try (InputStream in = MandibleStory.class.getResourceAsStream("demo-identities.yaml")) {
            if (in == null) {
                throw new IllegalStateException("demo-identities.yaml is missing from the purser jar");
            }
            return ConfigLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "demo-identities.yaml",
                    java.nio.file.Path.of("")).identities();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Tells the story; returns the plan it made, or empty when a step was refused (the reason is
     * printed).
     */
    Optional<Long> run() {
        PlanService plans = runtime.engine().plans().orElseThrow();
        MigrationService migration = runtime.engine().migration().orElseThrow();
        AuditTrail audit = runtime.engine().audit().orElseThrow();
        out.println();
        out.println("=".repeat(78));
        out.println("mandible - the plan: sso-prod and mandible-prod to one node each, rehearsed on forks, signed off");
        out.println("by two approvers and run in its windows against an in-process DigitalOcean API (time compressed "
                + String.format(Locale.ROOT, "%,d", FACTOR) + "x)");
        out.println("=".repeat(78));

        List<String> ids = runtime.engine().rightsizing().orElseThrow().recommendations("mandible").stream()
                .filter(r -> r.kind() == RecommendationKind.DATABASE_CLUSTER).map(Recommendation::id).toList();
        Reply created = say(REQUESTER, "plan create " + String.join(" ", ids) + " --window \"" + WINDOW + "\"",
                "as carol, requester");
        if (created.isError() || created.live().isEmpty()) {
            return Optional.empty();
        }
        long id = Long.parseLong(created.live().get().subject().substring("plan:".length()));
        shownUpTo = audit.entries(Plan.subject(id)).stream().mapToLong(AuditEntry::sequence).max().orElse(0);

        say(REQUESTER, "approve " + id, "as carol, who requested it");
        for (int i = 0; i < 6 && !plans.tally(id).complete(); i++) {
            String who = APPROVERS.get(i % APPROVERS.size());
            Reply r = say(who, "approve " + id + " checked the decision matrix", "as " + name(who) + ", approver");
            if (r.isError() && !r.error().message().contains("already_decided")) {
                return Optional.of(id);
            }
        }
        if (plans.get(id).state() == PlanState.AWAITING_APPROVAL) {
            out.println("plan " + id + " is still awaiting approval under this configuration's policies; the story "
                    + "stops here");
            return Optional.of(id);
        }

        StoryTime time = new StoryTime(runtime.clock().instant());
        try (DigitalOceanSimulator sim = DigitalOceanSimulator.start(time).seedMandible()) {
            seedTriggerMetrics(sim);
            runPhases(id, migration, audit, time, sim);
        }

        say(shell, "migration status " + id, null);
        say(shell, "audit verify", null);
        out.println();
        out.println("Plan " + id + ", its sign-offs and its audit trail stay in the store: purser plan show " + id
                + ", purser audit show " + id);
        return Optional.of(id);
    }

    /**
     * The trigger and pre-check metrics the simulator does not seed itself, on both clusters and
     * their forks. CPU, memory and connections follow a day: lowest at 21:00 UTC, highest at 09:00,
     * at their mean at 03:00, so in the 02:00-04:00 window they are inside their p5-p95 band over the
     * last 14 days and the phases' {@code metrics_in_band} pre-checks hold, with real figures.
     */
    private static void seedTriggerMetrics(DigitalOceanSimulator sim) {
        for (String cluster : List.of("mandible-prod", "sso-prod")) {
            double cpu = cluster.equals("mandible-prod") ? 38 : 22;
            double connections = cluster.equals("mandible-prod") ? 42 : 18;
            sim.series(cluster, "cpu_percent", at -> daily(cpu, at));
            sim.series(cluster, "memory_percent", at -> daily(61, at));
            sim.series(cluster, "connections", at -> daily(connections, at));
            sim.steady(cluster, "connection_errors", 0);
            sim.forkSeries(cluster, "cpu_percent", at -> cpu * (1 + 0.02 * Math.sin(at.getEpochSecond() / 60.0)));
            sim.forkSeries(cluster, "memory_percent", at -> 61 * (1 + 0.02 * Math.sin(at.getEpochSecond() / 60.0)));
            sim.forkSeries(cluster, "connection_errors", at -> 0);
        }
    }

    /** {@code mean} swinging a quarter up and down over the day, at the mean at 03:00 UTC. */
    static double daily(double mean, Instant at) {
        double hours = (at.getEpochSecond() % 86_400) / 3600.0;
        return mean * (1 + 0.25 * Math.sin(2 * Math.PI * (hours - 3) / 24));
    }

    /**
     * Fires each scheduled phase at its window, as the scheduler would, until the plan ends or
     * stops for a person; prints each move as the plan's thread is told it.
     */
    private void runPhases(long id, MigrationService migration, AuditTrail audit, StoryTime time,
            DigitalOceanSimulator sim) {
        ExecutionConfig settings = ExecutionConfig.defaults().withMode(ExecutionConfig.LIVE)
                .withPrometheus(new ExecutionConfig.Prometheus(sim.baseUri(), QUERIES))
                .withTiming(new ExecutionConfig.Timing(Duration.ofHours(1), Duration.ofDays(2), Duration.ofDays(2),
                        Duration.ofMinutes(5), Duration.ofDays(2), Duration.ofSeconds(10)));
        PlanExecution execution = PlanExecution.create(settings, runtime.settings().home(), PlanExecution.Clients.of(
                new DigitalOceanClient(sim.baseUri(), DigitalOceanSimulator.TOKEN, ONE_ATTEMPT,
                        new RateLimitRecorder(), time, time.sleeper()),
                new PrometheusClient(sim.baseUri(), PrometheusSettings.defaults().withHttp(ONE_ATTEMPT), null, time,
                        time.sleeper())), new JdbcExecutorCallJournal(runtime.dataSource()), audit, time, time.sleeper(),
                runtime.engine().plans().orElseThrow()::locks);
        // the gate serve uses: a phase starts only with its own approvals in
        PlanPhaseTask task = new PlanPhaseTask(migration, runtime.scheduler(), runtime.engine().subjectChanges(),
                execution.phaseWork(), PlanPhaseTask.PhaseGate.approvals(runtime.engine().plans().orElseThrow()));
        out.println();
        out.println("Plan " + id + " runs in its windows; each move as its Slack and Discord threads are told it:");
        showMoves(id, audit);
        for (int guard = 0; guard < 10; guard++) {
            MigrationService.Status s = migration.status(id);
            Optional<PhaseStatus> next = s.current();
            if (s.plan().state().ended() || next.isEmpty() || next.get().state() != PlanState.SCHEDULED) {
                break;
            }
            Phase phase = s.plan().content().phases().get(next.get().number() - 1);
            Instant window = phase.window().start();
            time.skipTo(window);
            try {
                task.run(new OneOffTask.Firing(PlanPhaseTask.HANDLER, PlanPhaseTask.id(id, phase.number()), window,
                        time.instant(), Map.of("plan", Long.toString(id), "phase", Integer.toString(phase.number())),
                        false));
            } catch (PurserException | IllegalStateException e) {
                err.println("purser: phase " + phase.number() + " of plan " + id + " stopped: " + e.getMessage());
            }
            showMoves(id, audit);
        }
    }

    /**
     * The story's clock: {@link CompressedTime} from a start, which {@link #skipTo} moves forward to
     * a later instant (a window's opening) when nothing happens until then. One clock for the
     * simulator, the executors and the soak, so they agree across skips.
     */
    static final class StoryTime extends Clock {
        private volatile CompressedTime now;

        StoryTime(Instant start) {
            this.now = new CompressedTime(Clock.systemUTC(), start, FACTOR);
        }

        /** Goes on from {@code at}, if it is ahead; time never runs back. */
        void skipTo(Instant at) {
            if (at.isAfter(now.instant())) {
                now = new CompressedTime(Clock.systemUTC(), at, FACTOR);
            }
        }

        @Override
        public Instant instant() {
            return now.instant();
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        /** Sleeps {@code d} of compressed time. */
        dev.purser.core.cloud.http.Sleeper sleeper() {
            return d -> now.sleeper().sleep(d);
        }
    }

    /** Prints the phase moves recorded since the last call, as the thread notes render them. */
    private void showMoves(long id, AuditTrail audit) {
        Plan plan = runtime.engine().plans().orElseThrow().get(id);
        for (AuditEntry e : audit.entries(Plan.subject(id))) {
            if (e.sequence() <= shownUpTo) {
                continue;
            }
            shownUpTo = e.sequence();
            // a note too long for a title carries it whole as its first line
            PhaseMoveNotes.render(plan, e).ifPresent(note -> out.println("  " + (note.title().endsWith("…")
                    ? note.lines().get(0) : note.title())));
        }
    }

    /** Runs a command as one of the demo's people and prints it as the shell would show it. */
    private Reply say(String osUser, String line, String who) {
        return say(Principal.shell(osUser, people), line, who);
    }

    private Reply say(Principal p, String line, String who) {
        Reply reply = runtime.dispatcher().run(p, "cli", line);
        out.println();
        out.println("$ purser " + line + (who == null ? "" : "    # " + who));
        if (reply.isError()) {
            out.println("purser: " + reply.error().message());
        } else {
            out.println(line.startsWith("audit verify") ? reply.title() + "\n" + reply.summary() : reply.summary());
        }
        return reply;
    }

    private String name(String osUser) {
        return people.stream().filter(i -> osUser.equals(i.osUser())).map(IdentityConfig::principal).findFirst()
                .orElse(osUser);
    }
}
