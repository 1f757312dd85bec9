package dev.purser.bot.discord;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.purser.commands.testing.Fixtures;
import dev.purser.core.config.DiscordConfig;
import dev.purser.core.config.Secret;
import dev.purser.core.engine.PurserEngine;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The face's wiring to Discord: the REST base URL from configuration, the token only from its Secret. */
class DiscordFaceTest {

    private WireMockServer discord;

    @TempDir
    Path imports;

    @BeforeEach
    void start() {
        discord = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        discord.start();
        // Discord's answer to a bad bot token (Authentication: 401 with a JSON error)
        discord.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"401: Unauthorized\", \"code\": 0}")));
    }

    @AfterEach
    void stop() {
        discord.stop();
    }

    @Test
    void builder_restCallsGoToConfiguredBaseUrl() {
        DiscordConfig config = new DiscordConfig(URI.create("http://localhost:" + discord.port() + "/api/v10/"), null,
                null);

        assertThatThrownBy(() -> DiscordFace.builder(Secret.of("DISCORD_TOKEN", "not-a-real-token"), config).build())
                .isInstanceOf(InvalidTokenException.class);

        assertThat(discord.findAll(anyRequestedFor(urlPathMatching("/api/v10/.*"))
                .withHeader("Authorization", equalTo("Bot not-a-real-token")))).isNotEmpty();
    }

    @Test
    void constructor_tokenUnset_namesVariable() {
        PurserEngine engine = engine();
        assertThatThrownBy(() -> new DiscordFace(engine, new Fixtures(imports).dispatcher, DiscordConfig.defaults(),
                Secret.absent("DISCORD_TOKEN"), List.of(), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("DISCORD_TOKEN is not set");
    }

    private PurserEngine engine() {
        Fixtures fx = new Fixtures(imports);
        return PurserEngine.builder(fx.costs, fx.periods, fx.clock).build();
    }
}
