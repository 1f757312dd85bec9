package dev.purser.core.alerts;

import dev.purser.core.plan.Plan;
import dev.purser.core.plan.PlanService;
import dev.purser.core.plan.PlanState;
import dev.purser.core.plan.Tally;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a plan's changes into {@code migration} alerts: each state a plan reaches (approved,
 * rejected, cancelled, and the running states the executors bring) is alerted once, with the
 * tally and the saving, to the routes for its kind. Listens to the engine's subject changes;
 * delivery may wait on a chat API, so it runs on its own executor, never in the command's thread.
 */
public final class PlanEventAlerts implements Consumer<String> {

    private static final Logger LOG = LoggerFactory.getLogger(PlanEventAlerts.class);
    private static final String PREFIX = "plan:";

    private final PlanService plans;
    private final AlertService alerts;
    private final Executor executor;

    public PlanEventAlerts(PlanService plans, AlertService alerts, Executor executor) {
        this.plans = Objects.requireNonNull(plans, "plans");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    @Override
    public void accept(String subject) {
        if (!subject.startsWith(PREFIX)) {
            return;
        }
        long id;
        try {
            id = Long.parseLong(subject.substring(PREFIX.length()));
        } catch (NumberFormatException e) {
            return;
        }
        executor.execute(() -> {
            try {
                alert(id).ifPresent(event -> LOG.debug("plan {} {}: alerted", id, event));
            } catch (RuntimeException e) {
                LOG.warn("alerting a change of plan {} failed", id, e);
            }
        });
    }

    /** Alerts the plan's current state once; returns the state alerted, if it is one worth alerting. */
    Optional<String> alert(long id) {
        Plan plan = plans.get(id);
        if (plan.state() == PlanState.AWAITING_APPROVAL) {
            // still collecting sign-offs: the plan's own message shows the tally
            return Optional.empty();
        }
        Tally tally = plans.tally(id);
        String event = plan.state().word().replace('_', '-');
        String saving = plan.content().monthlySaving().map(m -> m.roundedToMinorUnit().amount().toPlainString() + " "
                + m.currency().getCurrencyCode() + " a month").orElse("no priced saving");
        alerts.planEvent(String.valueOf(id), null, event, null,
                "Plan " + id + " " + event.replace('-', ' ') + ": " + plan.content().title(),
                List.of("Revision " + plan.revision() + " (hash " + plan.shortHash() + ")",
                        "Approvals: " + tally.line(), "Saves " + saving + " once done"));
        return Optional.of(event);
    }
}
