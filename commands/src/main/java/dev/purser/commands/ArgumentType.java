package dev.purser.commands;

import java.util.List;

/**
 * How one argument's text becomes a typed value. The same type produces the Slack usage text,
 * the Discord option and the MCP JSON Schema, so a value accepted on one face is accepted on all.
 *
 * @param <T> the parsed value's type
 */
public interface ArgumentType<T> {

    /** The JSON Schema primitive this argument is exchanged as. */
    enum JsonKind { STRING, INTEGER, NUMBER, BOOLEAN }

    /**
     * @throws dev.purser.core.error.PurserException BAD_ARGUMENT saying what was expected
     */
    T parse(String text);

    JsonKind jsonKind();

    /** The closed set of accepted values, or empty when the set is open. */
    default List<String> choices() {
        return List.of();
    }

    /** Short words for usage text: {@code period}, {@code number 1..50}, {@code service|region}. */
    String expected();

    /** Examples or accepted forms for descriptions, possibly empty. */
    default List<String> examples() {
        return List.of();
    }

    /** Inclusive bounds for integers, or null. */
    default Long minimum() {
        return null;
    }

    default Long maximum() {
        return null;
    }
}
