package dev.purser.core.execution;

import dev.purser.core.audit.AuditEvent;
import dev.purser.core.plan.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs one phase's change end to end: baseline, apply, wait until settled, soak, and on a breach
 * the rollback through the same executor.
 *
 * <p>Resuming: {@link #run} may be called again with the same key after a crash at any point. The
 * baseline window ends when the change was first recorded, so it is the same baseline; the
 * executor finds its calls in the journal and sends nothing twice; the soak starts from the
 * journal's settle time, so the samples that breached still breach and the same rollback key is
 * resumed, not repeated.
 */
public final class PhaseRunner {

    /**
     * @param baselineWindow how far back the baseline reaches before the change
     * @param settleWithin   how long the change may take to settle before a person is asked
     * @param soakFor        how long post-checks watch the settled change
     * @param checkEvery     how often the soak reads the metrics
     * @param rollbackWithin how long the rollback may take to settle
     */
    public record Timing(Duration baselineWindow, Duration settleWithin, Duration soakFor, Duration checkEvery,
            Duration rollbackWithin) {
        public Timing {
            Objects.requireNonNull(baselineWindow, "baselineWindow");
            Objects.requireNonNull(settleWithin, "settleWithin");
            Objects.requireNonNull(soakFor, "soakFor");
            Objects.requireNonNull(checkEvery, "checkEvery");
            Objects.requireNonNull(rollbackWithin, "rollbackWithin");
        }
    }

    /** How a phase ended. */
    public enum Result {
        /** Applied, settled, soaked without a breach: the next phase may start. */
        DONE,
        /** A trigger fired and the inverse change settled: the plan stops. */
        ROLLED_BACK,
        /** A trigger fired and the rollback did not settle: a person must act now. */
        ROLLBACK_FAILED,
        /** The change was refused or did not settle. */
        FAILED,
        /** Nothing decided yet (a rate limit, a 5xx, another instance holding the call): run again at retryAt. */
        RETRY_LATER,
        /** A person must look (a rejected token; a soak with no data to verify the change). */
        ASK_PERSON
    }

    /**
     * @param steps every executor result, in order (apply, settle, rollback)
     */
    public record Outcome(Result result, String message, Optional<Instant> retryAt, Optional<Baseline> baseline,
            Optional<SoakVerdict> verdict, List<ExecutionResult> steps) {
        public Outcome {
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(message, "message");
            steps = List.copyOf(steps);
        }
    }

    private final Executor executor;
    private final SoakEvaluator soak;
    private final CallLedger ledger;

    public PhaseRunner(Executor executor, SoakEvaluator soak, CallLedger ledger) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.soak = Objects.requireNonNull(soak, "soak");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    /**
     * @param metricResource the resource's name in the metric source ({@code mandible-prod})
     */
    public Outcome run(PreparedChange change, IdempotencyKey key, String metricResource, List<Trigger> triggers,
            Timing timing) {
        return run(change, key, metricResource, triggers, timing, b -> { });
    }

    /**
     * @param soakStarting told the baseline once the change has settled, just before the soak
     *                     starts, so the phase can be shown verifying while it soaks
     */
    public Outcome run(PreparedChange change, IdempotencyKey key, String metricResource, List<Trigger> triggers,
            Timing timing, Consumer<Baseline> soakStarting) {
        List<ExecutionResult> steps = new ArrayList<>();
        Instant recorded = ledger.journal().find(key.value()).map(ExecutorCall::recordedAt).orElse(ledger.now());
        Baseline baseline = soak.baseline(metricResource, triggers, timing.baselineWindow(), recorded);
        Map<String, String> bd = new LinkedHashMap<>();
        bd.put("key", key.value());
        bd.put("resource", metricResource);
        baseline.values().forEach((m, v) -> bd.put("baseline." + m, Breach.num(v)));
        baseline.samples().forEach((m, n) -> bd.put("samples." + m, Integer.toString(n)));
        bd.put("window", baseline.from() + ".." + baseline.to());
        audit("phase.baseline", key, bd);

        ExecutionResult applied = executor.apply(change, key);
        steps.add(applied);
        if (!applied.ok()) {
            return stopped(applied, baseline, steps);
        }
        ExecutionResult settled = executor.awaitSettled(change, key, ledger.now().plus(timing.settleWithin()));
        steps.add(settled);
        if (settled.status() != ExecutionResult.Status.SETTLED) {
            return stopped(settled, baseline, steps);
        }
        Instant settledAt = ledger.journal().find(key.value()).flatMap(ExecutorCall::finishedAt).orElse(ledger.now());
        soakStarting.accept(baseline);
        SoakVerdict verdict = soak.soak(metricResource, triggers, baseline, settledAt, timing.soakFor(),
                timing.checkEvery());
        Map<String, String> sd = new LinkedHashMap<>();
        sd.put("key", key.value());
        sd.put("outcome", verdict.outcome().name().toLowerCase(java.util.Locale.ROOT));
        sd.put("verdict", verdict.describe());
        audit("phase.soak", key, sd);
        return switch (verdict.outcome()) {
            case PASSED -> new Outcome(Result.DONE, settled.message() + "; "
                    + verdict.describe(), Optional.empty(), Optional.of(baseline), Optional.of(verdict), steps);
            case NO_DATA -> new Outcome(Result.ASK_PERSON, change.target().name() + " changed, but "
                    + verdict.describe() + ": a person must decide to keep it or roll it back", Optional.empty(),
                    Optional.of(baseline), Optional.of(verdict), steps);
            case BREACHED -> rollBack(change, key, timing, baseline, verdict, steps);
        };
    }

    private Outcome rollBack(PreparedChange change, IdempotencyKey key, Timing timing, Baseline baseline,
            SoakVerdict verdict, List<ExecutionResult> steps) {
        Breach b = verdict.breaches().get(0);
        Map<String, String> d = new LinkedHashMap<>();
        d.put("key", key.value());
        d.put("trigger", b.trigger().canonical());
        d.put("limit", Breach.num(b.limit()));
        b.baseline().ifPresent(v -> d.put("baseline", Breach.num(v)));
        d.put("first", Breach.num(b.first()));
        d.put("peak", Breach.num(b.peak()));
        d.put("from", b.from().toString());
        d.put("to", b.to().toString());
        d.put("samples", Integer.toString(b.samples()));
        audit("phase.breach", key, d);
        ExecutionResult back = executor.rollback(change, key, ledger.now().plus(timing.rollbackWithin()));
        steps.add(back);
        String back2 = change.forward().change().from().setting().label();
        if (back.status() == ExecutionResult.Status.SETTLED) {
            return new Outcome(Result.ROLLED_BACK, change.target().name() + ": " + b.describe() + "; rolled back to "
                    + back2 + " (" + back.message() + ")", Optional.empty(), Optional.of(baseline),
                    Optional.of(verdict), steps);
        }
        return new Outcome(Result.ROLLBACK_FAILED, change.target().name() + ": " + b.describe()
                + "; the rollback to " + back2 + " did not settle: " + back.message()
                + ". A person must put it back now", back.retryAt(), Optional.of(baseline), Optional.of(verdict), steps);
    }

    private static Outcome stopped(ExecutionResult r, Baseline baseline, List<ExecutionResult> steps) {
        Result result = switch (r.status()) {
            case RETRY_LATER -> Result.RETRY_LATER;
            case ASK_PERSON -> Result.ASK_PERSON;
            case FAILED, SETTLED, IN_PROGRESS -> Result.FAILED;
        };
        return new Outcome(result, r.message(), r.retryAt(), Optional.of(baseline), Optional.empty(), steps);
    }

    private void audit(String kind, IdempotencyKey key, Map<String, String> details) {
        ledger.audit().append(AuditEvent.of(kind, key.auditSubject(), "purser", details));
    }
}
