package dev.purser.bot.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.purser.bot.cli.PurserMain;
import dev.purser.bot.serve.PurserRuntime;
import dev.purser.bot.serve.PurserSettings;
import dev.purser.commands.Principal;
import dev.purser.commands.Role;
import dev.purser.commands.reply.Reply;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scheduled jobs and their alerts as a user runs them: a real purser.yaml, the demo's data in a
 * real PostgreSQL, {@code purser jobs run ...} in a new process each time (a restart between
 * runs), and WireMock stand-ins for Slack's Web API and Discord's REST API.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScheduledAlertsCliTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    private static WireMockServer api;
    private static Map<String, String> env;

    record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void setUp() throws IOException {
        api = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        api.start();
        api.stubFor(post("/slack/api/chat.postMessage").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(ChatAlertSenderTest.resource("/slack-api/chat.postMessage.json"))));
        api.stubFor(post(urlPathMatching("/discord/api/v10/channels/[0-9]+/messages")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(ChatAlertSenderTest.resource("/discord-api/create-message.json"))));
        // DigitalOcean refusing the token, as its API documents: 401 with id and message
        api.stubFor(any(urlPathMatching("/do/.*")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\": \"Unauthorized\", \"message\": \"Unable to authenticate you\"}")));
        Path config = home.resolve("purser.yaml");
        Files.writeString(config, """
                budgets:
                  definitions:
                    - {name: livyflow-total, amount: 4000, currency: USD, account: livyflow, thresholds: [50, 75, 90, 100]}
                digitalocean:
                  base_url: %1$s/do
                slack:
                  api_base_url: %1$s/slack/api/
                discord:
                  api_base_url: %1$s/discord/api/v10/
                alert_routes:
                  - {kind: budget, scope: "account:livyflow", platform: slack, channel: C0123FINOPS, name: finops}
                  - {kind: budget, scope: "budget:livyflow-total", platform: discord, channel: "345678901234567890"}
                  - {kind: budget, scope: "account:mandible", platform: slack, channel: C0999OTHER}
                  - {kind: ingestion, platform: slack, channel: C0456OPS, name: ops}
                schedules:
                  budget-check: {cron: "0 30 * * * ?"}
                  nightly-billing: {job: do-billing, cron: "0 0 6 * * ?"}
                  monthly-report: {cron: "0 0 9 1 * ?", time_zone: Europe/Berlin}
                """.formatted(api.baseUrl()));
        env = new HashMap<>();
        env.put("PURSER_HOME", home.toString());
        // the job table's cells are checked whole, so the text table is not wrapped to 100 columns
        env.put("COLUMNS", "1000");
        env.put("PURSER_CONFIG", config.toString());
        env.put("PURSER_DATABASE_URL", TestDatabase.freshJdbcUrl());
        env.put("PURSER_DATABASE_USER", "postgres");
        env.put("SLACK_BOT_TOKEN", "xoxb-test-token");
        env.put("DISCORD_TOKEN", "discord-test-token");
        env.put("DIGITALOCEAN_TOKEN", "dop_v1_test");
        Result demo = run("demo");
        assertThat(demo.code()).as(demo.err()).isZero();
    }

    @AfterAll
    static void tearDown() {
        api.stop();
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PurserMain.run(args, env, CLOCK, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<JsonNode> posts(String path) {
        return api.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().startsWith(path))
                .map(ServeEvent::getRequest).map(r -> {
                    try {
                        return JSON.readTree(r.getBodyAsString());
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }

    private static List<JsonNode> slackPosts(String channel) {
        return posts("/slack/api/chat.postMessage").stream().filter(p -> p.path("channel").asText().equals(channel))
                .toList();
    }

    @Test
    @Order(1)
    void budgetCheck_eachCrossingReachesEachRouteOnce_acrossRestarts() throws IOException {
        Result first = run("jobs", "run", "budget-check");
        assertThat(first.code()).as(first.err() + first.out()).isZero();
        assertThat(first.out()).contains("succeeded");

        List<JsonNode> slack = slackPosts("C0123FINOPS");
        List<JsonNode> discord = posts("/discord/api/v10/channels/345678901234567890/messages");
        assertThat(slack).isNotEmpty();
        assertThat(slack).allSatisfy(p -> {
            assertThat(p.path("text").asText()).startsWith("Budget livyflow-total reached");
            assertThat(p.path("blocks").get(1).path("elements").get(0).path("text").asText())
                    .isEqualTo("Explain: `purser budget status --month 2026-11`");
        });
        Set<String> titles = new HashSet<>();
        slack.forEach(p -> titles.add(p.path("text").asText()));
        assertThat(titles).as("one message per crossing").hasSize(slack.size());
        assertThat(discord).hasSize(slack.size());
        // the demo's own mandible budget goes to the mandible route only
        assertThat(slackPosts("C0999OTHER")).allSatisfy(p ->
                assertThat(p.path("text").asText()).startsWith("Budget mandible-"));

        // what budget status shows as reached is exactly what was alerted
        JsonNode status = JSON.readTree(run("budget", "status", "--format", "json").out());
        int reached = 0;
        for (JsonNode row : status.path("tables").get(0).path("rows")) {
            if (row.path("name").asText().equals("livyflow-total")) {
                reached += row.path("crossed_actual").size() + row.path("crossed_forecast").size();
            }
        }
        assertThat(reached).isEqualTo(slack.size());

        // a second run, in a new process: nothing new crossed, nothing sent again
        Result second = run("jobs", "run", "budget-check");
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(slackPosts("C0123FINOPS")).hasSize(slack.size());
        assertThat(posts("/discord/api/v10/channels/345678901234567890/messages")).hasSize(slack.size());
    }

    @Test
    @Order(2)
    void failedPull_isRecordedWithItsReference_andAlertedToIngestion() {
        Result r = run("jobs", "run", "nightly-billing");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("failed").containsPattern("reference [0-9a-f]{8}");

        List<JsonNode> ops = slackPosts("C0456OPS");
        assertThat(ops).hasSize(1);
        assertThat(ops.get(0).path("text").asText()).isEqualTo("Scheduled do-billing pull (job nightly-billing) failed");
        assertThat(ops.get(0).toString()).contains("purser jobs history nightly-billing").doesNotContain("dop_v1_test");

        // failing again within the quiet period is recorded but not alerted again
        run("jobs", "run", "nightly-billing");
        assertThat(slackPosts("C0456OPS")).hasSize(1);
        Result history = run("jobs", "history", "nightly-billing");
        assertThat(history.out()).contains("failed", "manual:");
    }

    @Test
    @Order(3)
    void jobsList_showsEachJobWithItsMisfirePolicyAndNextRun() {
        Result r = run("jobs", "list");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("budget-check", "nightly-billing", "do-billing", "monthly-report", "run_once",
                "Europe/Berlin", "2026-11-23 12:30:00 UTC");
    }

    @Test
    @Order(4)
    void monthlyReport_withoutAReportCommand_succeedsSayingSo() {
        Result r = run("jobs", "run", "monthly-report");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("succeeded");
    }

    @Test
    @Order(5)
    void alertsTest_sendsARealSampleToTheNamedRoute() {
        Result r = run("alerts", "test", "finops");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(slackPosts("C0123FINOPS")).anySatisfy(p ->
                assertThat(p.path("text").asText()).isEqualTo("Purser test alert for route finops"));
        Result unknown = run("alerts", "test", "nope");
        assertThat(unknown.code()).isNotZero();
        assertThat(unknown.out() + unknown.err()).contains("no alert route named 'nope'", "finops");
        assertThat(run("alerts").out()).contains("finops", "ops", "C0456OPS");
    }

    @Test
    @Order(6)
    void jobsRun_needsAdmin_andUnknownJobIsNotFound() {
        PurserSettings settings = PurserSettings.fromEnvironment(env, home);
        try (PurserRuntime runtime = new PurserRuntime(settings, CLOCK)) {
            Principal viewer = new Principal("u1", "Vera", EnumSet.of(Role.VIEWER), true);
            Reply denied = runtime.dispatcher().run(viewer, "test", "jobs run budget-check");
            assertThat(denied.error().code()).isEqualTo(ErrorCode.FORBIDDEN);
            Reply testDenied = runtime.dispatcher().run(viewer, "test", "alerts test finops");
            assertThat(testDenied.error().code()).isEqualTo(ErrorCode.FORBIDDEN);
            Reply history = runtime.dispatcher().run(viewer, "test", "jobs history budget-check");
            assertThat(history.isError()).isFalse();
            Principal admin = new Principal("u2", "Ada", EnumSet.allOf(Role.class), true);
            Reply unknown = runtime.dispatcher().run(admin, "test", "jobs run nope");
            assertThat(unknown.error().code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(unknown.error().message()).contains("budget-check", "nightly-billing");
            Reply noJob = runtime.dispatcher().run(admin, "test", "jobs run");
            assertThat(noJob.error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
            Reply noHistory = runtime.dispatcher().run(viewer, "test", "jobs history nope");
            assertThat(noHistory.error().code()).isEqualTo(ErrorCode.NOT_FOUND);
            Reply noRoute = runtime.dispatcher().run(admin, "test", "alerts test");
            assertThat(noRoute.error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        }
    }
}
