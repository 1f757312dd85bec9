package dev.purser.commands;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One typed argument of a command.
 *
 * @param name         lower-case, dash-separated; typed as {@code --name value}
 * @param defaultValue the text parsed when the argument is absent (so {@code mtd} means the month
 *                     of the invocation, not of start-up); null when there is none
 * @param positional   may also be given without its name, in declaration order
 * @param multiple     may be given more than once; the value is then a list
 * @param flag         a boolean switch: {@code --name} alone means true
 */
public record ArgumentSpec<T>(
        String name,
        String description,
        ArgumentType<T> type,
        boolean required,
        String defaultValue,
        boolean positional,
        boolean multiple,
        boolean flag) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    public ArgumentSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(type, "type");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("argument name must be lower-case words joined by dashes: " + name);
        }
        if (required && defaultValue != null) {
            throw new IllegalArgumentException("argument " + name + " is required and so cannot have a default");
        }
        if (flag && type.jsonKind() != ArgumentType.JsonKind.BOOLEAN) {
            throw new IllegalArgumentException("flag " + name + " must have a boolean type");
        }
    }

    public static <T> Builder<T> builder(String name, ArgumentType<T> type) {
        return new Builder<>(name, type);
    }

    /** Fluent construction; everything but name, type and description is optional. */
    public static final class Builder<T> {
        private final String name;
        private final ArgumentType<T> type;
        private String description = "";
        private boolean required;
        private String defaultValue;
        private boolean positional;
        private boolean multiple;
        private boolean flag;

        private Builder(String name, ArgumentType<T> type) {
            this.name = name;
            this.type = type;
        }

        public Builder<T> description(String description) {
            this.description = description;
            return this;
        }

        public Builder<T> required() {
            this.required = true;
            return this;
        }

        public Builder<T> defaultValue(String defaultValue) {
            this.defaultValue = defaultValue;
            return this;
        }

        public Builder<T> positional() {
            this.positional = true;
            return this;
        }

        public Builder<T> multiple() {
            this.multiple = true;
            return this;
        }

        public Builder<T> flag() {
            this.flag = true;
            return this;
        }

        public ArgumentSpec<T> build() {
            return new ArgumentSpec<>(name, description, type, required, defaultValue, positional, multiple, flag);
        }
    }
}
