package dev.purser.commands;

import dev.purser.commands.reply.Reply;
import java.util.List;
import java.util.Map;

/**
 * The one way every face runs a command: parse, check the principal's role, run the handler,
 * and turn every failure into an error {@link Reply} (a sentence, a code, a reference id; the
 * detail goes to the log). Never throws for a bad request.
 */
public final class CommandDispatcher {

    private final CommandRegistry registry;

    public CommandDispatcher(CommandRegistry registry) {
        this.registry = registry;
    }

    public CommandRegistry registry() {
        return registry;
    }

    /**
     * Runs what a user typed after {@code /purser}, already split into tokens (the first is the
     * command name). An empty list runs {@code help}.
     */
    public Reply run(Principal principal, String face, List<String> tokens) {
        throw new UnsupportedOperationException("being written");
    }

    /** Splits a chat line into tokens (quotes group words) and runs it. */
    public Reply run(Principal principal, String face, String line) {
        throw new UnsupportedOperationException("being written");
    }

    /**
     * Runs a command with named arguments as structured faces send them (MCP): values are
     * strings, numbers, booleans, or lists of those for repeatable arguments.
     */
    public Reply runNamed(Principal principal, String face, String command, Map<String, Object> arguments) {
        throw new UnsupportedOperationException("being written");
    }
}
