package dev.purser.core.execution;

import dev.purser.core.audit.AuditTrail;
import dev.purser.core.cloud.digitalocean.DigitalOceanClient;
import dev.purser.core.cloud.http.HttpSettings;
import dev.purser.core.cloud.http.RateLimitRecorder;
import dev.purser.core.cloud.http.Sleeper;
import dev.purser.core.cloud.prometheus.PrometheusClient;
import dev.purser.core.cloud.prometheus.PrometheusSettings;
import dev.purser.core.config.ExecutionConfig;
import dev.purser.core.config.PrometheusConfig;
import dev.purser.core.config.Secret;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.UsageSeries;
import dev.purser.core.plan.MigrationService;
import dev.purser.core.plan.Phase;
import dev.purser.core.plan.PhaseTarget;
import dev.purser.core.plan.Plan;
import dev.purser.core.plan.ResourceLock;
import dev.purser.core.plan.Trigger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How an approved plan's phases really run: from the {@code execution} settings, the executor call
 * journal, the audit trail, a clock and a sleeper, it builds the {@link PlanPhaseTask.PhaseWork} the
 * {@code plan-phase} task runs and the {@link MigrationService.PhaseReverter} that
 * {@code migration rollback} undoes a done phase with.
 *
 * <p>Choosing the executor: each phase target's {@link dev.purser.core.plan.PlannedChange#executor()
 * executor name} picks it: {@code digitalocean.database.resize} a {@link DatabaseResizeExecutor},
 * {@code digitalocean.droplet.resize} a {@link DropletResizeExecutor}, {@code gitops.compose} a
 * {@link GitOpsExecutor} on {@code execution.gitops.compose_file}, {@code gitops.kubernetes} one on the
 * manifest holding the workload ({@link KubernetesManifests}); in {@code dry-run} mode each is
 * wrapped in a {@link DryRunExecutor}, which reads the target but sends and writes nothing. A phase
 * marked {@link Phase#rehearsal()} runs {@link DatabaseRehearsal} per target (fork from the latest
 * backup, resize the fork, check it, delete it); in dry-run mode the rehearsal's calls are only
 * journalled. An executor Purser does not have ({@code manual}) fails the
 * phase with a message saying so.
 *
 * <p>Keys: a phase of one target runs under the phase's key ({@code plan:7/phase:2/apply}); a phase
 * of several targets runs each under {@code .../apply/target-N}, in order, so a resumed phase finds
 * the targets already changed in the journal. When a later target's soak breaches and it is rolled
 * back, the targets changed before it in the same phase are rolled back too (last first): a phase
 * is undone as a whole.
 *
 * <p>Pre-checks: before a phase's first executor call, {@link PreCheckEvaluator} evaluates the
 * phase's pre-checks (backup age, metrics in band, other plans' locks from the {@code locks} given
 * to {@link #create}); one that does not hold stops the phase with nothing changed (paused for a
 * person, or retried at a rate limit's reset).
 *
 * <p>Metrics: a trigger's metric is read from Prometheus when {@code execution.prometheus.queries}
 * has a query for it (the resource's name put for {@code {resource}}); a droplet's
 * {@code cpu_percent} otherwise from DigitalOcean monitoring. A trigger with neither is a gap: the
 * soak cannot verify the change and a person is asked, unless {@code require_every_trigger} is
 * false, in which case it is left out and the phase's result names it.
 *
 * <p>Time: every wait (polls, the soak) goes through the given clock and sleeper, so the demo's
 * {@link CompressedTime} runs a 30-minute soak in seconds. Clients are made on first use, so a
 * Purser without a DigitalOcean token starts, and a phase that needs one fails saying which variable
 * to set.
 */
public final class PlanExecution {

    /** Executor names a phase target may carry, as {@link dev.purser.core.plan.PlanBuilder} writes them. */
    public static final String DATABASE_RESIZE = DatabaseResizeExecutor.NAME;
    public static final String DATABASE_REHEARSAL = "digitalocean.database.rehearsal";
    public static final String DROPLET_RESIZE = DropletResizeExecutor.NAME;
    public static final String GITOPS_COMPOSE = GitOpsExecutor.NAME;
    public static final String GITOPS_KUBERNETES = GitOpsExecutor.KUBERNETES;

    /**
     * Where executors' API clients come from. Implementations make them on first use and keep them.
     */
    public interface Clients {

        /**
         * @throws PurserException BAD_ARGUMENT naming the variable when the token is not set
         */
        DigitalOceanClient digitalOcean();

        /** Prometheus, when one is configured. */
        Optional<PrometheusClient> prometheus();

        /** Clients made already (the demo's and tests', against a simulator); {@code prometheus} may be null. */
        static Clients of(DigitalOceanClient digitalOcean, PrometheusClient prometheus) {
            Objects.requireNonNull(digitalOcean, "digitalOcean");
            return new Clients() {
                @Override
                public DigitalOceanClient digitalOcean() {
                    return digitalOcean;
                }

                @Override
                public Optional<PrometheusClient> prometheus() {
                    return Optional.ofNullable(prometheus);
                }
            };
        }

        /**
         * Clients from the configuration: DigitalOcean at {@code execution.digitalocean.base_url}
         * with the token from {@code execution.digitalocean.token_env}; Prometheus at
         * {@code execution.prometheus.url}, else the {@code prometheus} section's URL, with its
         * token. The DigitalOcean client makes one attempt per request: the executors, not the
         * client, decide what a failure means (a resize is never re-sent blindly).
         *
         * @param secrets variable name → its secret (the engine's {@code SecretSource::secret})
         */
        static Clients fromConfig(ExecutionConfig execution, PrometheusConfig prometheus,
                Function<String, Secret> secrets,
                RateLimitRecorder rateLimits, Clock clock, Sleeper sleeper) {
            Objects.requireNonNull(execution, "execution");
            Objects.requireNonNull(prometheus, "prometheus");
            Objects.requireNonNull(secrets, "secrets");
            HttpSettings oneAttempt = new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(30), 1,
                    Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO);
            Supplier<DigitalOceanClient> digitalOcean = memo(() -> {
                Secret token = secrets.apply(execution.digitalocean().tokenEnv());
                if (!token.isPresent()) {
                    throw PurserException.badArgument("running plan phases needs a DigitalOcean token in the "
                            + "environment variable " + token.variable() + " (execution.digitalocean.token_env); "
                            + "it is not set");
                }
                return new DigitalOceanClient(execution.digitalocean().baseUrl(), token.reveal(), oneAttempt,
                        rateLimits, clock, sleeper);
            });
            URI url = execution.prometheus().url() != null ? execution.prometheus().url() : prometheus.url();
            Supplier<Optional<PrometheusClient>> prom = memo(() -> url == null ? Optional.empty()
                    : Optional.of(new PrometheusClient(url, PrometheusSettings.defaults(),
                            secrets.apply(prometheus.tokenEnv()).revealOrNull(), clock, sleeper)));
            return new Clients() {
                @Override
                public DigitalOceanClient digitalOcean() {
                    return digitalOcean.get();
                }

                @Override
                public Optional<PrometheusClient> prometheus() {
                    return prom.get();
                }
            };
        }

        private static <T> Supplier<T> memo(Supplier<T> make) {
            return new Supplier<>() {
                private T value;

                @Override
                public synchronized T get() {
                    if (value == null) {
                        value = make.get();
                    }
                    return value;
                }
            };
        }
    }

    private final ExecutionConfig config;
    private final Path home;
    private final Clients clients;
    private final CallLedger ledger;
    private final Clock clock;
    private final Sleeper sleeper;
    private final PreCheckEvaluator preChecks;

    private PlanExecution(ExecutionConfig config, Path home, Clients clients, CallLedger ledger, Clock clock,
            Sleeper sleeper, Supplier<List<ResourceLock>> locks) {
        this.config = config;
        this.home = home;
        this.clients = clients;
        this.ledger = ledger;
        this.clock = clock;
        this.sleeper = sleeper;
        this.preChecks = new PreCheckEvaluator(config, clients, locks, ledger);
    }

    /**
     * @param config  the {@code execution} section
     * @param home    Purser's home, where GitOps output goes unless configured elsewhere
     * @param clients the API clients ({@link Clients#fromConfig}, or a simulator's)
     * @param journal where every executor call is recorded before it is sent
     * @param audit   where every call and phase step is appended
     * @param clock   "now" for the journal, the soak and the deadlines ({@link CompressedTime} in the demo)
     * @param sleeper how polls and the soak wait (the compressed time's sleeper in the demo)
     */
    public static PlanExecution create(ExecutionConfig config, Path home, Clients clients, ExecutorCallJournal journal,
            AuditTrail audit, Clock clock, Sleeper sleeper) {
        return create(config, home, clients, journal, audit, clock, sleeper, null);
    }

    /**
     * As {@link #create(ExecutionConfig, Path, Clients, ExecutorCallJournal, AuditTrail, Clock, Sleeper)},
     * with the store's resource locks for the {@code no_other_plan_lock} pre-check.
     *
     * @param locks the locks held now ({@code PlanService::locks}); null holds every phase with a
     *              lock check, since a lock check is never skipped
     */
    public static PlanExecution create(ExecutionConfig config, Path home, Clients clients, ExecutorCallJournal journal,
            AuditTrail audit, Clock clock, Sleeper sleeper, Supplier<List<ResourceLock>> locks) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(clients, "clients");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        CallLedger ledger = new CallLedger(journal, audit, clock, sleeper, config.timing().pollInterval(),
                "purser-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8),
                Duration.ofMinutes(2));
        return new PlanExecution(config, home.toAbsolutePath().normalize(), clients, ledger, clock, sleeper, locks);
    }

    /** What {@link PlanPhaseTask} runs for a phase: {@link #run}. */
    public PlanPhaseTask.PhaseWork phaseWork() {
        return new PlanPhaseTask.PhaseWork() {
            @Override
            public PhaseRunner.Outcome run(Plan plan, Phase phase, IdempotencyKey key) {
                return PlanExecution.this.run(plan, phase, key);
            }

            @Override
            public PhaseRunner.Outcome run(Plan plan, Phase phase, IdempotencyKey key,
                    java.util.function.Consumer<Baseline> soakStarting) {
                return PlanExecution.this.run(plan, phase, key, soakStarting);
            }
        };
    }

    /** What {@code migration rollback} undoes a done phase with: {@link #revert}. */
    public MigrationService.PhaseReverter reverter() {
        return this::revert;
    }

    /** What {@code migration applied} records a person's GitOps change with: {@link #markApplied}. */
    public MigrationService.PhaseApplier applier() {
        return this::markApplied;
    }

    /**
     * Records that {@code actor} applied the files the phase's GitOps targets wrote, so the phase
     * polling for them goes on to its soak.
     *
     * @return what was marked
     * @throws PurserException BAD_ARGUMENT when the phase has no GitOps target; NOT_FOUND or
     *         BAD_ARGUMENT when nothing was written or it is not waiting (from the executor)
     */
    public String markApplied(Plan plan, Phase phase, String actor) {
        IdempotencyKey key = PlanPhaseTask.key(plan.id(), phase.number());
        List<String> marked = new ArrayList<>();
        for (int i = 0; i < phase.targets().size(); i++) {
            PhaseTarget t = phase.targets().get(i);
            if (!t.change().executor().equals(GITOPS_COMPOSE) && !t.change().executor().equals(GITOPS_KUBERNETES)) {
                continue;
            }
            gitops().markApplied(targetKey(key, phase, i), actor);
            marked.add(t.name());
        }
        if (marked.isEmpty()) {
            throw PurserException.badArgument("phase " + phase.number() + " (" + phase.name() + ") changes nothing "
                    + "through GitOps: Purser makes its change itself, nothing waits to be marked applied");
        }
        return String.join(", ", marked);
    }

    /** Whether executors really call providers and write files ({@code execution.mode: live}). */
    public boolean live() {
        return config.live();
    }

    /** The journal, audit trail and time every executor here shares. */
    public CallLedger ledger() {
        return ledger;
    }

    /**
     * Runs one phase: its executor per target, the soak and, on a breach, the rollback; or, for a
     * rehearsal phase, the rehearsal on forks.
     *
     * @param key the phase's key, {@link PlanPhaseTask#key}
     * @throws PurserException when a target cannot be changed by any executor here, a token is
     *         missing, or a change does not match the target's current state (the task fails the phase)
     */
    public PhaseRunner.Outcome run(Plan plan, Phase phase, IdempotencyKey key) {
        return run(plan, phase, key, b -> { });
    }

    /**
     * {@link #run(Plan, Phase, IdempotencyKey)}, telling {@code soakStarting} the baseline once,
     * when the phase's first change has settled and its soak starts (not for a rehearsal, whose
     * soaks are on forks).
     */
    public PhaseRunner.Outcome run(Plan plan, Phase phase, IdempotencyKey key,
            java.util.function.Consumer<Baseline> soakStarting) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(soakStarting, "soakStarting");
        Optional<PreCheckEvaluator.Report> checked = preCheck(plan, phase, key);
        Optional<PhaseRunner.Outcome> held = checked.flatMap(r -> PreCheckEvaluator.stop(r, plan, phase));
        if (held.isPresent()) {
            return held.get();
        }
        PhaseRunner.Outcome o = phase.rehearsal() ? rehearse(phase, key) : apply(phase, key, soakStarting);
        List<String> unmeasured = checked.map(r -> r.unmeasured().stream().map(f -> f.label() + " on " + f.target())
                .toList()).orElse(List.of());
        return unmeasured.isEmpty() ? o : new PhaseRunner.Outcome(o.result(), o.message() + " (pre-check not measured, "
                + "no metric source configured: " + String.join(", ", unmeasured) + ")", o.retryAt(), o.baseline(),
                o.verdict(), o.steps());
    }

    /**
     * Evaluates the phase's pre-checks, right before its first change; empty when a call of this
     * phase is in the journal already (a resumed run: the change was started after they held, and
     * judging it again by metrics it may have moved itself would be wrong).
     */
    private Optional<PreCheckEvaluator.Report> preCheck(Plan plan, Phase phase, IdempotencyKey key) {
        if (phase.preChecks().isEmpty()) {
            return Optional.empty();
        }
        List<Target> targets = phase.targets().stream().map(t -> request(t).target()).toList();
        for (int i = 0; i < targets.size(); i++) {
            String k = targetKey(key, phase, i).value();
            Target t = targets.get(i);
            boolean started = ledger.journal().find(k + "/fork").isPresent() || ledger.journal()
                    .forTarget(t.kindName(), t.id()).stream().anyMatch(c -> c.key().equals(k) || c.key().startsWith(k + "/"));
            if (started) {
                return Optional.empty();
            }
        }
        return Optional.of(preChecks.evaluate(plan, phase, targets, key));
    }

    /**
     * Undoes a done phase: the inverse change of each target, last first, through the same executor
     * under {@code <target key>/rollback}, polled until {@code rollback_deadline}.
     *
     * @return what was done, for the reply and the audit trail
     * @throws PurserException EXTERNAL_API_ERROR when an inverse change did not settle
     */
    public String revert(Plan plan, Phase phase) {
        if (phase.rehearsal()) {
            return "phase " + phase.number() + " (" + phase.name() + ") changed only forks, deleted after the "
                    + "rehearsal: nothing to undo";
        }
        IdempotencyKey key = PlanPhaseTask.key(plan.id(), phase.number());
        List<String> done = new ArrayList<>();
        for (int i = phase.targets().size() - 1; i >= 0; i--) {
            PhaseTarget t = phase.targets().get(i);
            Executor executor = executorFor(t);
            PreparedChange p = executor.prepare(request(t));
            ExecutionResult r = executor.rollback(p, targetKey(key, phase, i), ledger.now()
                    .plus(config.timing().rollbackDeadline()));
            if (r.status() != ExecutionResult.Status.SETTLED) {
                throw new PurserException(ErrorCode.EXTERNAL_API_ERROR, "putting " + t.name() + " back to "
                        + t.change().change().from().setting().label() + " did not finish: " + r.message()
                        + (done.isEmpty() ? "" : " (already put back: " + String.join("; ", done) + ")"));
            }
            done.add(t.name() + " back to " + t.change().change().from().setting().label() + " (" + r.message() + ")");
        }
        return (config.live() ? "" : "dry run: ") + String.join("; ", done);
    }

    // ------------------------------------------------------------------ apply phases

    private PhaseRunner.Outcome apply(Phase phase, IdempotencyKey key, java.util.function.Consumer<Baseline> soakStarting) {
        boolean[] told = {false};
        java.util.function.Consumer<Baseline> once = b -> {
            if (!told[0]) {
                told[0] = true;
                soakStarting.accept(b);
            }
        };
        List<PhaseTarget> targets = phase.targets();
        List<PhaseRunner.Outcome> outcomes = new ArrayList<>();
        List<Executor> executors = new ArrayList<>();
        List<PreparedChange> prepared = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            PhaseTarget t = targets.get(i);
            Executor executor = executorFor(t);
            PreparedChange p = executor.prepare(request(t));
            Target target = p.target();
            List<Trigger> triggers = new ArrayList<>();
            List<String> unchecked = new ArrayList<>();
            for (Trigger trigger : phase.triggers()) {
                if (config.requireEveryTrigger() || measurable(target, trigger.metric())) {
                    triggers.add(trigger);
                } else {
                    unchecked.add(trigger.canonical());
                }
            }
            PhaseRunner runner = new PhaseRunner(executor, new SoakEvaluator(metrics(target), clock, sleeper), ledger);
            PhaseRunner.Outcome o = runner.run(p, targetKey(key, phase, i), t.name(), triggers, timing(phase), once);
            if (!unchecked.isEmpty()) {
                o = new PhaseRunner.Outcome(o.result(), o.message() + " (not checked, no metric source configured: "
                        + String.join(", ", unchecked) + ")", o.retryAt(), o.baseline(), o.verdict(), o.steps());
            }
            outcomes.add(o);
            executors.add(executor);
            prepared.add(p);
            if (o.result() != PhaseRunner.Result.DONE) {
                if (o.result() == PhaseRunner.Result.ROLLED_BACK && i > 0) {
                    return undoEarlier(key, phase, executors, prepared, outcomes);
                }
                return combine(outcomes, o.result(), o.retryAt());
            }
        }
        return combine(outcomes, PhaseRunner.Result.DONE, Optional.empty());
    }

    /** A later target breached and was rolled back: the targets changed before it go back too, last first. */
    private PhaseRunner.Outcome undoEarlier(IdempotencyKey key, Phase phase, List<Executor> executors,
            List<PreparedChange> prepared, List<PhaseRunner.Outcome> outcomes) {
        List<ExecutionResult> extra = new ArrayList<>();
        boolean allBack = true;
        List<String> said = new ArrayList<>();
        for (int i = executors.size() - 2; i >= 0; i--) {
            ExecutionResult back = executors.get(i).rollback(prepared.get(i), targetKey(key, phase, i),
                    ledger.now().plus(config.timing().rollbackDeadline()));
            extra.add(back);
            String name = prepared.get(i).target().name();
            if (back.status() == ExecutionResult.Status.SETTLED) {
                said.add(name + " rolled back too (" + back.message() + ")");
            } else {
                allBack = false;
                said.add(name + " could NOT be rolled back: " + back.message() + ". A person must put it back now");
            }
        }
        List<PhaseRunner.Outcome> all = new ArrayList<>(outcomes);
        PhaseRunner.Outcome last = outcomes.get(outcomes.size() - 1);
        all.set(all.size() - 1, new PhaseRunner.Outcome(last.result(), last.message() + "; " + String.join("; ", said),
                last.retryAt(), last.baseline(), last.verdict(), concat(last.steps(), extra)));
        return combine(all, allBack ? PhaseRunner.Result.ROLLED_BACK : PhaseRunner.Result.ROLLBACK_FAILED,
                Optional.empty());
    }

    private static PhaseRunner.Outcome combine(List<PhaseRunner.Outcome> outcomes, PhaseRunner.Result result,
            Optional<Instant> retryAt) {
        PhaseRunner.Outcome last = outcomes.get(outcomes.size() - 1);
        if (outcomes.size() == 1) {
            return new PhaseRunner.Outcome(result, last.message(), retryAt, last.baseline(), last.verdict(),
                    last.steps());
        }
        List<String> messages = new ArrayList<>();
        List<ExecutionResult> steps = new ArrayList<>();
        for (PhaseRunner.Outcome o : outcomes) {
            messages.add(o.message());
            steps.addAll(o.steps());
        }
        return new PhaseRunner.Outcome(result, String.join("; ", messages), retryAt, last.baseline(), last.verdict(),
                steps);
    }

    private PhaseRunner.Timing timing(Phase phase) {
        ExecutionConfig.Timing t = config.timing();
        return new PhaseRunner.Timing(t.baselineWindow(), t.settleDeadline(), phase.soak(), t.checkInterval(),
                t.rollbackDeadline());
    }

    // ------------------------------------------------------------------ rehearsals

    private PhaseRunner.Outcome rehearse(Phase phase, IdempotencyKey key) {
        List<PhaseRunner.Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < phase.targets().size(); i++) {
            PhaseTarget t = phase.targets().get(i);
            ChangeRequest request = request(t);
            if (request.target().kind() != Target.Kind.DATABASE_CLUSTER) {
                throw PurserException.badArgument("a rehearsal forks database clusters; " + t.name() + " is "
                        + request.target().kindName());
            }
            DatabaseResizeExecutor resizer = new DatabaseResizeExecutor(clients.digitalOcean(), ledger);
            PreparedChange change = resizer.prepare(request);
            IdempotencyKey k = targetKey(key, phase, i);
            PhaseRunner.Outcome o = config.live() ? rehearseLive(phase, change, k) : rehearseDry(resizer, change, k);
            outcomes.add(o);
            if (o.result() != PhaseRunner.Result.DONE) {
                return combine(outcomes, o.result(), o.retryAt());
            }
        }
        return combine(outcomes, PhaseRunner.Result.DONE, Optional.empty());
    }

    private PhaseRunner.Outcome rehearseLive(Phase phase, PreparedChange change, IdempotencyKey key) {
        Target source = change.target();
        SoakEvaluator soak = new SoakEvaluator(metrics(source), clock, sleeper);
        List<Trigger> triggers = phase.triggers().stream()
                .filter(tr -> config.requireEveryTrigger() || measurable(source, tr.metric())).toList();
        ExecutionConfig.Timing t = config.timing();
        DatabaseRehearsal.Report report = new DatabaseRehearsal(clients.digitalOcean(), ledger, soak).rehearse(change,
                key, triggers, new DatabaseRehearsal.Timing(t.forkDeadline(), t.settleDeadline(), phase.soak(),
                        t.checkInterval(), t.baselineWindow()));
        return outcome(report, ledger.now().plus(retryDelay()));
    }

    /**
     * What a rehearsal came to, as a phase outcome: passed is done; a breach on the fork stops the
     * plan as a rollback would (the fork, the only thing changed, is gone); no data asks a person;
     * the figures it measured go into the outcome's one step.
     */
    static PhaseRunner.Outcome outcome(DatabaseRehearsal.Report r, Instant retryAt) {
        PhaseRunner.Result result = switch (r.outcome()) {
            case PASSED -> PhaseRunner.Result.DONE;
            case BREACHED -> PhaseRunner.Result.ROLLED_BACK;
            case NO_DATA, ASK_PERSON -> PhaseRunner.Result.ASK_PERSON;
            case FAILED -> PhaseRunner.Result.FAILED;
            case RETRY_LATER -> PhaseRunner.Result.RETRY_LATER;
        };
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("fork_name", r.forkName());
        r.forkId().ifPresent(id -> facts.put("fork_id", id));
        r.backupAt().ifPresent(at -> facts.put("backup_at", at.toString()));
        r.forkReadyIn().ifPresent(d -> facts.put("fork_ready_seconds", Long.toString(d.toSeconds())));
        r.resizeTook().ifPresent(d -> facts.put("resize_seconds", Long.toString(d.toSeconds())));
        r.checks().ifPresent(v -> facts.put("checks", v.outcome().name().toLowerCase(Locale.ROOT)));
        facts.put("fork_deleted", Boolean.toString(r.forkDeleted()));
        ExecutionResult.Status status = switch (result) {
            case DONE -> ExecutionResult.Status.SETTLED;
            case RETRY_LATER -> ExecutionResult.Status.RETRY_LATER;
            case ASK_PERSON -> ExecutionResult.Status.ASK_PERSON;
            case ROLLED_BACK, ROLLBACK_FAILED, FAILED -> ExecutionResult.Status.FAILED;
        };
        Optional<Instant> retry = result == PhaseRunner.Result.RETRY_LATER ? Optional.of(retryAt) : Optional.empty();
        String message = r.message();
        if (r.outcome() == DatabaseRehearsal.Outcome.BREACHED) {
            message = message + "; the plan stops before production";
        }
        ExecutionResult step = new ExecutionResult(status, message, retry, status == ExecutionResult.Status.ASK_PERSON
                || !r.forkDeleted(), facts);
        return new PhaseRunner.Outcome(result, message, retry, Optional.empty(), r.checks(), List.of(step));
    }

    private PhaseRunner.Outcome rehearseDry(DatabaseResizeExecutor resizer, PreparedChange change,
            IdempotencyKey key) {
        Target t = change.target();
        String fork = DatabaseRehearsal.forkName(t.name(), key);
        List<PlannedCall> calls = new ArrayList<>();
        calls.add(new PlannedCall("POST", "/v2/databases", "{\"name\":\"" + fork
                + "\",\"backup_restore\":{\"database_name\":\"" + t.name() + "\"}}"));
        change.calls().forEach(c -> calls.add(new PlannedCall(c.method(), c.path().replace(t.id(), "{fork id}"),
                c.body())));
        calls.add(new PlannedCall("DELETE", "/v2/databases/{fork id}", ""));
        PreparedChange asRehearsal = new PreparedChange(DATABASE_REHEARSAL, change.forward(), change.inverse(),
                Duration.ZERO, calls, change.notes());
        ExecutionResult r = new DryRunExecutor(resizer, ledger).apply(asRehearsal, key);
        String message = "dry run: would fork " + t.name() + " from its latest backup as " + fork + ", resize the fork to "
                + change.forward().change().to().setting().label() + ", check it and delete it";
        return new PhaseRunner.Outcome(PhaseRunner.Result.DONE, message, Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(r));
    }

    private Duration retryDelay() {
        Duration poll = config.timing().pollInterval();
        return poll.compareTo(Duration.ofMinutes(1)) > 0 ? poll : Duration.ofMinutes(1);
    }

    // ------------------------------------------------------------------ targets, executors, metrics

    /**
     * The executor for a phase target: the real one in live mode, wrapped in a dry run otherwise.
     *
     * @throws PurserException BAD_ARGUMENT when Purser has no executor for the target's change
     */
    public Executor executorFor(PhaseTarget t) {
        Executor real = switch (t.change().executor()) {
            case DATABASE_RESIZE -> new DatabaseResizeExecutor(clients.digitalOcean(), ledger);
            case DROPLET_RESIZE -> new DropletResizeExecutor(clients.digitalOcean(), ledger);
            case GITOPS_COMPOSE -> gitops();
            case GITOPS_KUBERNETES -> GitOpsExecutor.kubernetes(gitopsSource(), config.gitops().outputDir(home), ledger);
            default -> throw PurserException.badArgument("Purser has no executor for " + t.change().executor()
                    + " (" + t.name() + "): make the change to " + t.change().label() + " by hand, then cancel or "
                    + "re-plan this plan");
        };
        return config.live() ? real : new DryRunExecutor(real, ledger);
    }

    private GitOpsExecutor gitops() {
        return new GitOpsExecutor(gitopsSource(), config.gitops().outputDir(home), ledger);
    }

    /** The typed change a phase target asks for, on the target its executor changes. */
    public ChangeRequest request(PhaseTarget t) {
        Target target = switch (t.change().executor()) {
            case DATABASE_RESIZE, DATABASE_REHEARSAL -> new Target(Target.Kind.DATABASE_CLUSTER, t.resourceId(),
                    t.name());
            case DROPLET_RESIZE -> new Target(Target.Kind.DROPLET, t.resourceId(), t.name());
            case GITOPS_COMPOSE -> {
                gitopsSource();
                yield new Target(Target.Kind.COMPOSE_SERVICE, config.gitops().composeFile(), t.name());
            }
            case GITOPS_KUBERNETES -> new Target(Target.Kind.KUBERNETES_CONTAINER,
                    new KubernetesManifests(gitopsSource(), config.gitops().outputDir(home), config.gitops())
                            .locate(t.resourceId()), t.resourceId());
            default -> throw PurserException.badArgument("Purser has no executor for " + t.change().executor()
                    + " (" + t.name() + "): make the change to " + t.change().label() + " by hand, then cancel or "
                    + "re-plan this plan");
        };
        return new ChangeRequest(target, t.change().change());
    }

    private Path gitopsSource() {
        Path source = config.gitops().sourceDir();
        if (source == null) {
            throw PurserException.badArgument("a GitOps change needs execution.gitops.source_dir, the "
                    + "checkout holding the compose file or Kubernetes manifests; it is not configured");
        }
        return source;
    }

    /** Whether some configured source gives this metric for this target. */
    private boolean measurable(Target target, String metric) {
        boolean prometheus = config.prometheus().queries().containsKey(metric) && clients.prometheus().isPresent();
        boolean droplet = target.kind() == Target.Kind.DROPLET && DropletCpuMetricSource.METRIC.equals(metric);
        return prometheus || droplet;
    }

    /**
     * The target's metrics: Prometheus for the metrics a query is configured for (the resource's
     * name put for {@code {resource}}), DigitalOcean monitoring for a droplet's CPU, and nothing
     * (a gap the soak reports) for the rest.
     */
    private MetricSource metrics(Target target) {
        Map<String, String> queries = config.prometheus().queries();
        return new MetricSource() {
            @Override
            public String describe() {
                return clients.prometheus().map(PrometheusClient::toString).orElse("DigitalOcean monitoring");
            }

            @Override
            public List<UsageSeries.Sample> samples(String resource, String metric, Instant from, Instant to) {
                Optional<PrometheusClient> prometheus = clients.prometheus();
                if (queries.containsKey(metric) && prometheus.isPresent()) {
                    return new PrometheusMetricSource(prometheus.get(), queries, config.timing().checkInterval())
                            .samples(resource, metric, from, to);
                }
                if (target.kind() == Target.Kind.DROPLET && DropletCpuMetricSource.METRIC.equals(metric)) {
                    return new DropletCpuMetricSource(clients.digitalOcean()).samples(target.id(), metric, from, to);
                }
                return List.of();
            }
        };
    }

    /** {@code key} for a phase of one target; {@code key/target-N} for the N-th of several. */
    static IdempotencyKey targetKey(IdempotencyKey key, Phase phase, int index) {
        return phase.targets().size() == 1 ? key : key.child("target-" + (index + 1));
    }

    private static List<ExecutionResult> concat(List<ExecutionResult> a, List<ExecutionResult> b) {
        List<ExecutionResult> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
