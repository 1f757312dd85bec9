package dev.purser.bot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.purser.bot.chat.FakePlans;
import dev.purser.bot.chat.JdbcButtons;
import dev.purser.bot.chat.LiveMessages;
import dev.purser.bot.discord.DiscordFace;
import dev.purser.bot.discord.DiscordReplyRenderer;
import dev.purser.bot.discord.DiscordStandIn;
import dev.purser.bot.discord.JdaMessageEdits;
import dev.purser.bot.metrics.PurserMetrics;
import dev.purser.bot.serve.PurserServer;
import dev.purser.core.config.IdentityConfig;
import dev.purser.core.config.Secret;
import dev.purser.core.config.SlackUser;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import dev.purser.mcp.McpSettings;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A plan with Approve / Reject buttons in Slack, through {@code purser serve} over loopback with
 * requests signed as Slack signs them, the Web API on WireMock, and the plan's live copy in
 * Discord on a WireMock Discord REST API: the plan is posted with {@code chat.postMessage} (its
 * ts recorded), the buttons carry Slack's own confirmation dialog, a click runs the command for
 * the clicker, and the change updates the Slack message ({@code chat.update}) and the Discord
 * one (channel message edit). The plan commands are {@link FakePlans}.
 */
class SlackApprovalButtonsTest {

    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final String TEAM = "T0123ABCD";
    static final String ALICE = "U0ALICE01";
    static final String STRANGER = "U0999ZZZZ";
    static final String CHANNEL = "C0123FINOPS";
    static final String TS = "1765000000.000200";
    static final String DISCORD_CHANNEL = "900000000000000001";
    static final String DISCORD_MESSAGE = "1400000000000000001";
    static final ObjectMapper JSON = new ObjectMapper();

    private PurserDatabase db;
    private WireMockServer slackApi;
    private DiscordStandIn discord;
    private FakePlans plans;
    private LiveMessages live;
    private PurserServer server;
    private SignedRequests slack;

    @BeforeEach
    void start() throws Exception {
        db = TestDatabase.fresh();
        slackApi = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        slackApi.start();
        for (String method : List.of("auth.test", "chat.update")) {
            slackApi.stubFor(post(urlEqualTo("/api/" + method)).willReturn(SlackServeTest.okJson(sample(method))));
        }
        // chat.postMessage answers with the channel and the ts of the new message (its documented shape)
        slackApi.stubFor(post(urlEqualTo("/api/chat.postMessage")).willReturn(SlackServeTest.okJson(
                "{\"ok\": true, \"channel\": \"" + CHANNEL + "\", \"ts\": \"" + TS + "\", \"message\": {\"type\":"
                        + " \"message\", \"bot_id\": \"B0PURSER\", \"text\": \"Plan 7\", \"ts\": \"" + TS + "\"}}")));
        slackApi.stubFor(post(urlPathEqualTo("/respond/ok")).willReturn(aResponse().withStatus(200).withBody("ok")));
        discord = new DiscordStandIn();
        discord.api.stubFor(patch(urlPathMatching("/api/v10/channels/\\d+/messages/\\d+"))
                .willReturn(DiscordStandIn.json(200, DiscordStandIn.message(DISCORD_MESSAGE, DISCORD_CHANNEL))));

        plans = new FakePlans();
        live = new LiveMessages(db.dataSource(), plans.dispatcher(), Clock.systemUTC(), Runnable::run);
        live.register(new JdaMessageEdits(discord.jda, new DiscordReplyRenderer(c -> new byte[] {1}),
                new JdbcButtons(db.dataSource(), Clock.systemUTC(), DiscordFace.BUTTON_TTL)));
        plans.changes.subscribe(live);
        SlackSettings settings = new SlackSettings(URI.create(slackApi.baseUrl() + "/api/"),
                Secret.of("SLACK_SIGNING_SECRET", SECRET), Secret.of("SLACK_BOT_TOKEN", "xoxb-test-token"),
                Secret.absent("SLACK_APP_TOKEN"), 2, 10, Duration.ofSeconds(5));
        SlackIdentities identities = new SlackIdentities(List.of(
                new IdentityConfig("alice", new SlackUser(TEAM, ALICE), null, Set.of("approver"))));
        server = PurserServer.start(new PurserServer.Options("127.0.0.1", 0, Duration.ofSeconds(5),
                plans.dispatcher(), new PurserMetrics(), McpSettings.fromEnvironment(Map.of()), settings, identities,
                () -> true, Clock.systemUTC(), live));
        slack = new SignedRequests(server.baseUri().resolve(PurserServer.SLACK_PATH), SECRET);
    }

    @AfterEach
    void stop() {
        server.close();
        slackApi.stop();
        discord.close();
        db.close();
    }

    static String sample(String method) throws Exception {
        return SlackServeTest.sample(method);
    }

    private List<LoggedRequest> posts(String path) {
        return slackApi.findAll(postRequestedFor(urlPathEqualTo(path)));
    }

    private static String form(LoggedRequest request) {
        return URLDecoder.decode(request.getBodyAsString(), StandardCharsets.UTF_8);
    }

    /** One field of a form-encoded Web API call. */
    private static String field(LoggedRequest request, String name) {
        for (String pair : request.getBodyAsString().split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + request.getBodyAsString());
    }

