package dev.purser.commands.reply;

import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One typed value in a reply. Renderers decide how it looks (rounding, separators, symbols);
 * the value itself stays exact. A null {@code raw} is an empty cell.
 *
 * @param unit for NUMBER only, e.g. {@code rows}, {@code GiB}; may be null (a {@link Quantity} carries
 *             its own unit)
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

    public static Value quantity(Quantity quantity) {
        return new Value(ValueType.QUANTITY, quantity, null);
    }

    public static Value change(Value from, Value to) {
        return new Value(ValueType.CHANGE, new Change(from, to), null);
    }

    public static Value details(Details details) {
        return new Value(ValueType.DETAILS, details, null);
    }

    public static Value usage(UsageFigures usage) {
        return new Value(ValueType.USAGE, usage, null);
    }

    /** @param items all of one type */
    public static Value list(List<Value> items) {
        return new Value(ValueType.LIST, List.copyOf(items), null);
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

    public Quantity asQuantity() {
        return (Quantity) raw;
    }

    public Change asChange() {
        return (Change) raw;
    }

    public Details asDetails() {
        return (Details) raw;
    }

    public UsageFigures asUsage() {
        return (UsageFigures) raw;
    }

    @SuppressWarnings("unchecked")
    public List<Value> asList() {
        return (List<Value>) raw;
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
            case QUANTITY:
                return Quantity.class;
            case CHANGE:
                return Change.class;
            case DETAILS:
                return Details.class;
            case USAGE:
                return UsageFigures.class;
            case LIST:
                return List.class;
        }
        throw new AssertionError(type);
    }
}
