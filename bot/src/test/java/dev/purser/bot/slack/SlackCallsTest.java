package dev.purser.bot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries against a WireMock Slack that answers the way Slack does: 429 with Retry-After, ok:false errors. */
class SlackCallsTest {

    private WireMockServer slackApi;
    private final List<Duration> waits = new ArrayList<>();
    private SlackCalls calls;
    private MethodsClient client;

    @BeforeEach
    void start() {
        slackApi = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        slackApi.start();
        calls = new SlackCalls(HttpClient.newHttpClient(), waits::add, 3);
        com.slack.api.SlackConfig config = new com.slack.api.SlackConfig();
        config.setMethodsEndpointUrlPrefix(slackApi.baseUrl() + "/api/");
        client = Slack.getInstance(config).methods("xoxb-test-token");
    }

    @AfterEach
    void stop() {
        slackApi.stop();
    }

    private Optional<ChatPostMessageResponse> postMessage() {
        return calls.call("chat.postMessage", "ref00001", () -> client.chatPostMessage(r -> r.channel("C1").text("hi")));
    }

    @Test
    void call_429WithRetryAfter_waitsWhatSlackAskedThenSucceeds() {
        slackApi.stubFor(post(urlEqualTo("/api/chat.postMessage")).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")).willSetStateTo("open"));
        slackApi.stubFor(post(urlEqualTo("/api/chat.postMessage")).inScenario("limit").whenScenarioStateIs("open")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1700000000.000100\"}")));

        Optional<ChatPostMessageResponse> response = postMessage();

        assertThat(response).hasValueSatisfying(r -> assertThat(r.isOk()).isTrue());
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
        slackApi.verify(2, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
    }

    @Test
    void call_okFalsePermanentError_notRetried() {
        slackApi.stubFor(post(urlEqualTo("/api/chat.postMessage")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"ok\":false,\"error\":\"channel_not_found\"}")));

        Optional<ChatPostMessageResponse> response = postMessage();

        assertThat(response).hasValueSatisfying(r -> assertThat(r.getError()).isEqualTo("channel_not_found"));
        assertThat(waits).isEmpty();
        slackApi.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
    }

    @Test
    void call_transientErrorEveryTime_givesUpAfterTheAttempts() {
        slackApi.stubFor(post(urlEqualTo("/api/chat.postMessage")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"ok\":false,\"error\":\"internal_error\"}")));

        Optional<ChatPostMessageResponse> response = postMessage();

        assertThat(response).hasValueSatisfying(r -> assertThat(r.getError()).isEqualTo("internal_error"));
        slackApi.verify(3, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
        assertThat(waits).hasSize(2);
    }

    @Test
    void respond_429ThenOk_postedOnceAfterTheWait() {
        slackApi.stubFor(post(urlEqualTo("/respond/1")).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("open"));
        slackApi.stubFor(post(urlEqualTo("/respond/1")).inScenario("limit").whenScenarioStateIs("open")
                .willReturn(aResponse().withStatus(200).withBody("ok")));

        boolean posted = calls.respond(slackApi.baseUrl() + "/respond/1", "{\"text\":\"hi\"}", "ref00002");

        assertThat(posted).isTrue();
        assertThat(waits).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void respond_usedUrl_notRetried() {
        slackApi.stubFor(post(urlEqualTo("/respond/2")).willReturn(aResponse().withStatus(404).withBody("used_url")));

        boolean posted = calls.respond(slackApi.baseUrl() + "/respond/2", "{\"text\":\"hi\"}", "ref00003");

        assertThat(posted).isFalse();
        slackApi.verify(1, postRequestedFor(urlEqualTo("/respond/2")));
    }

    @Test
    void retryAfter_missingOddOrHuge_boundedWaits() {
        assertThat(SlackCalls.retryAfter(null)).isEqualTo(Duration.ofSeconds(1));
        assertThat(SlackCalls.retryAfter("soon")).isEqualTo(Duration.ofSeconds(1));
        assertThat(SlackCalls.retryAfter("3600")).isEqualTo(Duration.ofSeconds(30));
        assertThat(SlackCalls.retryAfter("4")).isEqualTo(Duration.ofSeconds(4));
    }
}
