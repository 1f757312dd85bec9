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
 * @param kinds        the kinds its selector argument picks, each taking its own arguments; null
 *                     when every argument applies to every invocation
 */
public record CommandSpec(
        String name,
        String title,
        String summary,
        String description,
        List<ArgumentSpec<?>> arguments,
        Role requiredRole,
        Effect effect,
        Handler handler,
        ArgumentKinds kinds) {

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
        if (kinds != null) {
            requireDeclared(name, arguments, kinds);
        }
    }

    /** A command whose arguments all apply to every invocation. */
    public CommandSpec(String name, String title, String summary, String description, List<ArgumentSpec<?>> arguments,
                       Role requiredRole, Effect effect, Handler handler) {
        this(name, title, summary, description, arguments, requiredRole, effect, handler, null);
    }

    /** This command with its selector's kinds declared. */
    public CommandSpec withKinds(ArgumentKinds argumentKinds) {
        return new CommandSpec(name, title, summary, description, arguments, requiredRole, effect, handler,
                Objects.requireNonNull(argumentKinds, "argumentKinds"));
    }

    private static void requireDeclared(String name, List<ArgumentSpec<?>> arguments, ArgumentKinds kinds) {
        Set<String> declared = new HashSet<>();
        arguments.forEach(a -> declared.add(a.name()));
        ArgumentSpec<?> selector = arguments.stream().filter(a -> a.name().equals(kinds.selector())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("command " + name + " selects kinds by "
                        + kinds.selector() + ", which it does not declare"));
        for (ArgumentKinds.Kind k : kinds.kinds()) {
            for (String a : k.accepts()) {
                if (!declared.contains(a)) {
                    throw new IllegalArgumentException("kind " + k.name() + " of " + name + " takes " + a
                            + ", which " + name + " does not declare");
                }
            }
        }
        List<String> choices = selector.type().choices();
        if (!choices.isEmpty()) {
            Set<String> kindNames = new HashSet<>();
            kinds.kinds().forEach(k -> kindNames.add(k.name()));
            if (!kindNames.equals(new HashSet<>(choices))) {
                throw new IllegalArgumentException("command " + name + ": the values of " + selector.name() + " "
                        + choices + " are not its kinds " + kindNames);
            }
        }
    }

    public Optional<ArgumentSpec<?>> argument(String argumentName) {
        return arguments.stream().filter(a -> a.name().equals(argumentName)).findFirst();
    }
}