    private static String click(String user, String value, String trigger) {
        return SignedRequests.blockAction("""
                {"type":"block_actions","user":{"id":"%s","username":"someone","name":"someone","team_id":"%s"},
                 "api_app_id":"A0PURSER","token":"unused","container":{"type":"message","message_ts":"%s",
                 "channel_id":"%s","is_ephemeral":false},"trigger_id":"%s","team":{"id":"%s","domain":"acme"},
                 "channel":{"id":"%s","name":"finops"},"response_url":"%s",
                 "actions":[{"action_id":"purser.followup.0","block_id":"purser.followups",
                 "text":{"type":"plain_text","text":"Approve","emoji":true},"value":"%s",
                 "type":"button","action_ts":"1765000001.000100"}]}
                """.formatted(user, TEAM, TS, CHANNEL, trigger, TEAM, CHANNEL, "RESPOND", value));
    }

    private String clickBody(String user, String value, String trigger) {
        return click(user, value, trigger).replace("RESPOND",
                java.net.URLEncoder.encode(slackApi.baseUrl() + "/respond/ok", StandardCharsets.UTF_8));
    }

    /** {@code /purser plan 7} in Slack; the plan was posted in Discord before. */
    private JsonNode postPlan() throws Exception {
        live.posted(plans.show("7").live().orElseThrow(), "discord", DISCORD_CHANNEL, DISCORD_MESSAGE);
        assertThat(slack.send(SignedRequests.slashCommand(TEAM, STRANGER, "plan 7",
                slackApi.baseUrl() + "/respond/ok", "trigger-plan-7")).statusCode()).isEqualTo(200);
        await("chat.postMessage", () -> !posts("/api/chat.postMessage").isEmpty());
        return JSON.readTree(field(posts("/api/chat.postMessage").get(0), "blocks"));
    }

    @Test
    void plan_postedAsTheBot_recordedWithItsTs_buttonsAskSlackToConfirm() throws Exception {
        JsonNode blocks = postPlan();

        await("the record", () -> live.messages("plan:7").size() == 2);
        assertThat(live.messages("plan:7")).extracting(LiveMessages.Posted::messageId)
                .containsExactlyInAnyOrder(TS, DISCORD_MESSAGE);
        JsonNode approve = null;
        for (JsonNode block : blocks) {
            for (JsonNode e : block.path("elements")) {
                if (e.path("value").asText().equals("approve 7")) {
                    approve = e;
                }
            }
        }
        assertThat(approve).isNotNull();
        assertThat(approve.path("confirm").path("title").path("text").asText()).isEqualTo("Approve?");
        assertThat(approve.path("confirm").path("text").path("text").asText()).contains("/purser approve 7");
        assertThat(approve.path("confirm").path("deny").path("text").asText()).isEqualTo("Cancel");
        assertThat(SlackReplyRenderer.limitViolations((com.fasterxml.jackson.databind.node.ArrayNode) blocks)).isEmpty();
        // the answer went to the channel as the bot, not through the response_url
        assertThat(posts("/respond/ok")).isEmpty();
    }

    @Test
    void approveClick_runsForTheClicker_updatesTheSlackAndDiscordCopies() throws Exception {
        postPlan();

        assertThat(slack.send(clickBody(ALICE, "approve 7", "trigger-approve-alice")).statusCode()).isEqualTo(200);

        await("chat.update", () -> !posts("/api/chat.update").isEmpty());
        assertThat(plans.runs).contains("approve 7 as alice");
        assertThat(plans.givenAt).containsExactly("slack:" + CHANNEL + "/" + TS);
        String update = form(posts("/api/chat.update").get(0));
        assertThat(update).contains("channel=" + CHANNEL).contains("ts=" + TS).contains("1 of 2: @alice");
        List<LoggedRequest> edits = discord.api.findAll(patchRequestedFor(
                urlEqualTo("/api/v10/channels/" + DISCORD_CHANNEL + "/messages/" + DISCORD_MESSAGE)));
        assertThat(edits).hasSize(1);
        assertThat(edits.get(0).getBodyAsString()).contains("1 of 2: @alice");
        // the click's own answer, for the channel
        await("the answer", () -> !posts("/respond/ok").isEmpty());
        assertThat(posts("/respond/ok").get(0).getBodyAsString()).contains("alice approved plan 7");
    }

    @Test
    void approveClick_withoutTheRole_ephemeralReasonAndNothingChanges() throws Exception {
        postPlan();

        slack.send(clickBody(STRANGER, "approve 7", "trigger-approve-stranger"));

        await("the refusal", () -> !posts("/respond/ok").isEmpty());
        JsonNode refusal = JSON.readTree(posts("/respond/ok").get(0).getBodyAsString());
        assertThat(refusal.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(refusal.path("blocks").toString()).contains("FORBIDDEN").contains("approver role");
        assertThat(plans.runs).noneMatch(r -> r.startsWith("approve"));
        assertThat(posts("/api/chat.update")).isEmpty();
    }

    @Test
    void liveMessage_deletedInSlack_forgotten() throws Exception {
        postPlan();
        await("the record", () -> live.messages("plan:7").size() == 2);
        slackApi.stubFor(post(urlEqualTo("/api/chat.update")).willReturn(SlackServeTest.okJson(
                "{\"ok\": false, \"error\": \"message_not_found\"}")));

        assertThat(live.refreshNow("plan:7")).isEqualTo(1);

        assertThat(live.messages("plan:7")).extracting(LiveMessages.Posted::platform).containsExactly("discord");
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
