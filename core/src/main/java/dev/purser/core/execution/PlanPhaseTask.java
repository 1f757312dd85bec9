package dev.purser.core.execution;

import dev.purser.core.error.PurserException;
import dev.purser.core.live.SubjectChanges;
import dev.purser.core.plan.MigrationService;
import dev.purser.core.plan.Phase;
import dev.purser.core.plan.PhaseStatus;
import dev.purser.core.plan.Plan;
import dev.purser.core.plan.PlanService;
import dev.purser.core.plan.PlanState;
import dev.purser.core.schedule.MisfirePolicy;
import dev.purser.core.schedule.OneOffTask;
import dev.purser.core.schedule.PurserScheduler;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code plan-phase} one-off task: when an approved plan's phase window starts, runs the phase
 * and moves the plan's state machine by what came of it, then schedules the next phase.
 *
 * <p>Once only: Quartz fires a one-off task on one instance of the cluster, and the task first
 * moves the phase from scheduled to running in the plan's row lock; an instance that finds it
 * anywhere else (run already, paused, cancelled) does nothing. A firing Quartz recovers after its
 * instance died re-enters a running phase; the executor calls carry the idempotency key
 * {@code plan:N/phase:K/apply}, recorded before each call, so a change the provider already
 * accepted is not issued again.
 *
 * <p>Windows: each phase is scheduled at its window's start with {@link MisfirePolicy#SKIP}; a
 * window that passed while no Purser ran is not started late: the phase and plan are paused with
 * that reason, for a person to resume.
 *
 * <p>Following plans: {@link #follow} makes the plan's pending trigger match its state, whichever
 * process or face moved it: an approved plan is scheduled; a scheduled plan whose current phase has
 * no pending trigger (it was resumed) is armed at the phase's window if that is still ahead, at
 * once if an occurrence of the plan's maintenance window is open now, else at the window's next
 * occurrence; a paused, cancelled or ended plan has its pending phase triggers removed.
 * {@link #listener()} does this for every {@code plan:N} the engine announces.
 */
public final class PlanPhaseTask implements OneOffTask {

    public static final String HANDLER = "plan-phase";
    static final String PLAN = "plan";
    static final String PHASE = "phase";
    static final String RESUMING = "resuming";

    private static final Logger LOG = LoggerFactory.getLogger(PlanPhaseTask.class);

    /**
     * Whether a phase may start when its window opens: empty when it may, else why not. A phase
     * refused is paused with that reason, for a person to resume once it holds.
     */
    @FunctionalInterface
    public interface PhaseGate {
        /** Lets every phase start (plans whose approvals were checked elsewhere, tests). */
        PhaseGate OPEN = (plan, phase) -> Optional.empty();

        Optional<String> refusal(Plan plan, int phase);

        /**
         * A phase starts only with its approvals in, as they count now (an approval given for a
         * per-phase policy, not expired): a plan approved for its first phase does not run its
         * second on that approval alone.
         */
        static PhaseGate approvals(PlanService plans) {
            Objects.requireNonNull(plans, "plans");
            return (plan, phase) -> plans.tally(plan.id()).requirements().stream()
                    .filter(r -> r.phase() == phase && !r.satisfied()).findFirst()
                    .map(r -> "phase " + phase + " does not have its approvals (" + r.line() + "): approve it with "
                            + "approve " + plan.id() + " --phase " + phase + ", then migration resume " + plan.id());
        }
    }

    /** Runs one phase: its executor, its soak and, on a breach, its rollback. */
    @FunctionalInterface
    public interface PhaseWork {
        PhaseRunner.Outcome run(Plan plan, Phase phase, IdempotencyKey key);

        /**
         * The same, telling {@code soakStarting} the baseline when the change has settled and its
         * soak starts, so the phase is verifying while it soaks; work that cannot say when ignores it.
         */
        default PhaseRunner.Outcome run(Plan plan, Phase phase, IdempotencyKey key,
                java.util.function.Consumer<Baseline> soakStarting) {
            return run(plan, phase, key);
        }
    }

    private final MigrationService migration;
    private final PurserScheduler scheduler;
    private final SubjectChanges changes;
    private final PhaseWork work;
    private final PhaseGate gate;
    // Quartz fires on the wall clock, so whether a window is still ahead is judged on it too
    private final Clock wall = Clock.systemUTC();

    /** @param changes told {@code plan:N} after each move, so the plan's chat messages are re-rendered */
    public PlanPhaseTask(MigrationService migration, PurserScheduler scheduler, SubjectChanges changes, PhaseWork work) {
        this(migration, scheduler, changes, work, PhaseGate.OPEN);
    }

    /** @param gate checked when a phase's window opens, before it starts */
    public PlanPhaseTask(MigrationService migration, PurserScheduler scheduler, SubjectChanges changes, PhaseWork work,
            PhaseGate gate) {
        this.migration = Objects.requireNonNull(migration, "migration");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.changes = Objects.requireNonNull(changes, "changes");
        this.work = Objects.requireNonNull(work, "work");
        this.gate = Objects.requireNonNull(gate, "gate");
    }

    /** Registers the task on this instance's scheduler (every instance does, so any may fire it). */
    public static PlanPhaseTask register(MigrationService migration, PurserScheduler scheduler, SubjectChanges changes,
            PhaseWork work) {
        return register(migration, scheduler, changes, work, PhaseGate.OPEN);
    }

    /** As {@link #register(MigrationService, PurserScheduler, SubjectChanges, PhaseWork)}, with a gate. */
    public static PlanPhaseTask register(MigrationService migration, PurserScheduler scheduler, SubjectChanges changes,
            PhaseWork work, PhaseGate gate) {
        PlanPhaseTask task = new PlanPhaseTask(migration, scheduler, changes, work, gate);
        scheduler.register(HANDLER, task);
        return task;
    }

    /** {@code plan:7/phase:2}: the one-off task's id. */
    public static String id(long plan, int phase) {
        return "plan:" + plan + "/phase:" + phase;
    }

    /** {@code plan:7/phase:2/apply}, the key every executor call of the phase carries. */
    public static IdempotencyKey key(long plan, int phase) {
        return new IdempotencyKey(id(plan, phase) + "/apply", Plan.subject(plan));
    }

    /**
     * Puts an approved plan on the schedule and schedules its first scheduled phase at its window.
     *
     * @return false when the plan was not approved (another instance scheduled it already)
     */
    public boolean schedule(long planId) {
        Optional<MigrationService.Status> s = migration.schedule(planId, MigrationService.SCHEDULER);
        s.flatMap(MigrationService.Status::current).ifPresent(p -> scheduleAt(s.get().plan(), p.number()));
        s.ifPresent(x -> changes.changed(Plan.subject(planId)));
        return s.isPresent();
    }

    private void scheduleAt(Plan plan, int phase) {
        Phase p = plan.content().phases().get(phase - 1);
        scheduler.scheduleOnce(HANDLER, id(plan.id(), phase), p.window().start(),
                Map.of(PLAN, Long.toString(plan.id()), PHASE, Integer.toString(phase)), MisfirePolicy.SKIP);
    }

    /**
     * Makes the plan's pending trigger match its state (see the class comment). Safe to call any
     * number of times, from any process: scheduling an id already scheduled changes nothing.
     *
     * @throws PurserException NOT_FOUND when there is no such plan
     */
    public void follow(long planId) {
        MigrationService.Status s = migration.status(planId);
        Plan plan = s.plan();
        switch (plan.state()) {
            case APPROVED -> schedule(planId);
            case SCHEDULED -> s.current().filter(p -> p.state() == PlanState.SCHEDULED)
                    .ifPresent(p -> arm(plan, p.number()));
            case PAUSED, CANCELLED, REJECTED, DONE, ROLLED_BACK, FAILED -> disarm(plan, s.phases());
            case AWAITING_APPROVAL, RUNNING, VERIFYING -> {
                // nothing to arm: approvals are open, or a phase is mid-change and schedules the next itself
            }
        }
    }

    /**
     * Follows every {@code plan:N} announced; other subjects are ignored. A failure is logged, not
     * thrown: the announcer's change is committed already, and the next announcement or
     * {@code purser serve}'s start-up follows the plan again.
     */
    public Consumer<String> listener() {
        return subject -> {
            if (!subject.startsWith("plan:")) {
                return;
            }
            long id;
            try {
                id = Long.parseLong(subject.substring("plan:".length()));
            } catch (NumberFormatException e) {
                return;
            }
            try {
                follow(id);
            } catch (PurserException e) {
                LOG.warn("could not bring the schedule of plan {} in line with its state: {}", id, e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("could not bring the schedule of plan {} in line with its state: {}", id, e.getMessage(), e);
            }
        };
    }

    /** Arms a scheduled phase that has no pending trigger: its window, an open window now, or the next one. */
    private void arm(Plan plan, int number) {
        if (scheduler.onceDue(HANDLER, id(plan.id(), number)).isPresent()) {
            return;
        }
        Phase phase = plan.content().phases().get(number - 1);
        Instant now = wall.instant();
        Instant at;
        if (phase.window().start().isAfter(now)) {
            at = phase.window().start();
        } else if (now.isBefore(phase.window().end())) {
            at = now;
        } else {
            dev.purser.core.plan.MaintenanceWindow w = plan.content().window();
            dev.purser.core.plan.WindowSlot open = w.next(now.minus(w.length()));
            at = !open.start().isAfter(now) && now.isBefore(open.end()) ? now : w.next(now).start();
        }
        if (scheduler.scheduleOnce(HANDLER, id(plan.id(), number), at, Map.of(PLAN, Long.toString(plan.id()), PHASE,
                Integer.toString(number)), MisfirePolicy.SKIP)) {
            LOG.info("plan {} phase {} armed for {} (its planned window {} {})", plan.id(), number, at,
                    phase.window().label(), phase.window().start().isAfter(now) ? "is ahead" : "has passed");
        }
    }

    /** Removes the pending triggers of a plan that is not to run now. */
    private void disarm(Plan plan, List<PhaseStatus> phases) {
        for (PhaseStatus p : phases) {
            if (scheduler.cancelOnce(HANDLER, id(plan.id(), p.number()))) {
                LOG.info("plan {} is {}: the trigger of phase {} is removed", plan.id(), plan.state().word(),
                        p.number());
            }
        }
    }

    /** When the plan's phase is due to fire, if it is armed. */
    public Optional<Instant> due(long planId, int phase) {
        return scheduler.onceDue(HANDLER, id(planId, phase));
    }

    @Override
    public void run(Firing firing) {
        long planId = Long.parseLong(firing.data().get(PLAN));
        int number = Integer.parseInt(firing.data().get(PHASE));
        boolean resuming = firing.recovering() || firing.data().containsKey(RESUMING);
        if (!resuming && held(planId, number, firing)) {
            return;
        }
        Optional<MigrationService.Status> started = migration.advance(planId, number, PlanState.SCHEDULED,
                PlanState.RUNNING, PlanState.RUNNING, "window opened at " + firing.scheduledFor(),
                MigrationService.SCHEDULER, Map.of("window_start", firing.scheduledFor().toString()));
        MigrationService.Status status;
        if (started.isPresent()) {
            status = started.get();
            changes.changed(Plan.subject(planId));
        } else {
            status = migration.status(planId);
            PhaseStatus now = status.phases().get(number - 1);
            if (!(resuming && (now.state() == PlanState.RUNNING || now.state() == PlanState.VERIFYING))) {
                LOG.info("plan {} phase {} is {}, not scheduled: not started by this firing", planId, number,
                        now.state().word());
                return;
            }
            LOG.info("plan {} phase {} resumes (its last run stopped mid-way); calls already accepted are not repeated",
                    planId, number);
        }
        Plan plan = status.plan();
        Phase phase = plan.content().phases().get(number - 1);
        PhaseRunner.Outcome outcome;
        try {
            outcome = work.run(plan, phase, key(planId, number), b -> soakStarting(planId, number, b));
        } catch (PurserException | IllegalStateException e) {
            migration.advance(planId, number, now(planId, number), PlanState.FAILED, PlanState.FAILED,
                    "the phase stopped with an error: " + e.getMessage(), MigrationService.SCHEDULER, Map.of());
            changes.changed(Plan.subject(planId));
            throw e;
        }
        record(plan, number, outcome);
        changes.changed(Plan.subject(planId));
    }

    /** A scheduled phase the gate refuses is paused with the reason; true when it was held. */
    private boolean held(long planId, int number, Firing firing) {
        MigrationService.Status s = migration.status(planId);
        if (s.phases().get(number - 1).state() != PlanState.SCHEDULED) {
            return false;
        }
        Optional<String> refused = gate.refusal(s.plan(), number);
        if (refused.isEmpty()) {
            return false;
        }
        Optional<MigrationService.Status> paused = migration.advance(planId, number, PlanState.SCHEDULED,
                PlanState.PAUSED, PlanState.PAUSED, "not started at its window " + firing.scheduledFor() + ": "
                        + refused.get(), MigrationService.SCHEDULER, Map.of("window_start",
                                firing.scheduledFor().toString()));
        paused.ifPresent(x -> changes.changed(Plan.subject(planId)));
        LOG.warn("plan {} phase {} held: {}", planId, number, refused.get());
        return true;
    }

    /** The change settled and its soak starts: the phase is verifying while it soaks. */
    private void soakStarting(long planId, int number, Baseline baseline) {
        Map<String, String> f = new LinkedHashMap<>();
        baselineFigures(baseline, f);
        toVerifying(planId, number, f).ifPresent(x -> changes.changed(Plan.subject(planId)));
    }

    private PlanState now(long planId, int number) {
        return migration.status(planId).phases().get(number - 1).state();
    }

    /**
     * A change that was applied and soaked before it was rolled back (or its rollback failed) went
     * through verifying, as a done one does; work that could not say when its soak started has that
     * move recorded now, with the baseline.
     *
     * @return the state the phase is in now, where the ending move starts from
     */
    private PlanState soaked(long id, int number, PhaseRunner.Outcome o, Map<String, String> figures) {
        PlanState now = now(id, number);
        if (o.verdict().isEmpty() || now != PlanState.RUNNING) {
            return now;
        }
        toVerifying(id, number, figures);
        return PlanState.VERIFYING;
    }

    /** Running to verifying; nothing when the phase is elsewhere (it moved there when its soak started). */
    private Optional<MigrationService.Status> toVerifying(long id, int number, Map<String, String> figures) {
        return migration.advance(id, number, PlanState.RUNNING, PlanState.VERIFYING, PlanState.VERIFYING,
                "change applied; soak started", MigrationService.SCHEDULER, figures);
    }

    private void record(Plan plan, int number, PhaseRunner.Outcome o) {
        long id = plan.id();
        boolean last = number == plan.content().phases().size();
        Map<String, String> figures = figures(o);
        switch (o.result()) {
            case DONE -> {
                toVerifying(id, number, figures);
                migration.advance(id, number, PlanState.VERIFYING, PlanState.DONE,
                        last ? PlanState.DONE : PlanState.SCHEDULED, o.message(), MigrationService.SCHEDULER, figures);
                if (!last) {
                    MigrationService.Status s = migration.status(id);
                    if (s.phases().get(number).state() == PlanState.SCHEDULED) {
                        scheduleAt(s.plan(), number + 1);
                    }
                }
            }
            case ROLLED_BACK -> migration.advance(id, number, soaked(id, number, o, figures), PlanState.ROLLED_BACK,
                    PlanState.ROLLED_BACK, o.message(), MigrationService.SCHEDULER, figures);
            case ROLLBACK_FAILED, FAILED -> migration.advance(id, number, soaked(id, number, o, figures),
                    PlanState.FAILED, PlanState.FAILED, o.message(), MigrationService.SCHEDULER, figures);
            case ASK_PERSON -> migration.advance(id, number, now(id, number), PlanState.PAUSED, PlanState.PAUSED,
                    o.message(), MigrationService.SCHEDULER, figures);
            case RETRY_LATER -> {
                Instant at = o.retryAt().orElseThrow(() -> new IllegalStateException("retry later without a time"));
                scheduler.scheduleOnce(HANDLER, id(id, number) + "/retry@" + at.toEpochMilli(), at,
                        Map.of(PLAN, Long.toString(id), PHASE, Integer.toString(number), RESUMING, "true"),
                        MisfirePolicy.RUN_LATE);
            }
            default -> throw new IllegalStateException("unknown phase result " + o.result());
        }
    }

    /**
     * A window that passed while no Purser ran: the phase is not started late; it and the plan are
     * paused with the reason, and {@code migration resume} lets them run at a later window.
     */
    @Override
    public void missed(Firing firing) {
        long planId = Long.parseLong(firing.data().get(PLAN));
        int number = Integer.parseInt(firing.data().get(PHASE));
        Optional<MigrationService.Status> paused = migration.advance(planId, number, PlanState.SCHEDULED,
                PlanState.PAUSED, PlanState.PAUSED, "its window opened at " + firing.scheduledFor()
                        + " while no Purser was running; not started late. Resume with migration resume " + planId,
                MigrationService.SCHEDULER, Map.of("window_start", firing.scheduledFor().toString(),
                        "fired_at", firing.firedAt().toString()));
        paused.ifPresent(x -> changes.changed(Plan.subject(planId)));
        LOG.warn("plan {} phase {} missed its window {}{}", planId, number, firing.scheduledFor(),
                paused.isPresent() ? "; paused" : "; it was not scheduled any more");
    }

    /**
     * The numbers that decided a move, flat so the audit entry (and the thread message made from
     * it) reads them by name: the baseline per metric, the soak's verdict, the trigger that fired
     * with its limit, first and peak values and samples, and each executor step's words and facts.
     */
    private static void baselineFigures(Baseline b, Map<String, String> f) {
        StringBuilder t = new StringBuilder();
        b.values().forEach((m, v) -> {
            t.append(t.length() == 0 ? "" : ", ").append(m).append('=').append(Breach.num(v));
            f.put("baseline." + m, Breach.num(v));
        });
        b.samples().forEach((m, n) -> f.put("baseline_samples." + m, Integer.toString(n)));
        f.put("baseline", t.length() == 0 ? "none (" + String.join("; ", b.gaps()) + ")" : t.toString());
        f.put("baseline_window", b.from() + ".." + b.to());
    }

    static Map<String, String> figures(PhaseRunner.Outcome o) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("result", o.result().name().toLowerCase(java.util.Locale.ROOT));
        o.baseline().ifPresent(b -> baselineFigures(b, f));
        o.verdict().ifPresent(v -> {
            f.put("verdict", v.describe());
            f.put("soak_outcome", v.outcome().name().toLowerCase(java.util.Locale.ROOT));
            f.put("soak_window", v.from() + ".." + v.to());
            f.put("soak_samples", Integer.toString(v.observed().values().stream().mapToInt(Integer::intValue).sum()));
            if (!v.breaches().isEmpty()) {
                Breach b = v.breaches().get(0);
                f.put("trigger", b.trigger().canonical());
                f.put("trigger_metric", b.trigger().metric());
                b.baseline().ifPresent(x -> f.put("trigger_baseline", Breach.num(x)));
                f.put("limit", Breach.num(b.limit()));
                f.put("first", Breach.num(b.first()));
                f.put("peak", Breach.num(b.peak()));
                f.put("samples", Integer.toString(b.samples()));
                f.put("breach_window", b.from() + ".." + b.to());
            }
        });
        List<ExecutionResult> steps = o.steps();
        f.put("steps", Integer.toString(steps.size()));
        // what the executors measured (polls, took_seconds, downtime_seconds, fork_ready_seconds, ...)
        for (ExecutionResult step : steps) {
            step.facts().forEach(f::putIfAbsent);
        }
        for (int i = 0; i < steps.size(); i++) {
            ExecutionResult r = steps.get(i);
            String k = "step." + (i + 1);
            f.put(k, r.status().name().toLowerCase(java.util.Locale.ROOT) + ": " + r.message());
            r.facts().forEach((name, value) -> f.put(k + "." + name, value));
        }
        if (!steps.isEmpty()) {
            f.put("executor", steps.get(steps.size() - 1).message());
        }
        return f;
    }
}
