package dev.purser.core.execution;

import java.time.Instant;

/**
 * Makes one kind of change to one kind of target, and undoes it.
 *
 * <p>Idempotency: every provider call is recorded in the {@link ExecutorCallJournal} under its
 * {@link IdempotencyKey} before it is sent, and every call is appended to the audit trail. Calling
 * {@link #apply} or {@link #awaitSettled} again with the same key, after a crash or from another
 * instance, never sends a change the provider already accepted: the executor reads the journal and
 * the provider's own state (the cluster's size and status, the droplet's recent actions) and resumes
 * polling instead.
 *
 * <p>Failures never throw for cloud trouble: they come back as an {@link ExecutionResult} with a
 * defined status (retry later, failed, ask a person) and a message. Exceptions are left for bad
 * input ({@code BAD_ARGUMENT}) and Purser's own database.
 */
public interface Executor {

    /** {@code digitalocean.database.resize}, {@code digitalocean.droplet.resize}, {@code gitops.compose}, ... */
    String name();

    /** Whether this executor makes changes of this kind to this kind of target. */
    boolean handles(ChangeRequest request);

    /**
     * Checks the change against the target as it is now and works out its inverse. Makes no change.
     *
     * @throws dev.purser.core.error.PurserException {@code BAD_ARGUMENT} when the change is not one
     *         this executor can make, or the target is in neither the change's from nor its to state
     */
    PreparedChange prepare(ChangeRequest request);

    /**
     * Starts the change (or finds it already started or done). Returns {@code IN_PROGRESS} once the
     * provider has it, {@code SETTLED} if the target is already in the target state.
     */
    ExecutionResult apply(PreparedChange change, IdempotencyKey key);

    /** Polls until the change has settled or {@code deadline} passes (then {@code FAILED}, a person asked). */
    ExecutionResult awaitSettled(PreparedChange change, IdempotencyKey key, Instant deadline);

    /**
     * Puts the target back: the inverse change, through this same executor, under
     * {@code key.child("rollback")}, polled until {@code deadline}.
     */
    default ExecutionResult rollback(PreparedChange change, IdempotencyKey key, Instant deadline) {
        PreparedChange back = prepareInverse(change);
        IdempotencyKey rk = key.child("rollback");
        ExecutionResult started = apply(back, rk);
        if (!started.ok()) {
            return started;
        }
        return awaitSettled(back, rk, deadline);
    }

    /** The rollback of {@code change} as a prepared change of its own. */
    PreparedChange prepareInverse(PreparedChange change);
}
