package dev.purser.core.alerts;

import dev.purser.core.audit.AuditEntry;
import dev.purser.core.audit.AuditTrail;
import dev.purser.core.error.PurserException;
import dev.purser.core.plan.Plan;
import dev.purser.core.plan.PlanService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a plan's threads how its phases move: every chat copy of the plan's message (Slack,
 * Discord) gets one short message per phase transition (scheduled, running, verifying, done,
 * rolled back, failed, paused, cancelled) with the figures that decided it, rendered by
 * {@link PhaseMoveNotes} from the move's audit entry.
 *
 * <p>Once: listens to the engine's subject changes ({@code plan:7}); on each it reads the plan's
 * audit entries and, per thread, the moves recorded since the message was posted that the
 * {@link ThreadNoteLedger} has not seen; each is claimed in the ledger (keyed by the entry's
 * sequence and the thread) before it is sent, so a second instance or a restart never tells a
 * move twice. A delivery that fails (after the sender's own retries: rate limits, server errors)
 * gives its claim back and stops that thread's notes for now, so they stay in order; the plan is
 * tried again from there after {@link #FIRST_RETRY}, doubling up to {@link #LAST_RETRY} while it
 * keeps failing, or sooner at its next change; {@code purser serve} also {@link #catchUp catches
 * up} every open plan at start-up. An instance that dies between claim and delivery loses that one
 * note rather than risk posting it twice.
 *
 * <p>Threads: delivery waits on Slack or Discord, so it runs on its own executor, never in the
 * thread that moved the plan. {@link #close} lets what was announced finish (the CLI exits right
 * after a command).
 */
public final class PlanThreadNotes implements Consumer<String>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PlanThreadNotes.class);
    private static final String PREFIX = "plan:";
    /** The wait before a plan whose note failed is tried again; it doubles while it keeps failing. */
    public static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    /** How far back {@link #catchUp} looks for plans. */
    public static final Duration CATCH_UP = Duration.ofDays(90);
    /** The longest wait between two tries. */
    public static final Duration LAST_RETRY = Duration.ofMinutes(15);

    private final PlanService plans;
    private final AuditTrail audit;
    private final Function<String, List<PlanThread>> threads;
    private final ThreadSender sender;
    private final ThreadNoteLedger ledger;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final Duration firstRetry;
    // plans with a failed note: how many tries failed in a row, while a retry is scheduled
    private final Map<Long, Integer> failedTries = new ConcurrentHashMap<>();
    private final Map<Long, ScheduledFuture<?>> retries = new ConcurrentHashMap<>();

    /**
     * @param threads  where each subject's messages were posted
     * @param executor runs deliveries and retries; shut down by {@link #close}
     */
    public PlanThreadNotes(PlanService plans, AuditTrail audit, Function<String, List<PlanThread>> threads,
            ThreadSender sender, ThreadNoteLedger ledger, Clock clock, ScheduledExecutorService executor) {
        this(plans, audit, threads, sender, ledger, clock, executor, FIRST_RETRY);
    }

    /** As above, with the first retry after {@code firstRetry} (tests wait less than a minute). */
    public PlanThreadNotes(PlanService plans, AuditTrail audit, Function<String, List<PlanThread>> threads,
            ThreadSender sender, ThreadNoteLedger ledger, Clock clock, ScheduledExecutorService executor,
            Duration firstRetry) {
        this.plans = Objects.requireNonNull(plans, "plans");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.threads = Objects.requireNonNull(threads, "threads");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.firstRetry = Objects.requireNonNull(firstRetry, "firstRetry");
    }

    /**
     * Announces every plan created in the last {@link #CATCH_UP} days, ended ones included (a
     * rollback's note matters most), so notes that could not be delivered before, by this
     * instance or one that stopped, go out now.
     *
     * @return how many plans were announced
     */
    public int catchUp() {
        java.time.Instant since = clock.instant().minus(CATCH_UP);
        int n = 0;
        for (Plan plan : plans.list(true)) {
            if (plan.created().isAfter(since)) {
                accept(plan.subject());
                n++;
            }
        }
        return n;
    }

    @Override
    public void accept(String subject) {
        Optional<Long> id = planId(subject);
        if (id.isEmpty()) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    tell(id.get());
                } catch (RuntimeException e) {
                    LOG.warn("telling the threads of plan {} its moves failed", id.get(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("telling the threads of plan {} was turned away (shutting down)", id.get());
        }
    }

    /**
     * Tells every thread of the plan the moves it has not been told yet, now.
     *
     * @return how many notes were posted
     */
    public int tell(long planId) {
        String subject = Plan.subject(planId);
        List<PlanThread> where = threads.apply(subject);
        if (where.isEmpty()) {
            return 0;
        }
        List<AuditEntry> moves = audit.entries(subject).stream().filter(PhaseMoveNotes::isMove).toList();
        if (moves.isEmpty()) {
            return 0;
        }
        Plan plan = plans.get(planId);
        int sent = 0;
        boolean failed = false;
        for (PlanThread thread : where) {
            for (AuditEntry move : moves) {
                if (move.recordedAt().isBefore(thread.postedAt())) {
                    continue;
                }
                if (!ledger.claim(move.sequence(), subject, thread, clock.instant())) {
                    continue;
                }
                AlertMessage note = PhaseMoveNotes.render(plan, move).orElseThrow();
                try {
                    String reply = sender.reply(thread, note);
                    ledger.sent(move.sequence(), thread, reply, clock.instant());
                    sent++;
                } catch (PurserException e) {
                    ledger.release(move.sequence(), thread);
                    failed = true;
                    LOG.warn("plan {} move {} not told in {} {}/{} [ref {}]: {}; tried again later",
                            planId, move.sequence(), thread.platform(), thread.channel(), thread.messageId(),
                            e.referenceId(), e.getMessage());
                    break;
                }
            }
        }
        if (failed) {
            scheduleRetry(planId);
        } else {
            failedTries.remove(planId);
        }
        return sent;
    }

    private void scheduleRetry(long planId) {
        int tries = failedTries.merge(planId, 1, Integer::sum);
        Duration doubled = firstRetry.multipliedBy(1L << Math.min(tries - 1, 20));
        Duration cap = firstRetry.compareTo(LAST_RETRY) > 0 ? firstRetry : LAST_RETRY;
        Duration wait = doubled.compareTo(cap) > 0 ? cap : doubled;
        LOG.info("plan {}: thread notes tried again in {}", planId, wait);
        retries.compute(planId, (id, pending) -> {
            if (pending != null && !pending.isDone()) {
                return pending;
            }
            try {
                return executor.schedule(() -> {
                    retries.remove(planId);
                    try {
                        tell(planId);
                    } catch (RuntimeException e) {
                        LOG.warn("telling the threads of plan {} its moves failed", planId, e);
                    }
                }, wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                LOG.warn("plan {}: no retry of its thread notes (shutting down); left to the next start or change",
                        planId);
                return null;
            }
        });
    }

    /**
     * Stops taking announcements, drops pending retries and waits up to 15 seconds for the
     * deliveries already announced.
     */
    @Override
    public void close() {
        retries.values().forEach(r -> r.cancel(false));
        executor.shutdown();
        try {
            if (!executor.awaitTermination(15, TimeUnit.SECONDS)) {
                LOG.warn("plan thread notes still sending after 15 s; left to the next change of their plans");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Optional<Long> planId(String subject) {
        if (!subject.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(subject.substring(PREFIX.length())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
