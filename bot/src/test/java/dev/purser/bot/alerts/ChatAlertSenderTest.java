package dev.purser.bot.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.purser.core.alerts.AlertKind;
import dev.purser.core.alerts.AlertMessage;
import dev.purser.core.config.AlertRouteConfig;
import dev.purser.core.config.DiscordConfig;
import dev.purser.core.config.Secret;
import dev.purser.core.config.SlackConfig;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery against WireMock stand-ins for Slack's Web API and Discord's REST API, answering as
 * they document: Slack errors as 200 with ok:false, rate limits as 429 with Retry-After, server
 * errors as 5xx; Discord's message object, its 429 body with retry_after, its JSON error codes.
 */
class ChatAlertSenderTest {

    private static final AlertRouteConfig SLACK = new AlertRouteConfig("budget", "*", "slack", "C0123FINOPS");
    private static final AlertRouteConfig DISCORD = new AlertRouteConfig("anomaly", "*", "discord", "345678901234567890");
    private static final AlertMessage MESSAGE = new AlertMessage(AlertKind.BUDGET,
            "Budget livyflow-total reached 75 % in 2026-11 by actual spend",
            List.of("Spent so far: $3,100.50 of $4,000.00", "As of 2026-11-19, account livyflow <main>"),
            "purser budget status --month 2026-11");

    private WireMockServer api;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private ChatAlertSender sender;

    @BeforeEach
    void setUp() {
        api = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        api.start();
        sender = sender(Map.of("SLACK_BOT_TOKEN", "xoxb-test-token", "DISCORD_TOKEN", "discord-test-token"));
    }

    private ChatAlertSender sender(Map<String, String> env) {
        return new ChatAlertSender(new SlackConfig(URI.create(api.baseUrl() + "/api/"), null, null, null),
                new DiscordConfig(URI.create(api.baseUrl() + "/api/v10"), null, null),
                variable -> Secret.of(variable, env.get(variable)), HttpClient.newHttpClient(),
                new ChatAlertSender.Retry(4, Duration.ofSeconds(30)), waits::add);
    }

    @AfterEach
    void tearDown() {
        api.stop();
    }

    static String resource(String path) {
        try (InputStream in = ChatAlertSenderTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void send_slack_postsMessageWithTitleLinesAndExplainingCommand() {
        api.stubFor(post("/api/chat.postMessage").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(resource("/slack-api/chat.postMessage.json"))));

        sender.send(SLACK, MESSAGE);

        api.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage"))
                .withHeader("Authorization", equalTo("Bearer xoxb-test-token"))
                .withRequestBody(matchingJsonPath("$.channel", equalTo("C0123FINOPS")))
                .withRequestBody(matchingJsonPath("$.text", equalTo(MESSAGE.title())))
                .withRequestBody(matchingJsonPath("$.blocks[0].text.text",
                        equalTo("*Budget livyflow-total reached 75 % in 2026-11 by actual spend*\n"
                                + "Spent so far: $3,100.50 of $4,000.00\nAs of 2026-11-19, account livyflow &lt;main&gt;")))
                .withRequestBody(matchingJsonPath("$.blocks[1].elements[0].text",
                        equalTo("Explain: `purser budget status --month 2026-11`"))));
        assertThat(waits).isEmpty();
    }

