package dev.purser.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import org.junit.jupiter.api.Test;

/** Per guild or global, never both for the same name. */
class DiscordRegistrationTest {

    private static final CommandData PURSER = Commands.slash("purser", "costs");

    @Test
    void register_devGuild_inThatGuildAndGlobalRemoved() {
        RecordingScopes scopes = new RecordingScopes();
        DiscordRegistration.register(scopes, PURSER, "123456789012345678");
        assertThat(scopes.calls).containsExactly("upsert guild 123456789012345678 purser", "delete global purser");
    }

    @Test
    void register_noDevGuild_globalAndEveryGuildCopyRemoved() {
        RecordingScopes scopes = new RecordingScopes();
        DiscordRegistration.register(scopes, PURSER, null);
        assertThat(scopes.calls).containsExactly("upsert global purser", "delete guild 111111111111111111 purser",
                "delete guild 222222222222222222 purser");
    }

    private static final class RecordingScopes implements DiscordRegistration.Scopes {
        final List<String> calls = new ArrayList<>();

        @Override
        public void upsertGlobal(CommandData command) {
            calls.add("upsert global " + command.getName());
        }

        @Override
        public void deleteGlobal(String name) {
            calls.add("delete global " + name);
        }

        @Override
        public void upsertGuild(String guildId, CommandData command) {
            calls.add("upsert guild " + guildId + " " + command.getName());
        }

        @Override
        public void deleteGuild(String guildId, String name) {
            calls.add("delete guild " + guildId + " " + name);
        }

        @Override
        public List<String> guildIds() {
            return List.of("111111111111111111", "222222222222222222");
        }
    }
}
