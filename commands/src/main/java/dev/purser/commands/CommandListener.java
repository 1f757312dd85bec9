package dev.purser.commands;

import java.time.Duration;

/**
 * Told about every command the dispatcher runs, after it ran: the hook through which a face-free
 * dispatcher feeds metrics that live with the faces. Called on the thread that ran the command;
 * it must be quick and must not throw.
 */
@FunctionalInterface
public interface CommandListener {

    /** Listens to nothing. */
    CommandListener NONE = (context, command, outcome, took) -> { };

    /**
     * @param command the command's name as shown in replies and logs ({@code purser} when the
     *                typed name was not a command-like word)
     * @param outcome {@code ok}, or the error code's name ({@code FORBIDDEN}, {@code BAD_ARGUMENT}, ...)
     * @param took    how long parsing and running took
     */
    void finished(CommandContext context, String command, String outcome, Duration took);
}
