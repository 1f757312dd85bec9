package dev.purser.bot.discord;

import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.CommandSpec;
import java.util.List;

/**
 * Values Purser knows for an option (accounts, services, database targets), suggested while the
 * user types. Which options offer suggestions is fixed when the command is registered.
 */
public interface DiscordCompletions {

    /** Whether this option is registered with autocomplete. */
    boolean offers(CommandSpec command, ArgumentSpec<?> argument);

    /** The known values, in the order to show them; the handler filters by what was typed. */
    List<String> values(CommandSpec command, ArgumentSpec<?> argument);

    /** No suggestions beyond the closed sets of the argument types. */
    static DiscordCompletions none() {
        return new DiscordCompletions() {
            @Override
            public boolean offers(CommandSpec command, ArgumentSpec<?> argument) {
                return false;
            }

            @Override
            public List<String> values(CommandSpec command, ArgumentSpec<?> argument) {
                return List.of();
            }
        };
    }
}
