package dev.purser.commands;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A command with its arguments parsed, validated and defaulted. Absent optional arguments with
 * no default have no entry.
 */
public record Invocation(CommandSpec command, Map<String, Object> values) {

    public Invocation {
        Objects.requireNonNull(command, "command");
        values = Map.copyOf(values);
    }

    /** The value of a single-valued argument, or null when absent and without default. */
    @SuppressWarnings("unchecked")
    public <T> T get(ArgumentSpec<T> argument) {
        requireDeclared(argument);
        if (argument.multiple()) {
            throw new IllegalArgumentException(argument.name() + " takes several values: use getAll");
        }
        return (T) values.get(argument.name());
    }

    /** The values of a repeatable argument, empty when absent. */
    @SuppressWarnings("unchecked")
    public <T> List<T> getAll(ArgumentSpec<T> argument) {
        requireDeclared(argument);
        Object v = values.get(argument.name());
        if (v == null) {
            return List.of();
        }
        return argument.multiple() ? (List<T>) v : List.of((T) v);
    }

    public boolean has(ArgumentSpec<?> argument) {
        return values.containsKey(argument.name());
    }

    private void requireDeclared(ArgumentSpec<?> argument) {
        if (command.argument(argument.name()).orElse(null) != argument) {
            throw new IllegalArgumentException("argument " + argument.name() + " is not declared by " + command.name());
        }
    }
}
