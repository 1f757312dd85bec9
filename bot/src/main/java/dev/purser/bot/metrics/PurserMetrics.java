package dev.purser.bot.metrics;

import dev.purser.commands.CommandContext;
import dev.purser.commands.CommandListener;
import dev.purser.core.engine.PurserEngine;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Purser's metrics, in a registry of its own (not the JVM-wide default, so two servers in one
 * test JVM never see each other's counts): commands by command, face and outcome, their
 * duration, the Slack requests refused before anything ran, scheduled job runs, plans by state,
 * and, once {@link #watch(PurserEngine) watching} an engine, its cost figures ({@link CostMetrics}).
 *
 * <p>Label values are bounded: command names come from the dispatcher's label (a command-like
 * word, {@code purser} otherwise), faces are the handful Purser has, outcomes are {@code ok} or an
 * error code name, jobs are the configured ones. Typed text never becomes a label.
 */
public final class PurserMetrics implements CommandListener {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter commands = Counter.builder()
            .name("purser_commands_total")
            .help("Commands run, by command, face and outcome (ok or the error code)")
            .labelNames("command", "face", "outcome")
            .register(registry);
    private final Histogram duration = Histogram.builder()
            .name("purser_command_duration_seconds")
            .help("How long commands took to parse and run, by command, face and outcome (ok or the error code)")
            .labelNames("command", "face", "outcome")
            .classicOnly()
            .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
            .register(registry);
    private final Counter slackRejected = Counter.builder()
            .name("purser_slack_rejected_requests_total")
            .help("Slack requests answered 401 (bad or stale signature) before anything ran")
            .register(registry);
    private final Counter slackDuplicates = Counter.builder()
            .name("purser_slack_duplicate_requests_total")
            .help("Slack deliveries ignored as retries or duplicates of one already run")
            .register(registry);

    private final Counter jobRuns = Counter.builder()
            .name("purser_job_runs_total")
            .help("Scheduled job runs that finished, by job and outcome")
            .labelNames("job", "outcome")
            .register(registry);
    private final AtomicReference<Supplier<? extends Map<String, ? extends Number>>> plans =
            new AtomicReference<>(Map::of);
    private final AtomicBoolean watching = new AtomicBoolean();

    /** A job name or an outcome: a short word, so a label value stays one of few. */
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");

    public PurserMetrics() {
        GaugeWithCallback.builder()
                .name("purser_plans")
                .help("Plans by state")
                .labelNames("state")
                .callback(callback -> plans.get().get().forEach((state, n) -> callback.call(n.doubleValue(), state)))
                .register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    @Override
    public void finished(CommandContext context, String command, String outcome, Duration took) {
        commands.labelValues(command, context.face(), outcome).inc();
        duration.labelValues(command, context.face(), outcome).observe(took.toNanos() / 1e9);
    }

    /**
     * Counts one finished run of a scheduled job.
     *
     * @param job     the job's configured name, such as {@code do-billing}
     * @param outcome {@code ok}, {@code failed}, {@code skipped} or another short word
     * @throws IllegalArgumentException when either is not a short word (letters, digits, {@code _.:-},
     *         at most 64 characters), which would make an unbounded label
     */
    public void jobRun(String job, String outcome) {
        jobRuns.labelValues(word("job", job), word("outcome", outcome)).inc();
    }

    /**
     * Where {@code purser_plans{state}} reads its figures, asked at every scrape: plan counts by
     * state (a handful of states). The supplier must be quick and must not throw; until one is
     * set the family has no samples.
     */
    public void plansByState(Supplier<? extends Map<String, ? extends Number>> counts) {
        plans.set(Objects.requireNonNull(counts, "counts"));
    }

    /**
     * Serves the engine's cost figures too (budgets, daily cost, forecast, anomalies, savings,
     * rate limits, imports), computed when scraped; see {@link CostMetrics}. Once per metrics.
     *
     * @throws IllegalStateException when already watching an engine
     */
    public void watch(PurserEngine engine) {
        if (!watching.compareAndSet(false, true)) {
            throw new IllegalStateException("these metrics already watch an engine");
        }
        registry.register(new CostMetrics(engine, System::nanoTime));
    }

    private static String word(String what, String value) {
        if (value == null || !WORD.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be a short word (letters, digits, _.:-; at most 64), got '"
                    + value + "'");
        }
        return value;
    }

    public void slackRejected() {
        slackRejected.inc();
    }

    public void slackDuplicate() {
        slackDuplicates.inc();
    }
}
