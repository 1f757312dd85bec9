package dev.purser.bot.metrics;

import dev.purser.commands.CommandContext;
import dev.purser.commands.CommandListener;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;

/**
 * Purser's own metrics, in a registry of its own (not the JVM-wide default, so two servers in one
 * test JVM never see each other's counts): commands by command, face and outcome, their
 * duration, and the Slack requests refused before anything ran.
 *
 * <p>Label values are bounded: command names come from the dispatcher's label (a command-like
 * word, {@code purser} otherwise), faces are the handful Purser has, outcomes are {@code ok} or an
 * error code name. Typed text never becomes a label.
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
            .help("How long commands took to parse and run")
            .labelNames("command", "face")
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

    public PrometheusRegistry registry() {
        return registry;
    }

    @Override
    public void finished(CommandContext context, String command, String outcome, Duration took) {
        commands.labelValues(command, context.face(), outcome).inc();
        duration.labelValues(command, context.face()).observe(took.toNanos() / 1e9);
    }

    public void slackRejected() {
        slackRejected.inc();
    }

    public void slackDuplicate() {
        slackDuplicates.inc();
    }
}
