package dev.purser.core.execution;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Does everything but call: prepares through the real executor (which reads the target, so the
 * dry run checks the change against the real state), journals and audits the calls it would make,
 * and reports them as settled. Nothing is written to a provider or a file.
 */
public final class DryRunExecutor implements Executor {

    private final Executor real;
    private final CallLedger ledger;

    public DryRunExecutor(Executor real, CallLedger ledger) {
        this.real = Objects.requireNonNull(real, "real");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    @Override
    public String name() {
        return "dry-run:" + real.name();
    }

    @Override
    public boolean handles(ChangeRequest request) {
        return real.handles(request);
    }

    @Override
    public PreparedChange prepare(ChangeRequest request) {
        return real.prepare(request);
    }

    @Override
    public PreparedChange prepareInverse(PreparedChange change) {
        return real.prepareInverse(change);
    }

    @Override
    public ExecutionResult apply(PreparedChange change, IdempotencyKey key) {
        String calls = change.calls().stream().map(PlannedCall::toString).collect(Collectors.joining("\n"));
        ExecutorCall call = ledger.record(key, name(), "dry-run", change.target(), calls);
        String message = "dry run: would make " + change.calls().size() + " call" + (change.calls().size() == 1 ? "" : "s")
                + " to change " + change.target().name() + " to " + change.forward().change().to().setting().label();
        if (call.state() != ExecutorCall.State.SETTLED) {
            for (PlannedCall c : change.calls()) {
                ledger.append(key, call, "would-send", Map.of("call", c.toString()));
            }
            ledger.accepted(key, call, "dry-run", message);
            ledger.settled(key, call, message, Map.of());
        }
        return ExecutionResult.settled(message, Map.of("calls", calls));
    }

    @Override
    public ExecutionResult awaitSettled(PreparedChange change, IdempotencyKey key, Instant deadline) {
        return ExecutionResult.settled("dry run: nothing to wait for", Map.of());
    }
}
