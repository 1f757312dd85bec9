package dev.purser.core.execution;

import dev.purser.core.cloud.http.ApiCallException;
import dev.purser.core.cloud.http.ApiFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The defined outcome of each cloud failure, for a step that sends or polls a change.
 *
 * <table>
 * <caption>failure → outcome</caption>
 * <tr><td>401, 403</td><td>ask a person (the token); the change is left as it was, resume after</td></tr>
 * <tr><td>404</td><td>failed: the target is gone</td></tr>
 * <tr><td>422 and other 4xx</td><td>failed: the provider refused this change; it is never re-sent under the key</td></tr>
 * <tr><td>429</td><td>retry later, at the rate limit's reset</td></tr>
 * <tr><td>5xx, timeout, no connection</td><td>retry later (a minute); a send may have landed, so the
 *     next attempt reads the provider's state first</td></tr>
 * <tr><td>an unreadable answer</td><td>ask a person</td></tr>
 * </table>
 */
final class CloudFailures {

    static final Duration TRANSIENT_RETRY = Duration.ofMinutes(1);

    private CloudFailures() {
    }

    /** Whether the failure is terminal for this key (the provider surely refused the change). */
    static boolean refused(ApiCallException e) {
        ApiFailure.Kind k = e.failure().kind();
        return k == ApiFailure.Kind.NOT_FOUND || k == ApiFailure.Kind.CLIENT_ERROR;
    }

    /** Whether the failure says nothing about the change and may simply pass (polling goes on). */
    static boolean transientFailure(ApiCallException e) {
        return switch (e.failure().kind()) {
            case RATE_LIMITED, SERVER_ERROR, TIMEOUT, CONNECTION -> true;
            case UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CLIENT_ERROR, MALFORMED_RESPONSE -> false;
        };
    }

    /** When to try again after a transient failure. */
    static Instant retryAt(ApiCallException e, Instant now) {
        Instant reset = e.failure().resetAt();
        if (e.failure().kind() == ApiFailure.Kind.RATE_LIMITED && reset != null && reset.isAfter(now)) {
            return reset;
        }
        return now.plus(TRANSIENT_RETRY);
    }

    /** The wait before the next poll: the poll interval, or until a rate limit's reset when that is later. */
    static Duration nextPoll(ApiCallException last, Instant now, Duration interval) {
        if (last != null && last.failure().kind() == ApiFailure.Kind.RATE_LIMITED && last.failure().resetAt() != null) {
            Duration untilReset = Duration.between(now, last.failure().resetAt());
            return untilReset.compareTo(interval) > 0 ? untilReset : interval;
        }
        return interval;
    }

    static ExecutionResult outcome(ApiCallException e, Instant now, String context) {
        String message = context + ": " + e.getMessage();
        return switch (e.failure().kind()) {
            case UNAUTHORIZED, FORBIDDEN, MALFORMED_RESPONSE -> ExecutionResult.askPerson(message);
            case NOT_FOUND, CLIENT_ERROR -> ExecutionResult.failed(message, false,
                    Map.of("http_status", Integer.toString(e.failure().status())));
            case RATE_LIMITED, SERVER_ERROR, TIMEOUT, CONNECTION -> ExecutionResult.retryLater(message, retryAt(e, now));
        };
    }
}
