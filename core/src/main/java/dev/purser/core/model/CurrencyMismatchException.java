package dev.purser.core.model;

import java.util.Currency;

/**
 * Two amounts in different currencies met in one operation. Purser never converts currencies, so
 * this is the caller's mistake to report (the error boundary maps it to
 * {@code ErrorCode.CURRENCY_MISMATCH}); it lives here because the model depends on nothing else.
 */
public final class CurrencyMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final Currency left;
    private final Currency right;

    CurrencyMismatchException(String operation, Currency left, Currency right) {
        super("cannot " + operation + " " + right.getCurrencyCode() + " and " + left.getCurrencyCode()
                + ": Purser never converts currencies");
        this.left = left;
        this.right = right;
    }

    public Currency left() {
        return left;
    }

    public Currency right() {
        return right;
    }
}
