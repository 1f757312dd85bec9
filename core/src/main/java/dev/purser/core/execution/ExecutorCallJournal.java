package dev.purser.core.execution;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The idempotency journal (table {@code executor_call}): executors record a call here before they
 * send it, and read it back on every resume. Implementations must make {@link #record} and
 * {@link #claim} atomic across processes.
 */
public interface ExecutorCallJournal {

    /**
     * Records the intent to make a call, or returns the row already recorded under that key.
     *
     * @throws dev.purser.core.error.PurserException {@code BAD_ARGUMENT} when the key is already
     *         recorded for a different request or target: a key names exactly one call
     */
    ExecutorCall record(String key, String executor, String operation, String targetKind, String targetId,
            String request, Instant now);

    Optional<ExecutorCall> find(String key);

    /**
     * Takes the short lease that lets one instance send the call; false when another holder's
     * lease has not expired.
     */
    boolean claim(String key, String owner, Instant now, Instant until);

    /** Gives the lease back. */
    void release(String key, String owner);

    /** Counts one attempt to send, just before it is sent. */
    void sending(String key, Instant now);

    /** The provider took it; {@code actionId} is its action or state marker, when it gave one. */
    void accepted(String key, String actionId, String message, Instant now);

    void settled(String key, String message, Instant now);

    void failed(String key, String message, Instant now);

    /** Keeps the state, notes why (an unsure outcome, a rate limit). */
    void note(String key, String message, Instant now);

    /** Every call on one target, oldest first. */
    List<ExecutorCall> forTarget(String targetKind, String targetId);
}
