package dev.purser.core.cloud.http;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.util.Objects;

/**
 * A provider call that finally failed, worded for a user like every {@link PurserException}, and
 * keeping the {@link ApiFailure} so a caller that must decide what happens next (retry at the
 * rate-limit reset, give up, ask a person) can read the kind, status and reset instead of the prose.
 */
public final class ApiCallException extends PurserException {
    private static final long serialVersionUID = 1L;

    private final transient ApiFailure failure;

    public ApiCallException(ErrorCode code, String message, ApiFailure failure, Throwable cause) {
        super(code, message, cause);
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    /** What went wrong, as data: kind, last status, attempts, the rate-limit reset. */
    public ApiFailure failure() {
        return failure;
    }
}
