package dev.purser.commands;

import dev.purser.commands.reply.Reply;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A command, defined once: every face (CLI, console, Slack, Discord, MCP) is generated from this.
 *
 * @param name         what follows {@code /purser}, lower-case
 * @param title        a human title for tool lists ("Cost breakdown")
 * @param summary      one line for help
 * @param description  what it answers and when to use it; an AI assistant chooses tools by this
 * @param requiredRole the role a principal needs to run it (and to see it listed)
 */
public record CommandSpec(
        String name,
        String title,
        String summary,
        String description,
        List<ArgumentSpec<?>> arguments,
        Role requiredRole,
        Effect effect,
        Handler handler) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    /** Runs a parsed invocation. Throws {@link dev.purser.core.error.PurserException} for expected failures. */
    @FunctionalInterface
    public interface Handler {
        Reply handle(Invocation invocation, CommandContext context);
    }

    public CommandSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(requiredRole, "requiredRole");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(handler, "handler");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("command name must be lower-case words joined by dashes: " + name);
        }
        arguments = List.copyOf(arguments);
        Set<String> seen = new HashSet<>();
        for (ArgumentSpec<?> a : arguments) {
            if (!seen.add(a.name())) {
                throw new IllegalArgumentException("command " + name + " declares argument " + a.name() + " twice");
            }
        }
    }

    public Optional<ArgumentSpec<?>> argument(String argumentName) {
        return arguments.stream().filter(a -> a.name().equals(argumentName)).findFirst();
    }
}
