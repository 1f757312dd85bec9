package dev.purser.bot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.purser.bot.metrics.PurserMetrics;
import dev.purser.bot.serve.PurserServer;
import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.CommandRegistry;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.Effect;
import dev.purser.commands.Role;
import dev.purser.commands.reply.Reply;
import dev.purser.core.config.Secret;
import dev.purser.mcp.McpSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stopping {@code purser serve} lets a command already running answer, within the drain bound. */
class SlackDrainTest {

    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private WireMockServer slackApi;
    private PurserServer server;

    @BeforeEach
    void start() throws Exception {
        slackApi = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        slackApi.start();
        slackApi.stubFor(post(urlEqualTo("/api/auth.test")).willReturn(SlackServeTest.okJsonSample("auth.test")));
        slackApi.stubFor(post(urlPathEqualTo("/respond/slow")).willReturn(aResponse().withStatus(200).withBody("ok")));
        CommandSpec slow = new CommandSpec("slow", "Slow", "Takes its time", "Waits until the test lets it finish.",
                List.of(), Role.VIEWER, Effect.READ_ONLY, (invocation, context) -> {
                    started.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Reply.builder("slow", "Done").summary("finished after the stop began").build();
                });
        PurserMetrics metrics = new PurserMetrics();
        SlackSettings settings = new SlackSettings(URI.create(slackApi.baseUrl() + "/api/"),
                Secret.of("SLACK_SIGNING_SECRET", SlackServeTest.SECRET), Secret.of("SLACK_BOT_TOKEN", "xoxb-test-token"),
                Secret.absent("SLACK_APP_TOKEN"), 1, 4, Duration.ofSeconds(8));
        server = PurserServer.start(new PurserServer.Options("127.0.0.1", 0, Duration.ofSeconds(8),
                new CommandDispatcher(CommandRegistry.of(slow), metrics), metrics, McpSettings.fromEnvironment(Map.of()),
                settings, new SlackIdentities(List.of()), () -> true, Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.close();
        slackApi.stop();
    }

    @Test
    void close_commandInFlight_answersBeforeTheServerStops() throws Exception {
        SignedRequests slack = new SignedRequests(server.baseUri().resolve(PurserServer.SLACK_PATH), SlackServeTest.SECRET);
        assertThat(slack.send(SignedRequests.slashCommand("T0123ABCD", "U0999ZZZZ", "slow",
                slackApi.baseUrl() + "/respond/slow", "trigger-slow")).statusCode()).isEqualTo(200);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);
        assertThat(stopping).isNotDone();
        release.countDown();
        stopping.get(10, TimeUnit.SECONDS);

        slackApi.verify(1, postRequestedFor(urlPathEqualTo("/respond/slow")));
    }
}
