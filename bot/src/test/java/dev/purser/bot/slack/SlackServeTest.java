package dev.purser.bot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.purser.bot.metrics.PurserMetrics;
import dev.purser.bot.serve.PurserServer;
import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.testing.Fixtures;
import dev.purser.commands.testing.SampleReplies;
import dev.purser.core.config.IdentityConfig;
import dev.purser.core.config.Secret;
import dev.purser.core.config.SlackUser;
import dev.purser.mcp.McpSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code purser serve} with its Slack face, over real loopback HTTP: requests signed as Slack
 * signs them reach the real Bolt app in Jetty, and the answers land on a WireMock standing in
 * for Slack (its Web API and the {@code response_url}s it hands out).
 */
class SlackServeTest {

    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final String TEAM = "T0123ABCD";
    static final String BOB = "U0789IJKL";
    static final String STRANGER = "U0999ZZZZ";

    static WireMockServer slackApi;
    static PurserServer server;
    static PurserMetrics metrics;
    static SignedRequests slack;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start(@TempDir Path imports) throws IOException {
        slackApi = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        slackApi.start();
        stubWebApi();
        Files.writeString(imports.resolve("october.csv"), "x");
        Fixtures fx = new Fixtures(imports);
        SampleReplies.mandible(fx.costs);
        metrics = new PurserMetrics();
        CommandDispatcher dispatcher = new CommandDispatcher(fx.registry, metrics);
        SlackSettings settings = new SlackSettings(URI.create(slackApi.baseUrl() + "/api/"),
                Secret.of("SLACK_SIGNING_SECRET", SECRET), Secret.of("SLACK_BOT_TOKEN", "xoxb-test-token"),
                Secret.absent("SLACK_APP_TOKEN"), 2, 10, Duration.ofSeconds(5));
        McpSettings mcp = McpSettings.fromEnvironment(Map.of(McpSettings.TOKENS, "ci:mcp-test-token-0123456789:viewer"));
        SlackIdentities identities = new SlackIdentities(List.of(
                new IdentityConfig("bob", new SlackUser(TEAM, BOB), null, Set.of("admin", "requester"))));
        server = PurserServer.start(new PurserServer.Options("127.0.0.1", 0, Duration.ofSeconds(5), dispatcher, metrics,
                mcp, settings, identities, () -> true, Clock.systemUTC()));
        slack = new SignedRequests(server.baseUri().resolve(PurserServer.SLACK_PATH), SECRET);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (slackApi != null) {
            slackApi.stop();
        }
    }

    @BeforeEach
    void clearRequests() {
        slackApi.resetRequests();
    }

