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
import dev.purser.core.config.DatabaseTargetsConfig;
import dev.purser.core.config.DiscordConfig;
import dev.purser.core.config.PurserConfig;
import dev.purser.core.config.Secret;
import dev.purser.core.engine.PurserEngine;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    void baseUrl_withoutTrailingSlash_slashAdded() {
        assertThat(DiscordFace.baseUrl(new DiscordConfig(URI.create("https://proxy.example/discord/api/v10"), null,
                null))).isEqualTo("https://proxy.example/discord/api/v10/");
        assertThat(DiscordFace.baseUrl(DiscordConfig.defaults())).isEqualTo("https://discord.com/api/v10/");
    }

    @Test
    void constructor_tokenUnset_namesVariable() {
        PurserEngine engine = engine();
        assertThatThrownBy(() -> new DiscordFace(engine, new Fixtures(imports).dispatcher, DiscordConfig.defaults(),
                Secret.absent("DISCORD_TOKEN"), List.of(), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("DISCORD_TOKEN is not set");
    }

    @Test
    void startIfConfigured_tokenUnset_oneLineSayingWhy() throws Exception {
        List<String> lines = new ArrayList<>();
        Optional<DiscordFace> face = DiscordFace.startIfConfigured(engine(), new Fixtures(imports).dispatcher,
                PurserConfig.defaults(), Clock.systemUTC(), lines::add);
        assertThat(face).isEmpty();
        assertThat(lines).containsExactly("Discord skipped: DISCORD_TOKEN is not set");
    }

    @Test
    void startIfConfigured_tokenRefused_skippedWithoutEchoingToken() throws Exception {
        Fixtures fx = new Fixtures(imports);
        PurserEngine engine = PurserEngine.builder(fx.costs, fx.periods, fx.clock)
                .databases(DatabaseTargetsConfig.defaults(), null, variable -> Secret.of(variable, "secret-token-value"))
                .build();
        PurserConfig config = PurserConfig.defaults().toBuilder().discord(new DiscordConfig(
                URI.create("http://localhost:" + discord.port() + "/api/v10/"), "PURSER_TEST_DISCORD", null)).build();
        List<String> lines = new ArrayList<>();

        Optional<DiscordFace> face = DiscordFace.startIfConfigured(engine, fx.dispatcher, config, Clock.systemUTC(),
                lines::add);

        assertThat(face).isEmpty();
        assertThat(lines).singleElement().asString().startsWith("Discord skipped: ").doesNotContain("secret-token-value");
    }

    private PurserEngine engine() {
        Fixtures fx = new Fixtures(imports);
        return PurserEngine.builder(fx.costs, fx.periods, fx.clock).build();
    }
}
