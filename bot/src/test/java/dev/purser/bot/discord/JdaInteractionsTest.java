package dev.purser.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import net.dv8tion.jda.api.audio.AudioModuleConfig;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.utils.data.DataObject;
import net.dv8tion.jda.internal.JDAImpl;
import net.dv8tion.jda.internal.interactions.command.SlashCommandInteractionImpl;
import net.dv8tion.jda.internal.utils.config.AuthorizationConfig;
import net.dv8tion.jda.internal.utils.config.MetaConfig;
import net.dv8tion.jda.internal.utils.config.SessionConfig;
import net.dv8tion.jda.internal.utils.config.ThreadingConfig;
import org.junit.jupiter.api.Test;

/**
 * The JDA adapter over a real JDA event built from an interaction payload shaped as Discord
 * documents it (receiving-and-responding: an APPLICATION_COMMAND from a direct message), so the
 * option types Discord sends arrive at the handler as the same Java types.
 */
class JdaInteractionsTest {

    private static final String PAYLOAD = """
            {"id": "1300000000000000001", "application_id": "1200000000000000001", "type": 2,
             "token": "interaction-token", "version": 1, "locale": "en-US", "app_permissions": "0",
             "authorizing_integration_owners": {}, "context": 1, "entitlements": [], "attachment_size_limit": 8388608,
             "channel_id": "900000000000000001",
             "channel": {"id": "900000000000000001", "type": 1, "recipients": [
                 {"id": "100000000000000011", "username": "vera", "global_name": "Vera", "discriminator": "0",
                  "avatar": null}]},
             "user": {"id": "100000000000000011", "username": "vera", "global_name": "Vera", "discriminator": "0",
                      "avatar": null},
             "data": {"id": "1100000000000000001", "name": "purser", "type": 1,
                      "options": [{"name": "cost", "type": 1, "options": [
                          {"name": "period", "type": 3, "value": "last-month"},
                          {"name": "top", "type": 4, "value": 3},
                          {"name": "chart", "type": 5, "value": true},
                          {"name": "min-impact", "type": 10, "value": 12.5}]}]}}
            """;

    private static final String SELF = """
            {"id": "1200000000000000001", "username": "purser", "discriminator": "0", "avatar": null,
             "bot": true, "verified": true, "mfa_enabled": false}
            """;

    @Test
    void slash_options_keepDiscordsTypes() {
        ScheduledExecutorService gateway = Executors.newSingleThreadScheduledExecutor();
        ThreadingConfig threads = new ThreadingConfig();
        // an interaction hook schedules its own expiry on the gateway pool
        threads.setGatewayPool(gateway, true);
        JDAImpl jda = new JDAImpl(new AuthorizationConfig("not-a-real-token"), SessionConfig.getDefault(), threads,
                MetaConfig.getDefault(), new RestConfig(), new AudioModuleConfig());
        // what the READY event would have told JDA about the bot itself
        jda.setSelfUser(jda.getEntityBuilder().createSelfUser(DataObject.fromJson(SELF)));
        SlashCommandInteractionEvent event = new SlashCommandInteractionEvent(jda, 0,
                new SlashCommandInteractionImpl(jda, DataObject.fromJson(PAYLOAD)));
        List<DiscordInteraction.Slash> seen = new ArrayList<>();

        new JdaInteractions(seen::add, click -> { }, request -> { }).onSlashCommandInteraction(event);

        assertThat(seen).hasSize(1);
        DiscordInteraction.Slash slash = seen.get(0);
        assertThat(slash.id()).isEqualTo("1300000000000000001");
        assertThat(slash.subcommand()).isEqualTo("cost");
        assertThat(slash.userId()).isEqualTo("100000000000000011");
        assertThat(slash.userName()).isEqualTo("Vera");
        assertThat(slash.channelId()).contains("900000000000000001");
        assertThat(slash.options()).isEqualTo(Map.of("period", "last-month", "top", 3L, "chart", true,
                "min-impact", 12.5));
        gateway.shutdownNow();
    }
}
