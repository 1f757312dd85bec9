package dev.purser.commands.reply;

import java.util.Objects;

/**
 * A suggested next command; chat faces show it as a button, terminals as a hint.
 *
 * @param commandLine what the user would type after {@code /purser}
 */
public record FollowUp(String label, String commandLine) {
    public FollowUp {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(commandLine, "commandLine");
    }
}
