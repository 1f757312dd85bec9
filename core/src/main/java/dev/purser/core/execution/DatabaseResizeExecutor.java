package dev.purser.core.execution;

import dev.purser.core.analysis.rightsizing.Configuration;
import dev.purser.core.analysis.rightsizing.RightsizingChange;
import dev.purser.core.cloud.digitalocean.DatabaseCluster;
import dev.purser.core.cloud.digitalocean.DigitalOceanClient;
import dev.purser.core.cloud.http.ApiCallException;
import dev.purser.core.error.PurserException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Resizes a DigitalOcean managed database cluster: node size and node count in one
 * {@code PUT /v2/databases/{id}/resize}, then polls {@code GET /v2/databases/{id}} until the
 * cluster is {@code online} at the new size.
 *
 * <p>Resuming: before it sends, the executor reads the cluster. At the target size and
 * {@code online}, the change is settled without a call; {@code resizing} (or at the target size
 * but not yet online), it was accepted, by this key's earlier attempt or by someone, and is polled.
 * Only a cluster still at its old size and {@code online} gets the {@code PUT}, under the journal's
 * lease, once per attempt. A 5xx or a timeout on the {@code PUT} is not re-sent blindly: the next
 * attempt reads the cluster first.
 */
public final class DatabaseResizeExecutor implements Executor {

    public static final String NAME = "digitalocean.database.resize";
    static final String OPERATION = "resize";

    private final DigitalOceanClient client;
    private final CallLedger ledger;

