package dev.purser.core.analysis.costs;

import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.math.MathContext;

/** A dimension value whose cost changed between two periods. */
public record CostMover(String key, Money previous, Money current) {

    public Money change() {
        return current.minus(previous);
    }

    /** Relative change, or null when the previous amount was zero (new spend). */
    public BigDecimal relativeChange() {
        if (previous.isZero()) {
            return null;
        }
        return change().amount().divide(previous.amount().abs(), MathContext.DECIMAL64);
    }
}
