package dev.purser.core.execution;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one executor step came to. Every failure has a defined status and a message for the plan's
 * thread; none hangs.
 *
 * @param status       see {@link Status}
 * @param message      one or two sentences for people, with the numbers
 * @param retryAt      for {@link Status#RETRY_LATER}: when to try again (a rate limit's reset)
 * @param personNeeded whether a person must look before anything else happens (always for
 *                     {@link Status#ASK_PERSON}; for {@link Status#FAILED} when the target's state is
 *                     uncertain, as after a polling deadline)
 * @param facts        measured values for the thread and the audit ({@code polls}, {@code took_seconds},
 *                     {@code downtime_seconds}, {@code provider_action_id})
 */
public record ExecutionResult(Status status, String message, Optional<Instant> retryAt, boolean personNeeded,
        Map<String, String> facts) {

    /** Where a step stands. */
    public enum Status {
        /** The provider reports the target state. */
        SETTLED,
        /** The provider accepted the change and is working on it: poll with {@code awaitSettled}. */
        IN_PROGRESS,
        /** Nothing was decided (a rate limit, a 5xx, a timeout); call the same step again at {@code retryAt}. */
        RETRY_LATER,
        /** The change was refused or did not finish: the phase fails. */
        FAILED,
        /** Purser cannot go on without a person (a rejected token, an unreadable answer); resume afterwards. */
        ASK_PERSON
    }

    public ExecutionResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(retryAt, "retryAt");
        facts = Map.copyOf(new LinkedHashMap<>(facts));
        if (status == Status.ASK_PERSON) {
            personNeeded = true;
        }
    }

    public static ExecutionResult settled(String message, Map<String, String> facts) {
        return new ExecutionResult(Status.SETTLED, message, Optional.empty(), false, facts);
    }

    public static ExecutionResult inProgress(String message, Map<String, String> facts) {
        return new ExecutionResult(Status.IN_PROGRESS, message, Optional.empty(), false, facts);
    }

    public static ExecutionResult retryLater(String message, Instant at) {
        return new ExecutionResult(Status.RETRY_LATER, message, Optional.of(at), false, Map.of());
    }

    public static ExecutionResult failed(String message, boolean personNeeded, Map<String, String> facts) {
        return new ExecutionResult(Status.FAILED, message, Optional.empty(), personNeeded, facts);
    }

    public static ExecutionResult askPerson(String message) {
        return new ExecutionResult(Status.ASK_PERSON, message, Optional.empty(), true, Map.of());
    }

    /** Settled or in progress: the change is (being) made. */
    public boolean ok() {
        return status == Status.SETTLED || status == Status.IN_PROGRESS;
    }
}
