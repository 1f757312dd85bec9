package dev.purser.core.execution;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the idempotency journal: a provider call as recorded before it was sent, and what
 * became of it.
 *
 * @param attempts how many times it was handed to the provider (0: surely never sent)
 */
public record ExecutorCall(
        String key,
        String executor,
        String operation,
        String targetKind,
        String targetId,
        String request,
        State state,
        Optional<String> providerActionId,
        Optional<String> message,
        int attempts,
        Instant recordedAt,
        Optional<Instant> calledAt,
        Optional<Instant> acceptedAt,
        Optional<Instant> finishedAt) {

    /** Where the call is; see the V11 migration for each state's meaning. */
    public enum State { RECORDED, ACCEPTED, SETTLED, FAILED }

    public ExecutorCall {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(targetKind, "targetKind");
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(providerActionId, "providerActionId");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(calledAt, "calledAt");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }
}
