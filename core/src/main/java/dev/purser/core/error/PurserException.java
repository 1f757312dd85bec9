package dev.purser.core.error;

import dev.purser.core.model.CurrencyMismatchException;
import java.util.Objects;
import java.util.UUID;

/**
 * The one exception type Purser throws on purpose. Its message is safe to show a user (no SQL,
 * no secrets, no stack trace); the cause keeps the detail for the logs. Each instance carries a
 * short reference id so a user's report can be matched to a log line.
 */
public class PurserException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String referenceId;

    public PurserException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public PurserException(ErrorCode code, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.referenceId = UUID.randomUUID().toString().substring(0, 8);
    }

    public static PurserException badArgument(String message) {
        return new PurserException(ErrorCode.BAD_ARGUMENT, message);
    }

    /** A model rule broken by the caller, told as the error it is at the boundary. */
    public static PurserException of(CurrencyMismatchException e) {
        return new PurserException(ErrorCode.CURRENCY_MISMATCH, e.getMessage(), e);
    }

    public ErrorCode code() {
        return code;
    }

    public ErrorType type() {
        return code.type();
    }

    public String referenceId() {
        return referenceId;
    }
}
