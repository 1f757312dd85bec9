package dev.purser.bot.discord;

import java.util.List;
import java.util.Objects;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where {@code /purser} is registered: in one guild while developing ({@code dev_guild_id} set;
 * it shows at once) or globally in production (it can take up to an hour to appear), never both.
 * Discord shows a command registered both ways twice in that guild (JDA#2574), so registering in
 * one scope also removes a {@code /purser} left in the other by an earlier run.
 */
final class DiscordRegistration {

    private static final Logger LOG = LoggerFactory.getLogger(DiscordRegistration.class);

    /** The application-command endpoints the registration uses; {@link JdaCommandScopes} calls Discord. */
    interface Scopes {
        void upsertGlobal(CommandData command);

        /** Deletes the global command of that name, if there is one. */
        void deleteGlobal(String name);

        void upsertGuild(String guildId, CommandData command);

        /** Deletes the guild command of that name, if there is one. */
        void deleteGuild(String guildId, String name);

        /** The guilds the bot is in. */
        List<String> guildIds();
    }

    private DiscordRegistration() {
    }

    /** @param devGuildId the guild to register in, or null to register globally */
    static void register(Scopes scopes, CommandData command, String devGuildId) {
        Objects.requireNonNull(command, "command");
        if (devGuildId != null) {
            scopes.upsertGuild(devGuildId, command);
            scopes.deleteGlobal(command.getName());
            LOG.info("discord: /{} registered in guild {} (development); no global /{}", command.getName(),
                    devGuildId, command.getName());
            return;
        }
        scopes.upsertGlobal(command);
        for (String guild : scopes.guildIds()) {
            scopes.deleteGuild(guild, command.getName());
        }
        LOG.info("discord: /{} registered globally; Discord may take up to an hour to show changes",
                command.getName());
    }
}
