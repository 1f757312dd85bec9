package dev.purser.bot.discord;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.purser.commands.testing.Fixtures;
import dev.purser.commands.testing.SampleReplies;
import dev.purser.core.config.DatabaseTargetsConfig;
import dev.purser.core.config.DiscordConfig;
import dev.purser.core.config.Secret;
import dev.purser.core.engine.PurserEngine;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import net.dv8tion.jda.api.utils.TimeUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole Discord face as {@code purser serve} starts it ({@link DiscordFace#start}), against
 * stand-ins only: Discord's REST API on WireMock at {@code discord.api_base_url} (the
 * bot's user, the gateway URL, the command registration, the interaction answers), and a
 * {@link FakeGateway}. JDA takes the gateway URL from its session controller
 * ({@code wss://gateway.discord.gg/}), not from REST, so the test sets it through
 * {@code DiscordFace.gateway}, the one seam for this. A slash command dispatched over the gateway
 * is deferred and answered through the interaction endpoints.
 */
class DiscordGatewayStandInTest {

    private static final String SELF = "{\"id\": \"" + DiscordStandIn.APP + "\", \"username\": \"purser\","
            + " \"discriminator\": \"0\", \"avatar\": null, \"bot\": true, \"verified\": true, \"mfa_enabled\": false,"
            + " \"flags\": 0}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path imports;

    private WireMockServer rest;
    private FakeGateway gateway;
    private DiscordFace face;

    @BeforeEach
    void start() throws Exception {
        gateway = new FakeGateway(SELF);
        gateway.startAndWait();
        rest = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        rest.start();
        rest.stubFor(get(urlPathEqualTo("/api/v10/users/@me")).willReturn(DiscordStandIn.json(200, SELF)));
        rest.stubFor(get(urlPathMatching("/api/v10/gateway(/bot)?")).willReturn(DiscordStandIn.json(200,
                "{\"url\": \"" + gateway.url() + "\", \"shards\": 1, \"session_start_limit\": {\"total\": 1000,"
                        + " \"remaining\": 999, \"reset_after\": 14400000, \"max_concurrency\": 1}}")));
        rest.stubFor(post(urlPathEqualTo("/api/v10/applications/" + DiscordStandIn.APP + "/commands"))
                .willReturn(DiscordStandIn.json(201, """
                        {"id": "1100000000000000001", "application_id": "%s", "version": "1100000000000000002",
                         "default_member_permissions": null, "type": 1, "name": "purser", "description": "Purser",
                         "dm_permission": true, "contexts": [0, 1, 2], "integration_types": [0], "nsfw": false,
                         "options": []}
                        """.formatted(DiscordStandIn.APP))));
        rest.stubFor(post(urlPathMatching("/api/v10/interactions/\\d+/[^/]+/callback")).willReturn(
                DiscordStandIn.json(200, DiscordStandIn.callbackResponse("1", 5, "1400000000000000009", null))));
        rest.stubFor(patch(urlPathMatching("/api/v10/webhooks/\\d+/[^/]+/messages/@original")).willReturn(
                DiscordStandIn.json(200, DiscordStandIn.message("1400000000000000009", "900000000000000001"))));
    }

    @AfterEach
    void stop() throws Exception {
        if (face != null) {
            face.close();
        }
        rest.stop();
        gateway.stop(1000);
    }

    @Test
    void start_logsInOverTheStandInGateway_registers_answersADispatchedSlashCommand() throws Exception {
        Fixtures fx = new Fixtures(imports);
        SampleReplies.mandible(fx.costs);
        PurserEngine engine = PurserEngine.builder(fx.costs, fx.periods, fx.clock)
                .databases(DatabaseTargetsConfig.defaults(), null, variable -> Secret.of(variable, "stand-in-token"))
                .build();
        DiscordConfig config = new DiscordConfig(URI.create(rest.baseUrl() + "/api/v10/"), "PURSER_TEST_DISCORD", null);
        face = new DiscordFace(engine, fx.dispatcher, config, Secret.of("PURSER_TEST_DISCORD", "stand-in-token"),
                List.of(), Clock.systemUTC());
        face.gateway(gateway.url());

        face.start();

        JsonNode identify = gateway.received.stream().filter(p -> p.path("op").asInt() == 2).findFirst().orElseThrow();
        assertThat(identify.path("d").path("token").asText()).isEqualTo("stand-in-token");
        assertThat(gateway.query).contains("v=10").contains("encoding=json");
        LoggedRequest registration = rest.findAll(postRequestedFor(urlPathEqualTo(
                "/api/v10/applications/" + DiscordStandIn.APP + "/commands"))).get(0);
        assertThat(JSON.readTree(registration.getBodyAsString()).path("name").asText()).isEqualTo("purser");

        String interaction = Long.toString(TimeUtil.getDiscordTimestamp(System.currentTimeMillis()) + 7);
        gateway.dispatch("INTERACTION_CREATE", """
                {"id": "%s", "application_id": "%s", "type": 2, "token": "gateway-token", "version": 1,
                 "locale": "en-US", "app_permissions": "0", "authorizing_integration_owners": {}, "context": 1,
                 "entitlements": [], "attachment_size_limit": 8388608, "channel_id": "900000000000000001",
                 "channel": {"id": "900000000000000001", "type": 1, "recipients": [
                     {"id": "100000000000000011", "username": "vera", "global_name": "Vera", "discriminator": "0",
                      "avatar": null}]},
                 "user": {"id": "100000000000000011", "username": "vera", "global_name": "Vera", "discriminator": "0",
                          "avatar": null},
                 "data": {"id": "1100000000000000001", "name": "purser", "type": 1,
                          "options": [{"name": "cost", "type": 1, "options": [
                              {"name": "period", "type": 3, "value": "last-month"}]}]}}
                """.formatted(interaction, DiscordStandIn.APP));

        await("the answer", () -> !rest.findAll(patchRequestedFor(urlPathMatching(".*/messages/@original"))).isEmpty());
        LoggedRequest callback = rest.findAll(postRequestedFor(urlPathEqualTo(
                "/api/v10/interactions/" + interaction + "/gateway-token/callback"))).get(0);
        assertThat(JSON.readTree(callback.getBodyAsString()).path("type").asInt()).isEqualTo(5);
        LoggedRequest answer = rest.findAll(patchRequestedFor(urlPathEqualTo(
                "/api/v10/webhooks/" + DiscordStandIn.APP + "/gateway-token/messages/@original"))).get(0);
        String body = answer.getBodyAsString();
        assertThat(body).contains("Billed cost by service").contains("Droplets");
    }

    private void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; REST saw " + rest.getAllServeEvents()
                        .stream().map(e -> e.getRequest().getMethod() + " " + e.getRequest().getUrl() + " -> "
                                + e.getResponse().getStatus()).toList() + "; gateway got " + gateway.received);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
