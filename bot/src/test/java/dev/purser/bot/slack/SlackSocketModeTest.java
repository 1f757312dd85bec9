package dev.purser.bot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.purser.bot.metrics.PurserMetrics;
import dev.purser.bot.serve.PurserServer;
import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.testing.Fixtures;
import dev.purser.core.config.Secret;
import dev.purser.mcp.McpSettings;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Socket Mode: with an app token and no signing secret, Purser opens Slack's socket
 * ({@code apps.connections.open}, then the WebSocket URL it returns), acks each envelope on the
 * socket and answers on the envelope's {@code response_url}. Slack's side is a WireMock and a
 * WebSocket server in this test.
 */
class SlackSocketModeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WireMockServer slackApi;
    private FakeSocket socket;
    private PurserServer server;

    /** Slack's end of the socket: says hello, hands over envelopes, collects the acks. */
    static final class FakeSocket extends WebSocketServer {
        final CompletableFuture<WebSocket> connected = new CompletableFuture<>();
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        FakeSocket() {
            super(new InetSocketAddress("127.0.0.1", 0));
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            conn.send("{\"type\":\"hello\",\"num_connections\":1,\"connection_info\":{\"app_id\":\"A0PURSER\"},"
                    + "\"debug_info\":{\"host\":\"test\"}}");
            connected.complete(conn);
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            received.add(message);
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
        }

        @Override
        public void onStart() {
        }
    }

    @BeforeEach
    void start(@TempDir Path imports) throws Exception {
        socket = new FakeSocket();
        socket.setReuseAddr(true);
        socket.start();
        slackApi = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        slackApi.start();
        slackApi.stubFor(post(urlEqualTo("/api/auth.test")).willReturn(SlackServeTest.okJsonSample("auth.test")));
        slackApi.stubFor(post(urlPathEqualTo("/respond/socket")).willReturn(aResponse().withStatus(200).withBody("ok")));
        // The port is known only once the socket server has bound, so stub after it started.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (socket.getPort() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        slackApi.stubFor(post(urlEqualTo("/api/apps.connections.open")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":true,\"url\":\"ws://127.0.0.1:" + socket.getPort() + "/link\"}")));
        PurserMetrics metrics = new PurserMetrics();
        SlackSettings settings = new SlackSettings(URI.create(slackApi.baseUrl() + "/api/"),
                Secret.absent("SLACK_SIGNING_SECRET"), Secret.of("SLACK_BOT_TOKEN", "xoxb-test-token"),
                Secret.of("SLACK_APP_TOKEN", "xapp-test-token"), 2, 10, Duration.ofSeconds(5));
        server = PurserServer.start(new PurserServer.Options("127.0.0.1", 0, Duration.ofSeconds(5),
                new CommandDispatcher(new Fixtures(imports).registry, metrics), metrics,
                McpSettings.fromEnvironment(Map.of()), settings, new SlackIdentities(List.of()), () -> true,
                Clock.systemUTC()));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        slackApi.stop();
        socket.stop(1000);
    }

    @Test
    void socketMode_slashCommandEnvelope_ackedOnTheSocketAndAnsweredOnTheResponseUrl() throws Exception {
        WebSocket conn = socket.connected.get(15, TimeUnit.SECONDS);
        assertThat(server.faces()).anySatisfy(f -> assertThat(f).contains("Socket Mode"));
        slackApi.verify(postRequestedFor(urlEqualTo("/api/apps.connections.open"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer xapp-test-token")));

        conn.send("""
                {"envelope_id":"env-1","type":"slash_commands","accepts_response_payload":true,
                 "payload":{"token":"unused","team_id":"T0123ABCD","team_domain":"acme","channel_id":"C0123FINOPS",
                  "channel_name":"finops","user_id":"U0999ZZZZ","user_name":"someone","command":"/purser","text":"help",
                  "api_app_id":"A0PURSER","is_enterprise_install":"false",
                  "response_url":"%s/respond/socket","trigger_id":"trigger-socket-1"}}
                """.formatted(slackApi.baseUrl()));

        String ack = socket.received.poll(15, TimeUnit.SECONDS);
        assertThat(ack).isNotNull();
        assertThat(JSON.readTree(ack).path("envelope_id").asText()).isEqualTo("env-1");
        SlackServeTest.await("the answer", () -> !slackApi.findAll(postRequestedFor(urlPathEqualTo("/respond/socket"))).isEmpty());
        JsonNode answer = JSON.readTree(slackApi.findAll(postRequestedFor(urlPathEqualTo("/respond/socket"))).get(0)
                .getBodyAsString());
        assertThat(answer.path("blocks").get(0).path("text").path("text").asText()).isEqualTo("Purser commands");
    }
}
