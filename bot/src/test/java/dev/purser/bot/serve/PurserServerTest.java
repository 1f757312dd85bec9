package dev.purser.bot.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.bot.metrics.PurserMetrics;
import dev.purser.bot.slack.SlackIdentities;
import dev.purser.bot.slack.SlackSettings;
import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.testing.Fixtures;
import dev.purser.core.config.SlackConfig;
import dev.purser.mcp.McpSettings;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code purser serve} without Slack: faces left out with their reason, and the probes. */
class PurserServerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static PurserServer start(Path imports, Map<String, String> env, BooleanSupplier database) {
        PurserMetrics metrics = new PurserMetrics();
        return PurserServer.start(new PurserServer.Options("127.0.0.1", 0, Duration.ofSeconds(2),
                new CommandDispatcher(new Fixtures(imports).registry, metrics), metrics, McpSettings.fromEnvironment(env),
                SlackSettings.from(SlackConfig.defaults(), env), new SlackIdentities(List.of()), database,
                Clock.systemUTC()));
    }

    private static HttpResponse<String> get(PurserServer server, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.baseUri().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void start_noCredentials_eachFaceSkippedWithItsReason(@TempDir Path imports) throws Exception {
        try (PurserServer server = start(imports, Map.of(), () -> true)) {
            assertThat(server.faces()).containsExactly(
                    "MCP skipped: no MCP token is set (mcp.tokens with their token_env variables, or PURSER_MCP_TOKENS)",
                    "Slack skipped: SLACK_BOT_TOKEN is not set");
            assertThat(get(server, "/health").statusCode()).isEqualTo(200);
            assertThat(get(server, "/ready").statusCode()).isEqualTo(200);
            assertThat(get(server, PurserServer.SLACK_PATH).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void start_botTokenWithoutSigningSecretOrAppToken_slackSkippedNamingBoth(@TempDir Path imports) {
        try (PurserServer server = start(imports, Map.of("SLACK_BOT_TOKEN", "xoxb-1"), () -> true)) {
            assertThat(server.faces()).contains(
                    "Slack skipped: neither SLACK_SIGNING_SECRET (HTTP mode) nor SLACK_APP_TOKEN (Socket Mode) is set");
            assertThat(String.join("\n", server.faces())).doesNotContain("xoxb-1");
        }
    }

    @Test
    void ready_databaseDown_503ButStillLive(@TempDir Path imports) throws Exception {
        try (PurserServer server = start(imports, Map.of(), () -> false)) {
            HttpResponse<String> ready = get(server, "/ready");

            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("\"database\":\"down\"");
            assertThat(get(server, "/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void close_stopsListening(@TempDir Path imports) {
        PurserServer server = start(imports, Map.of(), () -> true);
        server.close();

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> get(server, "/health")))
                .isInstanceOf(java.io.IOException.class);
    }
}
