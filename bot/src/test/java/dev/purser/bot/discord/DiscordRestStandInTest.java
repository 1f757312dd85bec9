package dev.purser.bot.discord;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.purser.bot.chat.FakePlans;
import dev.purser.bot.chat.JdbcButtons;
import dev.purser.bot.chat.LiveMessages;
import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.testing.MutableClock;
import dev.purser.core.config.IdentityConfig;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.utils.data.DataObject;
import net.dv8tion.jda.internal.interactions.command.SlashCommandInteractionImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The interaction reply flow end to end over HTTP: a slash command built from a documented
 * interaction payload goes through the JDA adapter and the handler, and JDA's requester answers it
 * against a WireMock standing in for Discord's REST API at the configured base URL: the deferral
 * ({@code POST /interactions/{id}/{token}/callback}, type 5), then the answer
 * ({@code PATCH /webhooks/{app}/{token}/messages/@original}), through a 429 that JDA waits out.
 * The gateway is not part of it (see {@link DiscordStandIn}).
 */
class DiscordRestStandInTest {

    // JDA reads the interaction's age from its snowflake and refuses to answer one older than 15
    // minutes, as Discord would: the id is minted now.
    private static final String INTERACTION = Long.toString(
            net.dv8tion.jda.api.utils.TimeUtil.getDiscordTimestamp(System.currentTimeMillis()) + 1);
    private static final String TOKEN = "interaction-token";
    private static final String CHANNEL = "900000000000000001";
    private static final String ANSWER = "1400000000000000009";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLBACK = "/api/v10/interactions/" + INTERACTION + "/" + TOKEN + "/callback";

    private static String payload(String user, String plan) {
        return """
                {"id": "%s", "application_id": "%s", "type": 2, "token": "%s", "version": 1, "locale": "en-US",
                 "app_permissions": "0", "authorizing_integration_owners": {}, "context": 1, "entitlements": [],
                 "attachment_size_limit": 8388608, "channel_id": "%s",
                 "channel": {"id": "%s", "type": 1, "recipients": [
                     {"id": "%s", "username": "vera", "global_name": "Vera", "discriminator": "0", "avatar": null}]},
                 "user": {"id": "%s", "username": "vera", "global_name": "Vera", "discriminator": "0", "avatar": null},
                 "data": {"id": "1100000000000000001", "name": "purser", "type": 1,
                          "options": [{"name": "%s", "type": 1, "options": [{"name": "plan", "type": 3, "value": "7"}]}]}}
                """.formatted(INTERACTION, DiscordStandIn.APP, TOKEN, CHANNEL, CHANNEL, user, user, plan);
    }

    private PurserDatabase db;
    private DiscordStandIn discord;
    private FakePlans plans;
    private LiveMessages live;
    private JdaInteractions adapter;

    @BeforeEach
    void setUp() {
        db = TestDatabase.fresh();
        discord = new DiscordStandIn();
        plans = new FakePlans();
        MutableClock clock = MutableClock.at("2026-11-15T10:00:00Z");
        live = new LiveMessages(db.dataSource(), plans.dispatcher(), clock, Runnable::run);
        DiscordInteractionHandler handler = new DiscordInteractionHandler(plans.dispatcher(),
                new DiscordIdentities(List.of(new IdentityConfig("rafa", null, "100000000000000022", Set.of("approver")))),
                new DiscordReplyRenderer(c -> new byte[] {1}), new JdbcButtons(db.dataSource(), clock,
                        DiscordFace.BUTTON_TTL), new NoCompletions(), Runnable::run,
                (l, channel, id) -> live.posted(l, "discord", channel, id));
        adapter = new JdaInteractions(handler);
        // JDA asks with_response=true: 200 with an interaction callback response, not 204
        discord.api.stubFor(post(urlPathEqualTo(CALLBACK)).withQueryParam("with_response", equalTo("true"))
                .willReturn(DiscordStandIn.json(200, DiscordStandIn.callbackResponse(INTERACTION, 5, ANSWER, null))));
        String original = "/api/v10/webhooks/" + DiscordStandIn.APP + "/" + TOKEN + "/messages/@original";
        discord.api.stubFor(patch(urlPathEqualTo(original)).inScenario("rate").whenScenarioStateIs(STARTED)
                .willReturn(DiscordStandIn.rateLimited(0.3)).willSetStateTo("waited"));
        discord.api.stubFor(patch(urlPathEqualTo(original)).inScenario("rate").whenScenarioStateIs("waited")
                .willReturn(DiscordStandIn.json(200, DiscordStandIn.message(ANSWER, CHANNEL))));
    }

