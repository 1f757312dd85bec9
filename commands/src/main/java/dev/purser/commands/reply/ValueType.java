package dev.purser.commands.reply;

/** The kinds of value a reply can hold; each renderer handles every one (no default branch). */
public enum ValueType {
    /** Free text. */
    TEXT,
    /** A {@link dev.purser.core.model.Money}: exact amount and currency. */
    MONEY,
    /** A {@link java.math.BigDecimal} with an optional unit. */
    NUMBER,
    /** A ratio as {@link java.math.BigDecimal} (0.25 is 25 %). */
    PERCENT,
    /** A {@link java.time.LocalDate}. */
    DATE,
    /** A {@link Quantity}: an amount with its unit (cores, bytes). */
    QUANTITY,
    /** A {@link Change}: a setting now and as proposed. */
    CHANGE,
    /** {@link Details}: named values that belong together, such as a configuration. */
    DETAILS,
    /** {@link UsageFigures}: CPU p95/p99 and memory maximum of a container. */
    USAGE,
    /** A {@code List<Value>} of values of one type, such as threshold percentages. */
    LIST
}
