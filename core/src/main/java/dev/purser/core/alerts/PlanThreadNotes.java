package dev.purser.core.alerts;

import dev.purser.core.audit.AuditEntry;
import dev.purser.core.audit.AuditTrail;
import dev.purser.core.error.PurserException;
import dev.purser.core.plan.Plan;
import dev.purser.core.plan.PlanService;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
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
 * gives its claim back and stops that thread's notes for now, so they stay in order; the next
 * change of the plan tries again from there. An instance that dies between claim and delivery
 * loses that one note rather than risk posting it twice.
 *
 * <p>Threads: delivery waits on Slack or Discord, so it runs on its own executor, never in the
 * thread that moved the plan. {@link #close} lets what was announced finish (the CLI exits right
 * after a command).
 */
public final class PlanThreadNotes implements Consumer<String>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PlanThreadNotes.class);
    private static final String PREFIX = "plan:";

    private final PlanService plans;
    private final AuditTrail audit;
    private final Function<String, List<PlanThread>> threads;
    private final ThreadSender sender;
    private final ThreadNoteLedger ledger;
    private final Clock clock;
    private final ExecutorService executor;

    /**
     * @param threads  where each subject's messages were posted
     * @param executor runs deliveries; shut down by {@link #close}
     */
    public PlanThreadNotes(PlanService plans, AuditTrail audit, Function<String, List<PlanThread>> threads,
            ThreadSender sender, ThreadNoteLedger ledger, Clock clock, ExecutorService executor) {
        this.plans = Objects.requireNonNull(plans, "plans");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.threads = Objects.requireNonNull(threads, "threads");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executor = Objects.requireNonNull(executor, "executor");
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
                    LOG.warn("plan {} move {} not told in {} {}/{} [ref {}]: {}; tried again at the plan's next change",
                            planId, move.sequence(), thread.platform(), thread.channel(), thread.messageId(),
                            e.referenceId(), e.getMessage());
                    break;
                }
            }
        }
        return sent;
    }

    /** Stops taking announcements and waits up to 15 seconds for the deliveries already announced. */
    @Override
    public void close() {
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
