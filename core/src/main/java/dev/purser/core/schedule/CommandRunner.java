package dev.purser.core.schedule;

import java.util.List;
import java.util.Optional;

/**
 * Runs a user-facing command as Purser itself, for jobs that post what a command answers (the
 * monthly report). Implemented over the command dispatcher where the registry is built (the bot
 * module), so core does not depend on the commands.
 */
public interface CommandRunner {

    /**
     * @param command the command's name, such as {@code report}
     * @param args    what follows it
     * @return empty when this Purser has no such command; otherwise its answer
     */
    Optional<Output> run(String command, List<String> args);

    /**
     * A command's answer as text.
     *
     * @param ok          false when the command answered with an error
     * @param lines       the answer rendered as plain text, one line each
     * @param referenceId the error's reference id, or null
     */
    record Output(boolean ok, List<String> lines, String referenceId) {
        public Output {
            lines = List.copyOf(lines);
        }
    }

    /** No commands: every job that needs one reports that it is missing. */
    CommandRunner NONE = (command, args) -> Optional.empty();
}
