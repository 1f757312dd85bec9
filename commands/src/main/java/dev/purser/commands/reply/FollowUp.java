package dev.purser.commands.reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A suggested next command, structured: the command's name and its arguments in order. A chat
 * face makes a button of it that runs the command for whoever clicks (the role it needs and
 * whether it changes anything come from the command registry, by {@link #command()}); a
 * terminal shows {@link #commandLine()}.
 *
 * @param command the registered command's name, e.g. {@code cost}
 * @param confirm true when a click must be confirmed before the command runs (an approval, a
 *                rejection: anything a stray tap should not do); faces ask in their own way
 */
public record FollowUp(String label, String command, List<Argument> arguments, boolean confirm) {

    /** A follow-up that runs at once when clicked. */
    public FollowUp(String label, String command, List<Argument> arguments) {
        this(label, command, arguments, false);
    }

    public FollowUp {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(command, "command");
        if (command.isBlank() || command.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("follow-up command must be one word: '" + command + "'");
        }
        arguments = List.copyOf(arguments);
    }

    /** Starts a follow-up that runs {@code command}; add its arguments in the order to type them. */
    public static Builder to(String label, String command) {
        return new Builder(label, command);
    }

    /** What the user would type after {@code /purser}: values with spaces or quotes are quoted. */
    public String commandLine() {
        StringBuilder line = new StringBuilder(command);
        for (Argument a : arguments) {
            line.append(' ');
            switch (a.kind()) {
                case POSITIONAL -> line.append(quoted(a.value()));
                case OPTION -> line.append("--").append(a.name()).append(' ').append(quoted(a.value()));
                case FLAG -> line.append("--").append(a.name());
            }
        }
        return line.toString();
    }

    /** The tokens a dispatcher runs, unquoted: the command, then each argument's tokens. */
    public List<String> tokens() {
        List<String> tokens = new ArrayList<>();
        tokens.add(command);
        for (Argument a : arguments) {
            switch (a.kind()) {
                case POSITIONAL -> tokens.add(a.value());
                case OPTION -> {
                    tokens.add("--" + a.name());
                    tokens.add(a.value());
                }
                case FLAG -> tokens.add("--" + a.name());
            }
        }
        return List.copyOf(tokens);
    }

    /** A chat-line token: as is when it has no space or quote, else in the quotes it does not contain. */
    static String quoted(String text) {
        if (!text.isEmpty() && text.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'')) {
            return text;
        }
        return text.indexOf('"') < 0 ? "\"" + text + "\"" : "'" + text + "'";
    }

    /** How an argument is typed. */
    public enum ArgumentKind {
        /** A bare value, e.g. the period of {@code cost 2026-10}. */
        POSITIONAL,
        /** {@code --name value}. */
        OPTION,
        /** {@code --name} alone, meaning true. */
        FLAG
    }

    /**
     * One argument of a follow-up.
     *
     * @param name  the argument's name without dashes; for a positional, the empty string
     * @param value the value as typed; for a flag, the empty string
     */
    public record Argument(ArgumentKind kind, String name, String value) {
        public Argument {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (kind != ArgumentKind.POSITIONAL && name.isBlank()) {
                throw new IllegalArgumentException(kind + " argument needs a name");
            }
        }

        public static Argument positional(String value) {
            return new Argument(ArgumentKind.POSITIONAL, "", value);
        }

        public static Argument option(String name, String value) {
            return new Argument(ArgumentKind.OPTION, name, value);
        }

        public static Argument flag(String name) {
            return new Argument(ArgumentKind.FLAG, name, "");
        }
    }

    /** Collects a follow-up's arguments in order. */
    public static final class Builder {
        private final String label;
        private final String command;
        private final List<Argument> arguments = new ArrayList<>();
        private boolean confirm;

        private Builder(String label, String command) {
            this.label = label;
            this.command = command;
        }

        public Builder positional(String value) {
            arguments.add(Argument.positional(value));
            return this;
        }

        public Builder option(String name, String value) {
            arguments.add(Argument.option(name, value));
            return this;
        }

        public Builder flag(String name) {
            arguments.add(Argument.flag(name));
            return this;
        }

        public Builder arguments(List<Argument> more) {
            arguments.addAll(more);
            return this;
        }

        /** A click asks the clicker to confirm before the command runs. */
        public Builder confirm() {
            confirm = true;
            return this;
        }

        public FollowUp build() {
            return new FollowUp(label, command, arguments, confirm);
        }
    }
}
