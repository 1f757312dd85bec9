package dev.purser.bot.discord;

import java.util.List;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.utils.MiscUtil;

/**
 * {@link DiscordRegistration.Scopes} over a running JDA. Calls block ({@code complete()}): they
 * run once at start-up, and a failed registration should stop the face with the reason.
 */
final class JdaCommandScopes implements DiscordRegistration.Scopes {

    private final JDA jda;

    JdaCommandScopes(JDA jda) {
        this.jda = jda;
    }

    @Override
    public void upsertGlobal(CommandData command) {
        jda.upsertCommand(command).complete();
    }

    @Override
    public void deleteGlobal(String name) {
        for (Command c : jda.retrieveCommands().complete()) {
            if (c.getName().equals(name)) {
                jda.deleteCommandById(c.getId()).complete();
            }
        }
    }

    @Override
    public void upsertGuild(String guildId, CommandData command) {
        guild(guildId).upsertCommand(command).complete();
    }

    @Override
    public void deleteGuild(String guildId, String name) {
        Guild guild = guild(guildId);
        for (Command c : guild.retrieveCommands().complete()) {
            if (c.getName().equals(name)) {
                guild.deleteCommandById(c.getId()).complete();
            }
        }
    }

    @Override
    public List<String> guildIds() {
        return jda.getGuilds().stream().map(Guild::getId).toList();
    }

    private Guild guild(String id) {
        Guild guild = jda.getGuildById(MiscUtil.parseSnowflake(id));
        if (guild == null) {
            throw new IllegalStateException("the bot is not in guild " + id + " (dev_guild_id): invite it there"
                    + " with the applications.commands scope, or unset dev_guild_id to register globally");
        }
        return guild;
    }
}