    static void stubWebApi() throws IOException {
        for (String method : List.of("auth.test", "chat.postMessage", "chat.postEphemeral", "files.completeUploadExternal",
                "views.publish")) {
            slackApi.stubFor(post(urlEqualTo("/api/" + method)).willReturn(okJson(sample(method))));
        }
        slackApi.stubFor(post(urlEqualTo("/api/files.getUploadURLExternal")).willReturn(okJson(
                sample("files.getUploadURLExternal").replace("{{UPLOAD_URL}}", slackApi.baseUrl() + "/upload/F0CHART01"))));
        slackApi.stubFor(post(urlEqualTo("/upload/F0CHART01")).willReturn(aResponse().withStatus(200).withBody("OK")));
        slackApi.stubFor(post(urlPathEqualTo("/respond/ok")).willReturn(aResponse().withStatus(200).withBody("ok")));
        slackApi.stubFor(post(urlPathEqualTo("/respond/expired"))
                .willReturn(aResponse().withStatus(404).withBody("expired_url")));
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJsonSample(String method)
            throws IOException {
        return okJson(sample(method));
    }

    static String sample(String method) throws IOException {
        try (InputStream in = SlackServeTest.class.getResourceAsStream("/slack-api/" + method + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String responseUrl(String name) {
        return slackApi.baseUrl() + "/respond/" + name;
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

    static List<LoggedRequest> posts(String path) {
        return slackApi.findAll(postRequestedFor(urlPathEqualTo(path)));
    }

    static JsonNode awaitResponse(String path) throws IOException {
        await("a post to " + path, () -> !posts(path).isEmpty());
        return JSON.readTree(posts(path).get(0).getBodyAsString());
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.baseUri().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static double metric(String line) throws Exception {
        for (String l : get(PurserServer.METRICS_PATH).body().split("\n")) {
            if (l.startsWith(line + " ")) {
                return Double.parseDouble(l.substring(line.length() + 1).trim());
            }
        }
        return 0;
    }

    @Test
    void slashCommand_signed_acksAtOnceAndAnswersOnTheResponseUrl() throws Exception {
        String trigger = "trigger-cost-1";
        HttpResponse<String> ack = slack.send(SignedRequests.slashCommand(TEAM, STRANGER, "cost last-month --top 3",
                responseUrl("ok") + "?t=" + trigger, trigger));

        assertThat(ack.statusCode()).isEqualTo(200);
        JsonNode answer = awaitResponse("/respond/ok");
        assertThat(answer.path("response_type").asText()).isEqualTo("in_channel");
        assertThat(answer.path("blocks").get(0).path("type").asText()).isEqualTo("header");
        assertThat(answer.path("blocks").toString()).contains("Droplets");
        assertThat(SlackReplyRenderer.limitViolations((com.fasterxml.jackson.databind.node.ArrayNode) answer.path("blocks")))
                .isEmpty();
    }

    @Test
    void slashCommand_forgedSignature_401AndNothingRuns() throws Exception {
        double before = metric("purser_slack_rejected_requests_total");
        String body = SignedRequests.slashCommand(TEAM, BOB, "cost", responseUrl("ok"), "trigger-forged");

        HttpResponse<String> response = slack.send(body, Instant.now().getEpochSecond(), "not-the-secret", Map.of());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(metric("purser_slack_rejected_requests_total")).isEqualTo(before + 1);
        assertThat(posts("/respond/ok")).isEmpty();
    }

    @Test
    void forgedFlood_countedButLoggedAtMostOnceAMinute() throws Exception {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log =
                new ch.qos.logback.core.read.ListAppender<>();
        log.start();
        root.addAppender(log);
        double before = metric("purser_slack_rejected_requests_total");
        try {
            for (int i = 0; i < 20; i++) {
                String body = SignedRequests.slashCommand(TEAM, BOB, "cost", responseUrl("ok"), "trigger-flood-" + i);
                assertThat(slack.send(body, Instant.now().getEpochSecond(), "forged-" + i, Map.of()).statusCode())
                        .isEqualTo(401);
            }
        } finally {
            root.detachAppender(log);
        }

        assertThat(metric("purser_slack_rejected_requests_total")).isEqualTo(before + 20);
        assertThat(log.list).hasSizeLessThanOrEqualTo(1);
        assertThat(posts("/respond/ok")).isEmpty();
    }

    @Test
    void slashCommand_olderThanFiveMinutes_401AndNothingRuns() throws Exception {
        String body = SignedRequests.slashCommand(TEAM, BOB, "cost", responseUrl("ok"), "trigger-stale");

        HttpResponse<String> response = slack.send(body, Instant.now().minusSeconds(6 * 60).getEpochSecond(), SECRET,
                Map.of());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(posts("/respond/ok")).isEmpty();
    }

    @Test
    void slashCommand_retriedDelivery_runsOnce() throws Exception {
        String trigger = "trigger-retried";
        String body = SignedRequests.slashCommand(TEAM, BOB, "cost", responseUrl("ok") + "?t=" + trigger, trigger);
        assertThat(slack.send(body).statusCode()).isEqualTo(200);
        awaitResponse("/respond/ok");
        double duplicates = metric("purser_slack_duplicate_requests_total");

        HttpResponse<String> retry = slack.send(body, Instant.now().getEpochSecond(), SECRET,
                Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"));

        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(metric("purser_slack_duplicate_requests_total")).isEqualTo(duplicates + 1);
    }

    @Test
    void slashCommand_roleMissing_ephemeralRefusalNamingTheRole() throws Exception {
        String trigger = "trigger-refused";
        slack.send(SignedRequests.slashCommand(TEAM, STRANGER, "import focus october.csv", responseUrl("ok"), trigger));

        JsonNode answer = awaitResponse("/respond/ok");

        assertThat(answer.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(answer.path("blocks").toString()).contains("FORBIDDEN").contains("requester role");
    }

    @Test
    void slashCommand_configuredUser_runsWithTheConfiguredRoles() throws Exception {
        slack.send(SignedRequests.slashCommand(TEAM, BOB, "import focus october.csv", responseUrl("ok"), "trigger-bob"));

        JsonNode answer = awaitResponse("/respond/ok");

        assertThat(answer.path("blocks").toString()).doesNotContain("FORBIDDEN");
        assertThat(answer.path("response_type").asText()).isEqualTo("in_channel");
    }

    @Test
    void slashCommand_typo_parserMessageWithSuggestion() throws Exception {
        slack.send(SignedRequests.slashCommand(TEAM, BOB, "cots", responseUrl("ok"), "trigger-typo"));

        JsonNode answer = awaitResponse("/respond/ok");

        assertThat(answer.path("blocks").toString()).contains("cost").contains("UNKNOWN_COMMAND");
    }

    @Test
    void slashCommand_responseUrlGone_fallsBackToChatPostMessage() throws Exception {
        slack.send(SignedRequests.slashCommand(TEAM, BOB, "cost", responseUrl("expired"), "trigger-expired"));

        await("chat.postMessage", () -> !posts("/api/chat.postMessage").isEmpty());
        LoggedRequest post = posts("/api/chat.postMessage").get(0);
        assertThat(post.getHeader("Authorization")).isEqualTo("Bearer xoxb-test-token");
        assertThat(post.getBodyAsString()).contains("channel=C0123FINOPS").contains("blocks=");
    }

    @Test
    void refusal_responseUrlExpired_fallsBackToChatPostEphemeralForTheAskerOnly() throws Exception {
        slack.send(SignedRequests.slashCommand(TEAM, STRANGER, "import focus october.csv", responseUrl("expired"),
                "trigger-refused-expired"));

        await("chat.postEphemeral", () -> !posts("/api/chat.postEphemeral").isEmpty());
        LoggedRequest post = posts("/api/chat.postEphemeral").get(0);
        String body = java.net.URLDecoder.decode(post.getBodyAsString(), StandardCharsets.UTF_8);
        assertThat(post.getHeader("Authorization")).isEqualTo("Bearer xoxb-test-token");
        assertThat(body).contains("channel=C0123FINOPS").contains("user=" + STRANGER).contains("FORBIDDEN")
                .contains("requester role");
        // a refusal never goes to the channel
        assertThat(posts("/api/chat.postMessage")).isEmpty();
    }

    @Test
    void refusal_responseUrlExpiredAndUserNotInChannel_loggedNothingPosted() throws Exception {
        slackApi.stubFor(post(urlEqualTo("/api/chat.postEphemeral")).atPriority(1)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("user=" + BOB))
                .willReturn(okJson("{\"ok\": false, \"error\": \"user_not_in_channel\"}")));
        try {
            // bob may import, so a refusal for him needs another command: an unknown one is refused as an error too
            slack.send(SignedRequests.slashCommand(TEAM, BOB, "cots", responseUrl("expired"), "trigger-err-expired"));

            await("chat.postEphemeral", () -> !posts("/api/chat.postEphemeral").isEmpty());
            // ok:false is final: nothing to the channel instead
            assertThat(posts("/api/chat.postEphemeral")).hasSize(1);
            assertThat(posts("/api/chat.postMessage")).isEmpty();
        } finally {
            slackApi.resetMappings();
            stubWebApi();
        }
    }

    @Test
    void followUpButton_runsForTheClickerWithTheClickersRoles_duplicateIgnored() throws Exception {
        String payload = """
                {"type":"block_actions","user":{"id":"%s","username":"stranger","name":"stranger","team_id":"%s"},
                 "api_app_id":"A0PURSER","token":"unused","container":{"type":"message","message_ts":"1700000000.000100",
                 "channel_id":"C0123FINOPS","is_ephemeral":false},"trigger_id":"trigger-click-1","team":{"id":"%s","domain":"acme"},
                 "channel":{"id":"C0123FINOPS","name":"finops"},"response_url":"%s",
                 "actions":[{"action_id":"purser.followup.0","block_id":"purser.followups",
                 "text":{"type":"plain_text","text":"Import","emoji":true},"value":"import focus october.csv",
                 "type":"button","action_ts":"1700000001.000200"}]}
                """.formatted(STRANGER, TEAM, TEAM, responseUrl("ok"));
        String body = SignedRequests.blockAction(payload);

        assertThat(slack.send(body).statusCode()).isEqualTo(200);
        JsonNode answer = awaitResponse("/respond/ok");
        double duplicates = metric("purser_slack_duplicate_requests_total");
        assertThat(slack.send(body).statusCode()).isEqualTo(200);

        assertThat(answer.path("blocks").toString()).contains("FORBIDDEN").contains("requester role");
        assertThat(metric("purser_slack_duplicate_requests_total")).isEqualTo(duplicates + 1);
    }

    @Test
    void slashCommand_chart_uploadedThroughTheExternalUploadFlowIntoTheChannel() throws Exception {
        slack.send(SignedRequests.slashCommand(TEAM, BOB, "trend 2026-10", responseUrl("ok"), "trigger-chart"));

        await("files.completeUploadExternal", () -> !posts("/api/files.completeUploadExternal").isEmpty());
        String slot = posts("/api/files.getUploadURLExternal").get(0).getBodyAsString();
        byte[] png = posts("/upload/F0CHART01").get(0).getBody();
        String complete = java.net.URLDecoder.decode(posts("/api/files.completeUploadExternal").get(0).getBodyAsString(),
                StandardCharsets.UTF_8);
        assertThat(slot).contains("filename=purser-trend").contains(".png").contains("length=" + png.length);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(complete).contains("channel_id=C0123FINOPS").contains("\"id\":\"F0CHART01\"");
        assertThat(awaitResponse("/respond/ok").path("blocks").toString()).contains(":bar_chart:");
    }

    @Test
    void appHomeOpened_publishesTheViewersHome_retriedDeliveryOnce() throws Exception {
        // One line, as Slack sends it: Bolt's servlet adapter reads the body line by line, so a
        // final line break would not be part of the bytes it verifies.
        String event = """
                {"token":"unused","team_id":"%s","api_app_id":"A0PURSER","type":"event_callback",
                 "event_id":"Ev0HOME0001","event_time":1765000000,
                 "event":{"type":"app_home_opened","user":"%s","channel":"D0HOME","tab":"home","event_ts":"1765000000.000100"}}
                """.formatted(TEAM, BOB).replace("\n", "");

        HttpResponse<String> first = slack.sendJson(event, Map.of());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        await("views.publish", () -> !posts("/api/views.publish").isEmpty());
        double duplicates = metric("purser_slack_duplicate_requests_total");
        assertThat(slack.sendJson(event, Map.of("X-Slack-Retry-Num", "1")).statusCode()).isEqualTo(200);

        String publish = java.net.URLDecoder.decode(posts("/api/views.publish").get(0).getBodyAsString(),
                StandardCharsets.UTF_8);
        assertThat(publish).contains("user_id=" + BOB).contains("\"type\":\"home\"").contains("Billed cost");
        assertThat(metric("purser_slack_duplicate_requests_total")).isEqualTo(duplicates + 1);
    }

    @Test
    void health_live() throws Exception {
        HttpResponse<String> health = get("/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
    }

    @Test
    void ready_databaseUpAndFacesStarted() throws Exception {
        HttpResponse<String> ready = get(PurserServer.READY_PATH);

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("READY");
    }

    @Test
    void metrics_countCommandsByCommandFaceAndOutcome() throws Exception {
        slack.send(SignedRequests.slashCommand(TEAM, BOB, "help", responseUrl("ok"), "trigger-metrics"));
        awaitResponse("/respond/ok");

        String scrape = get(PurserServer.METRICS_PATH).body();

        assertThat(scrape).contains("purser_commands_total{command=\"help\",face=\"slack\",outcome=\"ok\"}");
        assertThat(scrape).contains("purser_command_duration_seconds_bucket{command=\"help\",face=\"slack\"");
    }

    @Test
    void mcp_mountedBehindItsTokenGuard() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(server.baseUri().resolve("/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }
}
