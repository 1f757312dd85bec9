package dev.purser.core.execution;

import dev.purser.core.analysis.rightsizing.Configuration;
import dev.purser.core.cloud.digitalocean.DigitalOceanClient;
import dev.purser.core.cloud.digitalocean.Droplet;
import dev.purser.core.cloud.digitalocean.DropletAction;
import dev.purser.core.cloud.http.ApiCallException;
import dev.purser.core.error.PurserException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Resizes a DigitalOcean droplet: {@code power_off}, {@code resize} (CPU and memory only, disk kept,
 * so it can be undone), {@code power_on}, each a {@code POST /v2/droplets/{id}/actions} polled with
 * {@code GET /v2/actions/{id}} until {@code completed}. The droplet is down from the power-off to the
 * end of the power-on; the plan states {@link #EXPECTED_DOWNTIME} and the result reports the
 * measured downtime.
 *
 * <p>Steps and resuming: each step is its own journal row under {@code key/power_off},
 * {@code key/resize}, {@code key/power_on}. Before a step is sent the droplet is read: already off,
 * already at the target size, already on: the step is settled without a call. Otherwise the
 * droplet's recent actions are read, and an action of the step's type started since the step was
 * recorded (and not already the action of another journalled call) is adopted and polled instead
 * of sending another. A droplet that was off before the change stays off.
 */
public final class DropletResizeExecutor implements Executor {

    public static final String NAME = "digitalocean.droplet.resize";
    /** Stated in the plan: power off, a CPU/memory-only resize, and boot. */
    public static final Duration EXPECTED_DOWNTIME = Duration.ofMinutes(5);
    private static final String ALREADY = "none:already";
    private static final Duration SKEW = Duration.ofSeconds(30);

    private enum Step {
        POWER_OFF("power_off"), RESIZE("resize"), POWER_ON("power_on");

        final String type;

        Step(String type) {
            this.type = type;
        }
    }

    private final DigitalOceanClient client;
    private final CallLedger ledger;

    public DropletResizeExecutor(DigitalOceanClient client, CallLedger ledger) {
        this.client = Objects.requireNonNull(client, "client");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean handles(ChangeRequest request) {
        return request.target().kind() == Target.Kind.DROPLET
                && request.change().to().setting() instanceof Configuration.MachineSize;
    }

    private static String size(Configuration c, String side) {
        if (!(c.setting() instanceof Configuration.MachineSize m) || m.size().isEmpty()) {
            throw PurserException.badArgument("a droplet resize needs a size slug on its " + side + " side; it has "
                    + c.setting().label());
        }
        return m.size().get();
    }

    private static long dropletId(Target t) {
        try {
            return Long.parseLong(t.id());
        } catch (NumberFormatException e) {
            throw PurserException.badArgument("droplet id '" + t.id() + "' is not a number");
        }
    }

    @Override
    public PreparedChange prepare(ChangeRequest request) {
        if (!handles(request)) {
            throw PurserException.badArgument(NAME + " resizes droplets; it cannot change "
                    + request.target().describe() + " to " + request.change().to().setting().label());
        }
        String from = size(request.change().from(), "from");
        String to = size(request.change().to(), "to");
        if (from.equals(to)) {
            throw PurserException.badArgument("the change to " + request.target().describe() + " changes nothing: " + to);
        }
        Droplet d = client.droplet(dropletId(request.target()));
        List<String> notes = new ArrayList<>();
        if (d.sizeSlug().equals(to)) {
            notes.add(d.name() + " is already " + to + ": applying it will send nothing");
        } else if (!d.sizeSlug().equals(from)) {
            throw PurserException.badArgument(d.name() + " is " + d.sizeSlug() + " now, not " + from
                    + " as the change expects: re-plan it from its current size");
        }
        notes.add(d.name() + " is powered off for the resize: expect about " + EXPECTED_DOWNTIME.toMinutes()
                + " minutes of downtime (power off, resize of CPU and memory only, boot)");
        notes.add("the disk is not resized, so the change can be rolled back to " + from);
        if (!"active".equals(d.status())) {
            notes.add(d.name() + " is " + d.status() + " now and will be left off");
        }
        return new PreparedChange(NAME, request, request.inverse(), EXPECTED_DOWNTIME, calls(request.target(), to),
                notes);
    }

    @Override
    public PreparedChange prepareInverse(PreparedChange change) {
        return change.inverted(calls(change.target(), size(change.inverse().change().to(), "to")));
    }

    private static List<PlannedCall> calls(Target t, String to) {
        String path = "/v2/droplets/" + t.id() + "/actions";
        return List.of(new PlannedCall("POST", path, "{\"type\":\"power_off\"}"),
                new PlannedCall("POST", path, "{\"type\":\"resize\",\"size\":\"" + to + "\",\"disk\":false}"),
                new PlannedCall("POST", path, "{\"type\":\"power_on\"}"),
                new PlannedCall("GET", "/v2/actions/{id}", "after each, until completed"));
    }

    private static String request(Step step, String to) {
        return step == Step.RESIZE ? "{\"type\":\"resize\",\"size\":\"" + to + "\",\"disk\":false}"
                : "{\"type\":\"" + step.type + "\"}";
    }

    /** Starts the first step that is not settled. */
    @Override
    public ExecutionResult apply(PreparedChange change, IdempotencyKey key) {
        String to = size(change.forward().change().to(), "to");
        ExecutorCall first = ledger.record(key, NAME, "resize", change.target(), request(Step.RESIZE, to));
        if (first.state() == ExecutorCall.State.SETTLED) {
            return ExecutionResult.settled(change.target().name() + " is " + to + " (settled earlier)", Map.of());
        }
        if (first.state() == ExecutorCall.State.FAILED) {
            return ExecutionResult.failed(first.message().orElse("the resize failed earlier"), false, Map.of());
        }
        ExecutionResult r = ensure(change.target(), key, Step.POWER_OFF, to);
        return r.status() == ExecutionResult.Status.SETTLED
                ? ExecutionResult.inProgress(change.target().name() + " is off; resizing next", r.facts()) : r;
    }

    /** Drives the remaining steps, polling each action, until the droplet is on at the new size. */
    @Override
    public ExecutionResult awaitSettled(PreparedChange change, IdempotencyKey key, Instant deadline) {
        Target t = change.target();
        String to = size(change.forward().change().to(), "to");
        ExecutorCall whole = ledger.record(key, NAME, "resize", t, request(Step.RESIZE, to));
        if (whole.state() == ExecutorCall.State.SETTLED) {
            return ExecutionResult.settled(t.name() + " is " + to + " (settled earlier)", Map.of());
        }
        if (whole.state() == ExecutorCall.State.FAILED) {
            return ExecutionResult.failed(whole.message().orElse("the resize failed"), false, Map.of());
        }
        Map<String, String> facts = new LinkedHashMap<>();
        for (Step step : Step.values()) {
            if (step == Step.POWER_ON && wasAlreadyOff(key)) {
                continue;
            }
            ExecutionResult r = ensure(t, key, step, to);
            if (r.status() == ExecutionResult.Status.IN_PROGRESS) {
                r = poll(t, key, step, deadline);
            }
            if (r.status() != ExecutionResult.Status.SETTLED) {
                if (step == Step.RESIZE && r.status() == ExecutionResult.Status.FAILED && !wasAlreadyOff(key)) {
                    ExecutionResult on = ensure(t, key, Step.POWER_ON, to);
                    if (on.status() == ExecutionResult.Status.IN_PROGRESS) {
                        on = poll(t, key, Step.POWER_ON, deadline);
                    }
                    String message = r.message() + (on.status() == ExecutionResult.Status.SETTLED
                            ? "; " + t.name() + " was powered back on at its old size"
                            : "; powering " + t.name() + " back on did not settle either: " + on.message());
                    ledger.failed(key, whole, message);
                    return ExecutionResult.failed(message, on.status() != ExecutionResult.Status.SETTLED, Map.of());
                }
                return r;
            }
            r.facts().forEach((k, v) -> facts.put(step.type + "." + k, v));
        }
        downtime(key).ifPresent(d -> facts.put("downtime_seconds", Long.toString(d.toSeconds())));
        String message = t.name() + " is " + to + (wasAlreadyOff(key) ? " (left off, as it was found)" : " and on again")
                + facts.entrySet().stream().filter(e -> e.getKey().equals("downtime_seconds"))
                        .map(e -> "; down for " + e.getValue() + " s").findFirst().orElse("");
        ledger.settled(key, whole, message, facts);
        return ExecutionResult.settled(message, facts);
    }

    private boolean wasAlreadyOff(IdempotencyKey key) {
        return ledger.journal().find(key.child(Step.POWER_OFF.type).value())
                .flatMap(ExecutorCall::providerActionId).filter(ALREADY::equals).isPresent();
    }

    private Optional<Duration> downtime(IdempotencyKey key) {
        Optional<Instant> off = ledger.journal().find(key.child(Step.POWER_OFF.type).value())
                .flatMap(ExecutorCall::calledAt);
        Optional<Instant> on = ledger.journal().find(key.child(Step.POWER_ON.type).value())
                .flatMap(ExecutorCall::finishedAt);
        return off.isPresent() && on.isPresent() ? Optional.of(Duration.between(off.get(), on.get())) : Optional.empty();
    }

    /** Records the step, then settles it from the droplet's state, adopts a matching action, or sends it. */
    private ExecutionResult ensure(Target t, IdempotencyKey parent, Step step, String to) {
        IdempotencyKey key = parent.child(step.type);
        ExecutorCall call = ledger.record(key, NAME, step.type, t, request(step, to));
        switch (call.state()) {
            case SETTLED -> {
                return ExecutionResult.settled(step.type + " of " + t.name() + " done earlier", Map.of());
            }
            case FAILED -> {
                return ExecutionResult.failed(call.message().orElse(step.type + " failed earlier"), false, Map.of());
            }
            case ACCEPTED -> {
                return ExecutionResult.inProgress(step.type + " of " + t.name() + " accepted earlier", Map.of());
            }
            case RECORDED -> {
                // read the droplet first: below
            }
        }
        long id = dropletId(t);
        try {
            Droplet d = client.droplet(id);
            boolean done = switch (step) {
                case POWER_OFF -> "off".equals(d.status());
                case RESIZE -> d.sizeSlug().equals(to);
                case POWER_ON -> "active".equals(d.status());
            };
            if (done) {
                ledger.accepted(key, call, step == Step.POWER_OFF && call.attempts() == 0 ? ALREADY : null,
                        t.name() + " is already " + (step == Step.RESIZE ? to : d.status()) + ": no " + step.type + " sent");
                ledger.settled(key, call, t.name() + " is " + (step == Step.RESIZE ? to : d.status()), Map.of());
                return ExecutionResult.settled(t.name() + " is already " + d.status() + " at " + d.sizeSlug(), Map.of());
            }
            Instant since = call.recordedAt().minus(SKEW);
            java.util.Set<String> known = new java.util.HashSet<>();
            ledger.journal().forTarget(t.kindName(), t.id()).forEach(c -> c.providerActionId().ifPresent(known::add));
            for (DropletAction a : client.dropletActions(id)) {
                if (a.type().equals(step.type) && a.startedAt() != null && !a.startedAt().isBefore(since)
                        && !a.errored() && !known.contains(Long.toString(a.id()))) {
                    ledger.accepted(key, call, Long.toString(a.id()), "found " + step.type + " action " + a.id()
                            + " (" + a.status() + ") started " + a.startedAt() + ": not sending another");
                    return ExecutionResult.inProgress("adopted " + step.type + " action " + a.id(), Map.of());
                }
            }
        } catch (ApiCallException e) {
            if (CloudFailures.refused(e)) {
                ledger.failed(key, call, e.getMessage());
            }
            return CloudFailures.outcome(e, ledger.now(), "reading droplet " + t.name() + " before " + step.type);
        }
        if (!ledger.claim(key)) {
            return ExecutionResult.retryLater("another Purser instance is sending " + step.type + " to " + t.name(),
                    ledger.now().plus(ledger.lease()));
        }
        try {
            ledger.sending(key, call);
            DropletAction a = client.startDropletAction(id, step.type, step == Step.RESIZE ? to : null, false);
            ledger.accepted(key, call, Long.toString(a.id()), "DigitalOcean started " + step.type + " action " + a.id());
            return ExecutionResult.inProgress("started " + step.type + " action " + a.id(), Map.of());
        } catch (ApiCallException e) {
            if (CloudFailures.refused(e)) {
                ledger.failed(key, call, e.getMessage());
            } else {
                ledger.note(key, call, "unsure", e.getMessage());
            }
            return CloudFailures.outcome(e, ledger.now(), step.type + " of droplet " + t.name());
        } finally {
            ledger.release(key);
        }
    }

    private ExecutionResult poll(Target t, IdempotencyKey parent, Step step, Instant deadline) {
        IdempotencyKey key = parent.child(step.type);
        ExecutorCall call = ledger.reload(key);
        Optional<Long> actionId = call.providerActionId().filter(s -> !s.startsWith("none")).map(Long::parseLong);
        if (actionId.isEmpty()) {
            return ExecutionResult.settled(step.type + " needed no action", Map.of());
        }
        int polls = 0;
        String last = "not read yet";
        Instant start = ledger.now();
        ApiCallException lastError = null;
        while (true) {
            try {
                DropletAction a = client.action(actionId.get());
                lastError = null;
                polls++;
                last = a.status();
                if (a.completed()) {
                    Map<String, String> facts = Map.of("action_id", Long.toString(a.id()), "polls",
                            Integer.toString(polls), "took_seconds",
                            Long.toString(Duration.between(start, ledger.now()).toSeconds()));
                    ledger.settled(key, call, step.type + " action " + a.id() + " completed", facts);
                    return ExecutionResult.settled(step.type + " completed", facts);
                }
                if (a.errored()) {
                    String message = "DigitalOcean reports " + step.type + " action " + a.id() + " of " + t.name()
                            + " errored";
                    ledger.failed(key, call, message);
                    return ExecutionResult.failed(message, false, Map.of("action_id", Long.toString(a.id())));
                }
            } catch (ApiCallException e) {
                if (!CloudFailures.transientFailure(e)) {
                    if (CloudFailures.refused(e)) {
                        ledger.failed(key, call, e.getMessage());
                    }
                    return CloudFailures.outcome(e, ledger.now(), "polling " + step.type + " of " + t.name());
                }
                last = "unread (" + e.failure().kind() + ")";
                lastError = e;
            }
            Instant now = ledger.now();
            if (!now.isBefore(deadline)) {
                String message = step.type + " action " + actionId.get() + " of " + t.name()
                        + " has not completed by its deadline " + deadline + " (" + polls + " polls; last seen " + last
                        + "): a person must check the droplet in the DigitalOcean control panel";
                ledger.note(key, call, "deadline", message);
                return ExecutionResult.failed(message, true, Map.of("polls", Integer.toString(polls)));
            }
            Duration wait = CloudFailures.nextPoll(lastError, now, ledger.pollInterval());
            if (now.plus(wait).isAfter(deadline)) {
                wait = Duration.between(now, deadline);
            }
            if (!ledger.pause(wait)) {
                return ExecutionResult.retryLater("interrupted while polling " + step.type + " of " + t.name(), now);
            }
        }
    }
}
