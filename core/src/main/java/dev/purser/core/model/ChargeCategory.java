package dev.purser.core.model;

import java.util.Locale;
import java.util.Optional;

/** FOCUS ChargeCategory. Credits are real rows with negative cost, not noise to drop. */
public enum ChargeCategory {
    USAGE("Usage"),
    PURCHASE("Purchase"),
    TAX("Tax"),
    CREDIT("Credit"),
    ADJUSTMENT("Adjustment");

    private final String focusValue;

    ChargeCategory(String focusValue) {
        this.focusValue = focusValue;
    }

    /** The value as FOCUS spells it ({@code Usage}, {@code Credit}, ...). */
    public String focusValue() {
        return focusValue;
    }

    /** Case-insensitive lookup of a FOCUS value; empty when it is not one. */
    public static Optional<ChargeCategory> fromFocus(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (ChargeCategory c : values()) {
            if (c.focusValue.toLowerCase(Locale.ROOT).equals(v)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
