package dev.purser.bot.discord;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import net.dv8tion.jda.api.audio.AudioModuleConfig;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.data.DataObject;
import net.dv8tion.jda.internal.JDAImpl;
import net.dv8tion.jda.internal.utils.config.AuthorizationConfig;
import net.dv8tion.jda.internal.utils.config.MetaConfig;
import net.dv8tion.jda.internal.utils.config.SessionConfig;
import net.dv8tion.jda.internal.utils.config.ThreadingConfig;

/**
 * A WireMock standing in for Discord's REST API under {@code /api/v10/}, and a real JDA whose
 * requester (base URL, bot token, rate limiter) talks to it, as {@code DiscordFace} configures
 * JDA with {@code discord.api_base_url}. The gateway is not started: JDA reads its gateway URL
 * from Discord and speaks zlib-compressed JSON over a WebSocket, which WireMock does not serve;
 * interactions are built from documented payloads instead (as the gateway would deliver them).
 *
 * <p>Responses are shaped as Discord documents them (receiving-and-responding.mdx, copied in
 * ../shared/reference/discord; rate limits as docs/topics/rate-limits describes: a 429 with
 * {@code Retry-After}, the {@code X-RateLimit-*} headers and a JSON body with {@code retry_after}
 * in seconds and {@code global}).
 */
public final class DiscordStandIn implements AutoCloseable {

    public static final String APP = "1200000000000000001";
    public static final String BOT_TOKEN = "stand-in-bot-token";

    public final WireMockServer api = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    public final JDAImpl jda;

    private static final String SELF = """
            {"id": "1200000000000000001", "username": "purser", "discriminator": "0", "avatar": null,
             "bot": true, "verified": true, "mfa_enabled": false}
            """;

    public DiscordStandIn() {
        api.start();
        ThreadingConfig threads = new ThreadingConfig();
        threads.init(() -> "stand-in");
        jda = new JDAImpl(new AuthorizationConfig(BOT_TOKEN), SessionConfig.getDefault(), threads,
                MetaConfig.getDefault(), new RestConfig().setBaseUrl(api.baseUrl() + "/api/v10/"),
                new AudioModuleConfig());
        jda.initRequester();
        jda.setSelfUser(jda.getEntityBuilder().createSelfUser(DataObject.fromJson(SELF)));
    }

    /** A message object as Discord returns it from a create or edit (a bot's message in a DM channel). */
    public static String message(String id, String channel) {
        return """
                {"id": "%s", "channel_id": "%s", "type": 20, "content": "", "tts": false,
                 "timestamp": "2026-11-15T10:00:00.000000+00:00", "edited_timestamp": "2026-11-15T10:00:01.000000+00:00",
                 "mention_everyone": false, "mentions": [], "mention_roles": [], "attachments": [], "embeds": [],
                 "components": [], "pinned": false, "flags": 0, "webhook_id": "%s", "application_id": "%s",
                 "author": {"id": "%s", "username": "purser", "discriminator": "0", "avatar": null, "bot": true}}
                """.formatted(id, channel, APP, APP, APP);
    }

    /**
     * What {@code POST /interactions/{id}/{token}/callback?with_response=true} answers: an
     * interaction callback response (the interaction, and for a message response the message).
     */
    public static String callbackResponse(String interaction, int callbackType, String messageId, String message) {
        return "{\"interaction\": {\"id\": \"" + interaction + "\", \"type\": 2, \"response_message_id\": \""
                + messageId + "\", \"response_message_loading\": " + (callbackType == 5) + ", \"response_message_ephemeral\": "
                + (callbackType == 4) + "}, \"resource\": {\"type\": " + callbackType
                + (message == null ? "" : ", \"message\": " + message) + "}}";
    }

    public static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** Discord's 429: the body and headers its rate-limit documentation shows, waiting {@code seconds}. */
    public static ResponseDefinitionBuilder rateLimited(double seconds) {
        return json(429, "{\"message\": \"You are being rate limited.\", \"retry_after\": " + seconds
                + ", \"global\": false}")
                .withHeader("Retry-After", Integer.toString((int) Math.ceil(seconds)))
                .withHeader("X-RateLimit-Limit", "5")
                .withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset-After", Double.toString(seconds))
                .withHeader("X-RateLimit-Bucket", "abcd1234")
                .withHeader("X-RateLimit-Scope", "user");
    }

    @Override
    public void close() {
        jda.shutdownNow();
        api.stop();
    }
}