    public DatabaseResizeExecutor(DigitalOceanClient client, CallLedger ledger) {
        this.client = Objects.requireNonNull(client, "client");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean handles(ChangeRequest request) {
        return request.target().kind() == Target.Kind.DATABASE_CLUSTER
                && request.change().to().setting() instanceof Configuration.MachineSize;
    }

    /** A cluster layout: node size slug and node count. */
    record Layout(String size, int nodes) {
        static Layout of(Configuration c, String side) {
            if (!(c.setting() instanceof Configuration.MachineSize m) || m.size().isEmpty() || m.nodes().isEmpty()) {
                throw PurserException.badArgument("a database cluster resize needs a size slug and a node count on its "
                        + side + " side; it has " + c.setting().label());
            }
            return new Layout(m.size().get(), m.nodes().getAsInt());
        }

        boolean matches(DatabaseCluster c) {
            return size.equals(c.size()) && nodes == c.numNodes();
        }

        String json() {
            return "{\"size\":\"" + size + "\",\"num_nodes\":" + nodes + "}";
        }

        @Override
        public String toString() {
            return size + " x " + nodes + " node" + (nodes == 1 ? "" : "s");
        }
    }

    @Override
    public PreparedChange prepare(ChangeRequest request) {
        if (!handles(request)) {
            throw PurserException.badArgument(NAME + " resizes database clusters; it cannot change "
                    + request.target().describe() + " to " + request.change().to().setting().label());
        }
        RightsizingChange change = request.change();
        Layout from = Layout.of(change.from(), "from");
        Layout to = Layout.of(change.to(), "to");
        if (from.equals(to)) {
            throw PurserException.badArgument("the change to " + request.target().describe() + " changes nothing: "
                    + from);
        }
        DatabaseCluster now = client.databaseCluster(request.target().id());
        List<String> notes = new ArrayList<>();
        if (to.matches(now)) {
            notes.add(now.name() + " is already " + to + " (status " + now.status() + "): applying it will send nothing");
        } else if (!from.matches(now)) {
            throw PurserException.badArgument(now.name() + " is " + now.size() + " x " + now.numNodes()
                    + " nodes now, not " + from + " as the change expects: re-plan it from its current size");
        }
        if (to.nodes() < from.nodes()) {
            notes.add("going to " + to.nodes() + " node" + (to.nodes() == 1 ? "" : "s")
                    + " removes a standby: no automatic fail-over while it runs this way");
        }
        if (!to.size().equals(from.size())) {
            notes.add("a node size change fails over to a resized node: open connections drop once, for seconds");
        }
        return new PreparedChange(NAME, request, request.inverse(), Duration.ZERO, calls(request.target(), to), notes);
    }

    @Override
    public PreparedChange prepareInverse(PreparedChange change) {
        Layout back = Layout.of(change.inverse().change().to(), "to");
        return change.inverted(calls(change.target(), back));
    }

    private static List<PlannedCall> calls(Target t, Layout to) {
        return List.of(new PlannedCall("PUT", "/v2/databases/" + t.id() + "/resize", to.json()),
                new PlannedCall("GET", "/v2/databases/" + t.id(), "until status online at " + to));
    }

    @Override
    public ExecutionResult apply(PreparedChange change, IdempotencyKey key) {
        Target t = change.target();
        Layout to = Layout.of(change.forward().change().to(), "to");
        ExecutorCall call = ledger.record(key, NAME, OPERATION, t, to.json());
        switch (call.state()) {
            case SETTLED -> {
                return ExecutionResult.settled(t.name() + " is already " + to + " (settled earlier under " + key.value()
                        + ")", Map.of());
            }
            case FAILED -> {
                return ExecutionResult.failed(call.message().orElse("the resize of " + t.name() + " failed earlier"),
                        false, Map.of());
            }
            case ACCEPTED -> {
                return ExecutionResult.inProgress("the resize of " + t.name() + " to " + to
                        + " was accepted earlier; polling it", Map.of());
            }
            case RECORDED -> {
                return send(t, to, key, call);
            }
        }
        throw new IllegalStateException("unhandled state " + call.state());
    }

    private ExecutionResult send(Target t, Layout to, IdempotencyKey key, ExecutorCall call) {
        DatabaseCluster now;
        try {
            now = client.databaseCluster(t.id());
        } catch (ApiCallException e) {
            if (CloudFailures.refused(e)) {
                ledger.failed(key, call, e.getMessage());
            }
            return CloudFailures.outcome(e, ledger.now(), "reading " + t.name() + " before its resize");
        }
        if (to.matches(now) || "resizing".equals(now.status())) {
            String seen = now.size() + " x " + now.numNodes() + ", status " + now.status();
            ledger.accepted(key, call, "status:" + now.status(), "found " + t.name() + " " + seen
                    + (call.attempts() > 0 ? " after an earlier attempt" : "") + ": not sending the resize again");
            if (to.matches(now) && "online".equals(now.status())) {
                ledger.settled(key, call, t.name() + " is " + to + " and online", Map.of());
                return ExecutionResult.settled(t.name() + " is already " + to + " and online: nothing sent", Map.of());
            }
            return ExecutionResult.inProgress(t.name() + " is " + seen + ": polling it, nothing sent", Map.of());
        }
        if (!ledger.claim(key)) {
            return ExecutionResult.retryLater("another Purser instance is sending the resize of " + t.name()
                    + " right now", ledger.now().plus(ledger.lease()));
        }
        try {
            ledger.sending(key, call);
            client.resizeDatabaseCluster(t.id(), to.size(), to.nodes());
            ledger.accepted(key, call, null, "DigitalOcean accepted the resize of " + t.name() + " to " + to);
            return ExecutionResult.inProgress("DigitalOcean accepted the resize of " + t.name() + " to " + to,
                    Map.of());
        } catch (ApiCallException e) {
            if (CloudFailures.refused(e)) {
                ledger.failed(key, call, e.getMessage());
            } else {
                ledger.note(key, call, "unsure", e.getMessage());
            }
            return CloudFailures.outcome(e, ledger.now(), "resizing " + t.name() + " to " + to);
        } finally {
            ledger.release(key);
        }
    }

    @Override
    public ExecutionResult awaitSettled(PreparedChange change, IdempotencyKey key, Instant deadline) {
        Target t = change.target();
        Layout to = Layout.of(change.forward().change().to(), "to");
        ExecutorCall call = ledger.reload(key);
        if (call.state() == ExecutorCall.State.SETTLED) {
            return ExecutionResult.settled(t.name() + " is " + to + " (settled earlier)", Map.of());
        }
        if (call.state() == ExecutorCall.State.FAILED) {
            return ExecutionResult.failed(call.message().orElse("the resize failed"), false, Map.of());
        }
        Instant start = ledger.now();
        int polls = 0;
        String last = "not read yet";
        String lastFailure = null;
        ApiCallException lastError = null;
        while (true) {
            try {
                DatabaseCluster now = client.databaseCluster(t.id());
                polls++;
                last = now.size() + " x " + now.numNodes() + ", status " + now.status();
                lastFailure = null;
                lastError = null;
                if (to.matches(now) && "online".equals(now.status())) {
                    Map<String, String> facts = new LinkedHashMap<>();
                    facts.put("polls", Integer.toString(polls));
                    facts.put("took_seconds", Long.toString(Duration.between(start, ledger.now()).toSeconds()));
                    String message = t.name() + " is " + to + " and online after " + polls + " poll"
                            + (polls == 1 ? "" : "s");
                    ledger.settled(key, call, message, facts);
                    return ExecutionResult.settled(message, facts);
                }
            } catch (ApiCallException e) {
                if (!CloudFailures.transientFailure(e)) {
                    if (CloudFailures.refused(e)) {
                        ledger.failed(key, call, e.getMessage());
                    }
                    return CloudFailures.outcome(e, ledger.now(), "polling the resize of " + t.name());
                }
                lastFailure = e.getMessage();
                lastError = e;
            }
            Instant now = ledger.now();
            if (!now.isBefore(deadline)) {
                String message = "the resize of " + t.name() + " to " + to + " has not settled by its deadline "
                        + deadline + " (" + polls + " polls; last seen " + last
                        + (lastFailure == null ? "" : "; last error: " + lastFailure)
                        + "): a person must check the cluster in the DigitalOcean control panel";
                ledger.note(key, call, "deadline", message);
                return ExecutionResult.failed(message, true, Map.of("polls", Integer.toString(polls)));
            }
            Duration wait = CloudFailures.nextPoll(lastError, now, ledger.pollInterval());
            if (now.plus(wait).isAfter(deadline)) {
                wait = Duration.between(now, deadline);
            }
            if (!ledger.pause(wait)) {
                return ExecutionResult.retryLater("interrupted while polling the resize of " + t.name(), now);
            }
        }
    }
}
