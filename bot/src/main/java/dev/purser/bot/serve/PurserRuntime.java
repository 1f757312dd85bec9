package dev.purser.bot.serve;

import dev.purser.bot.alerts.ChatAlertSender;
import dev.purser.bot.alerts.DispatcherCommandRunner;
import dev.purser.bot.chat.Buttons;
import dev.purser.bot.chat.JdbcButtons;
import dev.purser.bot.chat.LiveMessages;
import dev.purser.bot.discord.DiscordFace;
import dev.purser.bot.metrics.PurserMetrics;
import dev.purser.commands.AnswerCache;
import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.PurserCommands;
import dev.purser.core.alerts.PlanThreadNotes;
import dev.purser.core.cloud.http.RateLimitRecorder;
import dev.purser.core.config.Secret;
import dev.purser.core.engine.Engines;
import dev.purser.core.engine.PurserEngine;
import dev.purser.core.engine.SecretSource;
import dev.purser.core.execution.PlanPhaseTask;
import dev.purser.core.ingest.CostImporter;
import dev.purser.core.ingest.FocusImporter;
import dev.purser.core.query.PeriodParser;
import dev.purser.core.schedule.PurserScheduler;
import dev.purser.core.store.JdbcJobRuns;
import dev.purser.core.store.JdbcThreadNoteLedger;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The composition root: settings in, the engine and a command dispatcher out. The engine opens
 * the database on first use, so {@code purser help} never starts PostgreSQL; secrets are read from
 * the environment here, and only here, as the engine asks for them.
 */
public final class PurserRuntime implements AutoCloseable {

    private final PurserSettings settings;
    private final PurserEngine engine;
    private final PurserMetrics metrics = new PurserMetrics();
    private final CommandDispatcher dispatcher;
    private LiveMessages live;
    private ExecutorService liveUpdates;
    private PurserScheduler scheduler;
    private PlanThreadNotes threadNotes;
    // read without the lock by listeners on job threads, so closing (which waits for jobs) cannot deadlock
    private volatile PlanPhaseTask phases;
    private final Consumer<String> followPlans;

    public PurserRuntime(PurserSettings settings, Clock clock) {
        this(settings, clock, line -> { });
    }