    @AfterEach
    void tearDown() {
        discord.close();
        db.close();
    }

    private void deliver(String payload) {
        adapter.onSlashCommandInteraction(new SlashCommandInteractionEvent(discord.jda, 0,
                new SlashCommandInteractionImpl(discord.jda, DataObject.fromJson(payload))));
    }

    @Test
    void slash_defersThenEditsOriginalThroughA429_andRecordsTheLiveMessage() throws Exception {
        deliver(payload("100000000000000011", "plan"));

        await("the answer after the 429", () -> edits().size() == 2 && !live.messages("plan:7").isEmpty());
        List<LoggedRequest> callbacks = discord.api.findAll(postRequestedFor(
                urlPathEqualTo(CALLBACK)));
        assertThat(callbacks).hasSize(1);
        assertThat(JSON.readTree(callbacks.get(0).getBodyAsString()).path("type").asInt()).isEqualTo(5);
        // the same edit, sent again after Discord's retry_after
        assertThat(edits().get(1).getBodyAsString()).isEqualTo(edits().get(0).getBodyAsString());
        JsonNode answer = JSON.readTree(edits().get(1).getBodyAsString());
        assertThat(answer.path("embeds").get(0).path("fields").toString()).contains("0 of 2");
        assertThat(answer.path("components").get(0).path("components").get(0).path("custom_id").asText())
                .startsWith("purser:");
        assertThat(live.messages("plan:7")).singleElement().satisfies(p -> {
            assertThat(p.channel()).isEqualTo(CHANNEL);
            assertThat(p.messageId()).isEqualTo(ANSWER);
        });
    }

    @Test
    void slash_roleMissing_ephemeralCallbackWithoutDeferring() throws Exception {
        discord.api.stubFor(post(urlPathEqualTo(CALLBACK)).withQueryParam("with_response", equalTo("true"))
                .willReturn(DiscordStandIn.json(200, DiscordStandIn.callbackResponse(INTERACTION, 4, ANSWER,
                        DiscordStandIn.message(ANSWER, CHANNEL)))));

        deliver(payload("100000000000000011", "approve"));

        await("the refusal", () -> !discord.api.findAll(postRequestedFor(
                urlPathEqualTo(CALLBACK))).isEmpty());
        LoggedRequest callback = discord.api.findAll(postRequestedFor(
                urlPathEqualTo(CALLBACK))).get(0);
        String body = callback.getBodyAsString();
        // type 4 (a message at once) with the ephemeral flag (64); multipart when JDA sends it with files
        JsonNode json = JSON.readTree(body.substring(body.indexOf('{'), body.lastIndexOf('}') + 1));
        assertThat(json.path("type").asInt()).isEqualTo(4);
        assertThat(json.path("data").path("flags").asInt() & 64).isEqualTo(64);
        assertThat(json.path("data").path("embeds").toString()).contains("approver");
        assertThat(plans.runs).isEmpty();
        assertThat(edits()).isEmpty();
    }

    private List<LoggedRequest> edits() {
        return discord.api.findAll(patchRequestedFor(urlPathEqualTo(
                "/api/v10/webhooks/" + DiscordStandIn.APP + "/" + TOKEN + "/messages/@original")));
    }

    private void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; Discord stand-in saw "
                        + discord.api.getAllServeEvents().stream().map(e -> e.getRequest().getMethod() + " "
                                + e.getRequest().getUrl() + " -> " + e.getResponse().getStatus()).toList());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private static final class NoCompletions implements DiscordCompletions {
        @Override
        public boolean offers(CommandSpec command, ArgumentSpec<?> argument) {
            return false;
        }

        @Override
        public List<String> values(CommandSpec command, ArgumentSpec<?> argument) {
            return List.of();
        }
    }
}
