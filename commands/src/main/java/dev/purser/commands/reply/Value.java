package dev.purser.commands.reply;

import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One typed value in a reply. Renderers decide how it looks (rounding, separators, symbols);
 * the value itself stays exact. A null {@code raw} is an empty cell.
 *
 * @param unit for NUMBER only, e.g. {@code rows}, {@code GiB}; may be null
 */
public record Value(ValueType type, Object raw, String unit) {

    public Value {
        Objects.requireNonNull(type, "type");
        if (raw != null) {
            Class<?> expected = javaType(type);
            if (!expected.isInstance(raw)) {
                throw new IllegalArgumentException(type + " value must be a " + expected.getSimpleName()
                        + ", got " + raw.getClass().getSimpleName());
            }
        }
    }

    public static Value text(String text) {
        return new Value(ValueType.TEXT, text, null);
    }

    public static Value money(Money money) {
        return new Value(ValueType.MONEY, money, null);
    }

    public static Value number(BigDecimal number, String unit) {
        return new Value(ValueType.NUMBER, number, unit);
    }

    public static Value number(long number, String unit) {
        return new Value(ValueType.NUMBER, BigDecimal.valueOf(number), unit);
    }

    /** A ratio, null when undefined (for example growth from zero). */
    public static Value percent(BigDecimal ratio) {
        return new Value(ValueType.PERCENT, ratio, null);
    }

    public static Value date(LocalDate date) {
        return new Value(ValueType.DATE, date, null);
    }

    public static Value empty(ValueType type) {
        return new Value(type, null, null);
    }

    public boolean isEmpty() {
        return raw == null;
    }

    public Money asMoney() {
        return (Money) raw;
    }

    public BigDecimal asNumber() {
        return (BigDecimal) raw;
    }

    public LocalDate asDate() {
        return (LocalDate) raw;
    }

    public String asText() {
        return (String) raw;
    }

    private static Class<?> javaType(ValueType type) {
        switch (type) {
            case TEXT:
                return String.class;
            case MONEY:
                return Money.class;
            case NUMBER:
            case PERCENT:
                return BigDecimal.class;
            case DATE:
                return LocalDate.class;
        }
        throw new AssertionError(type);
    }
}