    /**
     * @param notices start-up lines worth showing to whoever waits (such as waiting for another
     *                process to start the embedded database)
     */
    public PurserRuntime(PurserSettings settings, Clock clock, Consumer<String> notices) {
        this.settings = settings;
        Map<String, String> environment = settings.environment();
        SecretSource secrets = variable -> Secret.of(variable, environment.get(variable));
        // alerts go out through the chat APIs; jobs run commands (the monthly report) through the
        // dispatcher, which exists only once the registry over this engine does
        DispatcherCommandRunner commands = new DispatcherCommandRunner();
        ChatAlertSender chat = ChatAlertSender.create(settings.config().slack(), settings.config().discord(), secrets);
        this.engine = Engines.open(settings.config(), settings.analysisRules(), settings.importDirectories(),
                secrets, clock, notices, new Engines.Outbound(chat, commands));
        this.dispatcher = new CommandDispatcher(PurserCommands.registry(engine), metrics,
                engine.dataGeneration().map(g -> AnswerCache.over(g, clock)).orElse(AnswerCache.NONE));
        commands.bind(dispatcher);
        // computed only when /metrics is scraped, so commands run from the CLI never pay for it
        metrics.watch(engine);
        engine.jobs().ifPresent(jobs -> jobs.onFinished(metrics::jobRun));
        // each phase move is told in the thread of every chat copy of its plan's message, from
        // whichever process made the move (serve's scheduler, a CLI migration command)
        if (engine.plans().isPresent() && engine.audit().isPresent() && engine.database().isPresent()) {
            DataSource database = engine.database().get();
            threadNotes = new PlanThreadNotes(engine.plans().get(), engine.audit().get(),
                    subject -> LiveMessages.threads(database, subject), chat, new JdbcThreadNoteLedger(database),
                    clock, Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread t = new Thread(r, "purser-plan-threads");
                        t.setDaemon(true);
                        return t;
                    }));
            engine.subjectChanges().subscribe(threadNotes);
        }
        // a plan approved, paused, resumed or cancelled through any face in this process puts its
        // phase on (or off) the schedule in the database; the serving instance fires it
        this.followPlans = subject -> {
            if (subject.startsWith("plan:")) {
                planPhases().ifPresent(task -> task.listener().accept(subject));
            }
        };
        engine.subjectChanges().subscribe(followPlans);
        engine.plans().ifPresent(plans -> metrics.plansByState(() -> {
            try {
                return plans.list(true).stream()
                        .collect(Collectors.groupingBy(plan -> plan.state().word(), Collectors.counting()));
            } catch (RuntimeException e) {
                // a scrape while the database is away shows no plan samples rather than failing
                return Map.of();
            }
        }));
    }

    public PurserEngine engine() {
        return engine;
    }

    /** Purser's own metrics, fed by every command the dispatcher runs. */
    public PurserMetrics metrics() {
        return metrics;
    }

    public CommandDispatcher dispatcher() {
        return dispatcher;
    }

    /**
     * The chat faces' live messages, listening to the engine's subject changes: made on first
     * use (by {@code purser serve}), with one background thread for the updates; closing the
     * runtime stops listening.
     */
    public synchronized LiveMessages liveMessages() {
        if (live == null) {
            liveUpdates = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "purser-live");
                t.setDaemon(true);
                return t;
            });
            live = new LiveMessages(dataSource(), dispatcher, clock(), liveUpdates);
            engine.subjectChanges().subscribe(live);
        }
        return live;
    }

    /** Buttons kept in the database for a day, shared by every instance on it. */
    public Buttons buttons() {
        return new JdbcButtons(dataSource(), clock(), DiscordFace.BUTTON_TTL);
    }

    public PurserSettings settings() {
        return settings;
    }

    public Clock clock() {
        return engine.clock();
    }

    public PeriodParser periods() {
        return engine.periods();
    }

    /** The latest rate-limit figures each API returned, for {@code api_calls_remaining}. */
    public RateLimitRecorder rateLimits() {
        return engine.rateLimits();
    }

    /** Purser's database, opened (and migrated, and seeded with configured budgets) on first use. */
    public DataSource dataSource() {
        return engine.database().orElseThrow();
    }

    /** The engine's FOCUS importer, which the demo loads its files through. */
    public CostImporter focusImporter() {
        return engine.importers().get(FocusImporter.KIND);
    }

    /**
     * Purser's one scheduler over this runtime's database, built on first use and not started:
     * the composition root registers one-off handlers on it ({@link PurserScheduler#register}),
     * any process may {@link PurserScheduler#scheduleOnce schedule} work into the store, and
     * {@code purser serve} starts it. Closed with the runtime, waiting for running jobs.
     */
    public synchronized PurserScheduler scheduler() {
        if (scheduler == null) {
            scheduler = PurserScheduler.create(dataSource(), PurserScheduler.Settings.defaults(),
                    engine.jobs().orElseThrow(() -> new IllegalStateException("this engine has no jobs service")),
                    new JdbcJobRuns(dataSource()));
            if (engine.migration().isPresent() && engine.execution().isPresent()) {
                // a phase starts only with its own approvals in (a per-phase policy approves phases one by one)
                phases = PlanPhaseTask.register(engine.migration().get(), scheduler, engine.subjectChanges(),
                        engine.execution().get().phaseWork(), engine.plans().map(PlanPhaseTask.PhaseGate::approvals)
                                .orElse(PlanPhaseTask.PhaseGate.OPEN));
            }
        }
        return scheduler;
    }

    /**
     * The {@code plan-phase} task on this runtime's scheduler (which it builds), running phases
     * through the engine's {@link dev.purser.core.execution.PlanExecution}; empty for an engine
     * without plans or a scheduler.
     */
    public Optional<PlanPhaseTask> planPhases() {
        PlanPhaseTask task = phases;
        if (task != null) {
            return Optional.of(task);
        }
        if (engine.jobs().isEmpty() || engine.migration().isEmpty() || engine.execution().isEmpty()) {
            return Optional.empty();
        }
        scheduler();
        return Optional.ofNullable(phases);
    }

    /**
     * Brings every plan that has not ended in line with the schedule ({@link PlanPhaseTask#follow}):
     * {@code purser serve} calls it at start-up, so a plan approved while no Purser could schedule
     * it, or resumed by an older Purser, still runs.
     *
     * @return how many plans were followed
     */
    public int followPlans() {
        Optional<PlanPhaseTask> task = planPhases();
        if (task.isEmpty() || engine.plans().isEmpty()) {
            return 0;
        }
        int n = 0;
        for (dev.purser.core.plan.Plan plan : engine.plans().get().list(false)) {
            task.get().follow(plan.id());
            n++;
        }
        return n;
    }

    /**
     * Sends the plan-thread notes that earlier deliveries could not ({@link PlanThreadNotes#catchUp});
     * {@code purser serve} calls it at start-up.
     *
     * @return how many open plans were looked at
     */
    public int catchUpPlanThreads() {
        return threadNotes == null ? 0 : threadNotes.catchUp();
    }

    @Override
    public void close() {
        engine.subjectChanges().unsubscribe(followPlans);
        synchronized (this) {
            if (live != null) {
                engine.subjectChanges().unsubscribe(live);
                liveUpdates.shutdown();
            }
            if (scheduler != null) {
                scheduler.close();
                scheduler = null;
            }
            if (threadNotes != null) {
                engine.subjectChanges().unsubscribe(threadNotes);
                threadNotes.close();
                threadNotes = null;
            }
        }
        engine.close();
    }
}
