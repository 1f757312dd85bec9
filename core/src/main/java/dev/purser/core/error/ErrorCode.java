package dev.purser.core.error;

/**
 * Stable error codes. Tests and faces match on these, never on message text.
 */
public enum ErrorCode {
    BAD_ARGUMENT(ErrorType.USER),
    UNKNOWN_COMMAND(ErrorType.USER),
    FORBIDDEN(ErrorType.USER),
    MALFORMED_FILE(ErrorType.USER),
    FILE_NOT_FOUND(ErrorType.USER),
    PATH_NOT_ALLOWED(ErrorType.USER),
    CURRENCY_MISMATCH(ErrorType.USER),
    NOT_FOUND(ErrorType.USER),
    DATABASE_UNAVAILABLE(ErrorType.EXTERNAL),
    DATABASE_ERROR(ErrorType.EXTERNAL),
    EXTERNAL_API_ERROR(ErrorType.EXTERNAL),
    INTERNAL_ERROR(ErrorType.INTERNAL);

    private final ErrorType type;

    ErrorCode(ErrorType type) {
        this.type = type;
    }

    public ErrorType type() {
        return type;
    }
}