    @Test
    void send_slackOkFalse_failsAtOnceNamingTheError() {
        api.stubFor(post("/api/chat.postMessage").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\": false, \"error\": \"channel_not_found\"}")));

        assertThatThrownBy(() -> sender.send(SLACK, MESSAGE)).isInstanceOf(PurserException.class)
                .hasMessageContaining("channel_not_found")
                .extracting(e -> ((PurserException) e).code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR);
        api.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
    }

    @Test
    void send_slack429_waitsRetryAfterThenPosts() {
        api.stubFor(post("/api/chat.postMessage").inScenario("rate").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3"))
                .willSetStateTo("open"));
        api.stubFor(post("/api/chat.postMessage").inScenario("rate").whenScenarioStateIs("open")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(resource("/slack-api/chat.postMessage.json"))));

        sender.send(SLACK, MESSAGE);

        assertThat(waits).containsExactly(Duration.ofSeconds(3));
        api.verify(2, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
    }

    @Test
    void send_slack429_longerThanTheBound_failsWithoutWaiting() {
        api.stubFor(post("/api/chat.postMessage").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

        assertThatThrownBy(() -> sender.send(SLACK, MESSAGE)).isInstanceOf(PurserException.class)
                .hasMessageContaining("rate limited for 120 s");
        assertThat(waits).isEmpty();
    }

    @Test
    void send_slack5xx_backsOffAndRetries_thenSucceeds() {
        api.stubFor(post("/api/chat.postMessage").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
        api.stubFor(post("/api/chat.postMessage").inScenario("flaky").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(500)).willSetStateTo("up"));
        api.stubFor(post("/api/chat.postMessage").inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(resource("/slack-api/chat.postMessage.json"))));

        sender.send(SLACK, MESSAGE);

        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void send_slack5xxEveryTime_failsAfterTheAttempts() {
        api.stubFor(post("/api/chat.postMessage").willReturn(aResponse().withStatus(502)));

        assertThatThrownBy(() -> sender.send(SLACK, MESSAGE)).isInstanceOf(PurserException.class)
                .hasMessageContaining("failed 4 times").hasMessageContaining("HTTP 502");
        api.verify(4, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
    }

    @Test
    void send_discord_postsOneEmbedWithTheCommandInItsFooter() {
        api.stubFor(post("/api/v10/channels/345678901234567890/messages").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(resource("/discord-api/create-message.json"))));

        sender.send(DISCORD, MESSAGE);

        api.verify(1, postRequestedFor(urlEqualTo("/api/v10/channels/345678901234567890/messages"))
                .withHeader("Authorization", equalTo("Bot discord-test-token"))
                .withRequestBody(matchingJsonPath("$.embeds[0].title", equalTo(MESSAGE.title())))
                .withRequestBody(matchingJsonPath("$.embeds[0].description",
                        equalTo("Spent so far: $3,100.50 of $4,000.00\nAs of 2026-11-19, account livyflow <main>")))
                .withRequestBody(matchingJsonPath("$.embeds[0].footer.text",
                        equalTo("Explain: purser budget status --month 2026-11")))
                .withRequestBody(matchingJsonPath("$.allowed_mentions.parse.size()", equalTo("0"))));
    }

    @Test
    void send_discord429_bodyRetryAfter_isWaited() {
        String path = "/api/v10/channels/345678901234567890/messages";
        api.stubFor(post(path).inScenario("rate").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody(resource("/discord-api/rate-limited.json")))
                .willSetStateTo("open"));
        api.stubFor(post(path).inScenario("rate").whenScenarioStateIs("open")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(resource("/discord-api/create-message.json"))));

        sender.send(DISCORD, MESSAGE);

        assertThat(waits).containsExactly(Duration.ofMillis(250));
    }

    @Test
    void send_discordUnknownChannel_failsAtOnceWithDiscordsCode() {
        api.stubFor(post("/api/v10/channels/345678901234567890/messages").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(resource("/discord-api/unknown-channel.json"))));

        assertThatThrownBy(() -> sender.send(DISCORD, MESSAGE)).isInstanceOf(PurserException.class)
                .hasMessageContaining("HTTP 404").hasMessageContaining("Unknown Channel (code 10003)");
        api.verify(1, postRequestedFor(urlEqualTo("/api/v10/channels/345678901234567890/messages")));
    }

    @Test
    void send_tokenNotSet_failsNamingTheVariable_andCallsNothing() {
        ChatAlertSender none = sender(Map.of());
        assertThatThrownBy(() -> none.send(SLACK, MESSAGE)).isInstanceOf(PurserException.class)
                .hasMessageContaining("SLACK_BOT_TOKEN is not set")
                .extracting(e -> ((PurserException) e).code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThatThrownBy(() -> none.send(DISCORD, MESSAGE)).hasMessageContaining("DISCORD_TOKEN is not set");
        assertThat(api.getAllServeEvents()).isEmpty();
    }

    @Test
    void discordBody_longText_isCutToDiscordsLimits() {
        String longLine = "x".repeat(5000);
        String body = ChatAlertSender.discordBody(new AlertMessage(AlertKind.REPORT, "t".repeat(300), List.of(longLine),
                "purser report"));
        assertThat(body).doesNotContain("t".repeat(256)).doesNotContain("x".repeat(4096)).contains("x".repeat(4095));
    }
}
