package dev.purser.core.config;

import java.util.Objects;

/**
 * A secret read from the environment at the composition root: the variable it came from, for
 * messages, and its value, which {@link #toString()} never shows. Core receives secrets only as
 * this type, never as an environment map.
 */
public final class Secret {

    private final String variable;
    private final String value;

    private Secret(String variable, String value) {
        this.variable = Objects.requireNonNull(variable, "variable");
        this.value = value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * @param variable the environment variable's name
     * @param value    its value, or null or blank when unset
     */
    public static Secret of(String variable, String value) {
        return new Secret(variable, value);
    }

    /** A secret whose variable is not set: {@link #isPresent()} is false. */
    public static Secret absent(String variable) {
        return new Secret(variable, null);
    }

    /** The environment variable the value was read from: what a message tells the user to set. */
    public String variable() {
        return variable;
    }

    public boolean isPresent() {
        return value != null;
    }

    /**
     * The secret itself, for the one call that sends it (an Authorization header, a JDBC login).
     *
     * @throws IllegalStateException when the variable is not set
     */
    public String reveal() {
        if (value == null) {
            throw new IllegalStateException(variable + " is not set");
        }
        return value;
    }

    /** The value, or null when the variable is not set. */
    public String revealOrNull() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.variable.equals(variable) && Objects.equals(s.value, value);
    }

    @Override
    public int hashCode() {
        return variable.hashCode();
    }

    @Override
    public String toString() {
        return "Secret[" + variable + (value == null ? ", unset" : ", ***") + "]";
    }
}
