package dev.purser.bot.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.purser.bot.chat.FakePlans;
import dev.purser.bot.chat.LiveMessages;
import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.testing.MutableClock;
import dev.purser.core.alerts.PlanThreadNotes;
import dev.purser.core.analysis.catalog.PriceCatalogs;
import dev.purser.core.analysis.recommendations.RightsizingService;
import dev.purser.core.analysis.rightsizing.Recommendation;
import dev.purser.core.analysis.rightsizing.RecommendationKind;
import dev.purser.core.analysis.rightsizing.RightsizingEngine;
import dev.purser.core.analysis.rightsizing.RightsizingRules;
import dev.purser.core.config.DiscordConfig;
import dev.purser.core.config.Secret;
import dev.purser.core.config.SlackConfig;
import dev.purser.core.demo.DemoScenarios;
import dev.purser.core.execution.Baseline;
import dev.purser.core.execution.Breach;
import dev.purser.core.execution.ExecutionResult;
import dev.purser.core.execution.PhaseRunner;
import dev.purser.core.execution.PlanPhaseTask;
import dev.purser.core.execution.SoakVerdict;
import dev.purser.core.live.SubjectChanges;
import dev.purser.core.plan.ApprovalPolicies;
import dev.purser.core.plan.InventoryPlanInputs;
import dev.purser.core.plan.MigrationService;
import dev.purser.core.plan.PlanService;
import dev.purser.core.plan.PlanSettings;
import dev.purser.core.plan.Signer;
import dev.purser.core.plan.Trigger;
import dev.purser.core.schedule.JobService;
import dev.purser.core.schedule.OneOffTask;
import dev.purser.core.schedule.PurserScheduler;
import dev.purser.core.store.InventoryRepository;
import dev.purser.core.store.JdbcAuditTrail;
import dev.purser.core.store.JdbcJobRuns;
import dev.purser.core.store.JdbcMigrationStore;
import dev.purser.core.store.JdbcPlanStore;
import dev.purser.core.store.JdbcThreadNoteLedger;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A plan's thread is told each phase move, with the figures that decided it, against WireMock
 * stand-ins for Slack's Web API and Discord's REST API answering as they document (Slack's
 * chat.postMessage sample, ok:false errors, 429 with Retry-After, 5xx; Discord's message object for
 * a reply, its 429 body with retry_after, its JSON error codes). The moves are real: the plan
 * store, the state machine, the audit trail and the plan-phase task over PostgreSQL, with a
 * hand-written phase that reports what the executors would (the rehearsal passes, sso-prod's p95
 * breaches and it is rolled back).
 */
class PlanThreadNotesTest {

    static final String SLACK_CHANNEL = "C0456CHANGES";
    static final String SLACK_TS = "1764900000.000100";
    static final String DISCORD_CHANNEL = "345678901234567890";
    static final String DISCORD_MESSAGE = "1314159265358979001";
    static final Trigger P95 = new Trigger("query_p95_ms", Trigger.Comparison.ABOVE, new BigDecimal("1.5"), true,
            Duration.ofMinutes(10));
    static final ObjectMapper JSON = new ObjectMapper();

    private PurserDatabase db;
    private MutableClock clock;
    private WireMockServer api;
    private PlanService plans;
    private MigrationService migration;
    private JdbcAuditTrail audit;
    private LiveMessages live;
    private PurserScheduler scheduler;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final List<PlanThreadNotes> instances = new ArrayList<>();
    private long plan;

    @BeforeEach
    void setUp() {
        db = TestDatabase.fresh();
        clock = MutableClock.at("2026-11-22T12:00:00Z");
        InventoryRepository inventory = new InventoryRepository(db.dataSource());
        dev.purser.core.demo.Scenario mandible = DemoScenarios.generate("mandible", LocalDate.of(2026, 11, 22));
        inventory.replaceScenario(mandible.name(), mandible.inventory(), mandible.usage());
        RightsizingService rightsizing = new RightsizingService(inventory, new RightsizingEngine(PriceCatalogs.bundled(),
                RightsizingRules.defaults(), clock), null, clock);
        List<String> ids = rightsizing.recommendations("mandible").stream()
                .filter(r -> r.kind() == RecommendationKind.DATABASE_CLUSTER).map(Recommendation::id).toList();
        PlanSettings settings = PlanSettings.defaults(ZoneOffset.UTC);
        JdbcPlanStore store = new JdbcPlanStore(db.dataSource());
        audit = new JdbcAuditTrail(db.dataSource(), clock);
        plans = new PlanService(store, audit, new InventoryPlanInputs(rightsizing, inventory, settings.trafficWindow(),
                clock), settings, new ApprovalPolicies(List.of()), clock);
        migration = new MigrationService(store, new JdbcMigrationStore(db.dataSource(), store), audit, clock, null);
        plan = plans.create(ids, Optional.of("daily 02:00-04:00 UTC"), Optional.of("rehearsal,sso-prod,mandible-prod"),
                person("alice", "requester")).plan().id();
        plans.approve(plan, person("bob", "approver"), Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), "ok");
        live = new LiveMessages(db.dataSource(), new FakePlans().dispatcher(), clock, Runnable::run);
        api = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        api.start();
        JdbcJobRuns runs = new JdbcJobRuns(db.dataSource());
        scheduler = PurserScheduler.create(db.dataSource(), new PurserScheduler.Settings("purser", "test", 2,
                Duration.ofSeconds(1), Duration.ofSeconds(1)), new JobService(List.of(), Map.of(), runs, null,
                        Clock.systemUTC(), "test"), runs);
    }

    @AfterEach
    void tearDown() {
        instances.forEach(PlanThreadNotes::close);
        scheduler.close();
        api.stop();
        db.close();
    }

    static Signer person(String principal, String... roles) {
        return new Signer("slack", "T0123/U" + principal.toUpperCase(java.util.Locale.ROOT), principal, principal,
                Set.of(roles), true, Optional.empty());
    }

    /** A Purser instance's thread notes: its own sender and executor, the shared database. */
    private PlanThreadNotes instance() {
        Map<String, String> env = Map.of("SLACK_BOT_TOKEN", "xoxb-test-token", "DISCORD_TOKEN", "discord-test-token");
        ChatAlertSender sender = new ChatAlertSender(new SlackConfig(URI.create(api.baseUrl() + "/api/"), null, null,
                null), new DiscordConfig(URI.create(api.baseUrl() + "/api/v10"), null, null),
                variable -> Secret.of(variable, env.get(variable)), HttpClient.newHttpClient(),
                new ChatAlertSender.Retry(4, Duration.ofSeconds(30)), waits::add);
        PlanThreadNotes notes = new PlanThreadNotes(plans, audit, subject -> LiveMessages.threads(db.dataSource(),
                subject), sender, new JdbcThreadNoteLedger(db.dataSource()), clock,
                Executors.newSingleThreadScheduledExecutor(), Duration.ofMillis(200));
        instances.add(notes);
        return notes;
    }

    private void postedPlanMessage(String platform, String channel, String messageId) {
        live.posted(new Reply.Live("plan:" + plan, new FollowUp("Refresh", "plan", List.of())), platform, channel,
                messageId);
    }

    /**
     * Runs the plan as the scheduler would: scheduled, the rehearsal done, sso-prod breached and
     * rolled back (the plan stops, mandible-prod is cancelled). Ten phase moves.
     */
    private void runThePlan() {
        PlanPhaseTask task = new PlanPhaseTask(migration, scheduler, new SubjectChanges(), (p, phase, key) ->
                phase.number() == 1 ? rehearsalPassed() : p95Breached());
        clock.advance(Duration.ofMinutes(1));
        assertThat(task.schedule(plan)).isTrue();
        Instant first = plans.get(plan).content().phases().get(0).window().start();
        clock.set(first);
        task.run(firing(1, first));
        Instant second = plans.get(plan).content().phases().get(1).window().start();
        clock.set(second);
        task.run(firing(2, second));
        clock.advance(Duration.ofMinutes(31));
    }

    private OneOffTask.Firing firing(int phase, Instant at) {
        return new OneOffTask.Firing(PlanPhaseTask.HANDLER, PlanPhaseTask.id(plan, phase), at, at,
                Map.of("plan", Long.toString(plan), "phase", Integer.toString(phase)), false);
    }

    private PhaseRunner.Outcome rehearsalPassed() {
        Instant at = clock.instant();
        Baseline b = new Baseline("mandible-prod", at.minus(Duration.ofMinutes(30)), at,
                Map.of("query_p95_ms", new BigDecimal("40.2")), Map.of("query_p95_ms", 30), List.of());
        SoakVerdict v = new SoakVerdict(SoakVerdict.Outcome.PASSED, at.plus(Duration.ofMinutes(3)),
                at.plus(Duration.ofMinutes(63)), List.of(), Map.of("query_p95_ms", 60), List.of());
        return new PhaseRunner.Outcome(PhaseRunner.Result.DONE, "rehearsal on sso-prod-rehearsal-4ed44502 (forked from"
                + " the backup of 2026-11-22T20:00:00Z, online in 20 s; resized to db-s-1vcpu-2gb x 1 node in 30 s): no"
                + " trigger fired; fork deleted; rehearsal on mandible-prod-rehearsal-4ed44503 (forked from the backup of"
                + " 2026-11-22T20:00:00Z, online in 25 s; resized to db-s-2vcpu-4gb x 1 node in 40 s): no trigger fired;"
                + " fork deleted", Optional.empty(), Optional.of(b), Optional.of(v),
                List.of(ExecutionResult.settled("the fork is deleted", Map.of("took_seconds", "50"))));
    }

    private PhaseRunner.Outcome p95Breached() {
        Instant at = clock.instant();
        Baseline b = new Baseline("sso-prod", at.minus(Duration.ofMinutes(30)), at,
                Map.of("query_p95_ms", new BigDecimal("4.1")), Map.of("query_p95_ms", 30), List.of());
        Breach breach = new Breach(P95, Optional.of(new BigDecimal("4.1")), new BigDecimal("6.15"),
                at.plus(Duration.ofMinutes(4)), at.plus(Duration.ofMinutes(14)), 8.7, 9.8, 11);
        SoakVerdict v = new SoakVerdict(SoakVerdict.Outcome.BREACHED, at.plus(Duration.ofMinutes(3)),
                at.plus(Duration.ofMinutes(14)), List.of(breach), Map.of("query_p95_ms", 12), List.of());
        return new PhaseRunner.Outcome(PhaseRunner.Result.ROLLED_BACK, "sso-prod: " + breach.describe()
                + "; rolled back to db-s-1vcpu-2gb x 2 nodes (sso-prod is online at db-s-1vcpu-2gb x 2 nodes)",
                Optional.empty(), Optional.of(b), Optional.of(v), List.of(
                        ExecutionResult.inProgress("resize of sso-prod accepted", Map.of()),
                        ExecutionResult.settled("sso-prod is online at db-s-1vcpu-2gb x 1 node", Map.of("polls", "3")),
                        ExecutionResult.settled("sso-prod is online at db-s-1vcpu-2gb x 2 nodes",
                                Map.of("polls", "4", "took_seconds", "40"))));
    }

    private void slackAnswers() {
        api.stubFor(post("/api/chat.postMessage").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(ChatAlertSenderTest.resource("/slack-api/chat.postMessage.json"))));
    }

    private void discordAnswers() {
        api.stubFor(post("/api/v10/channels/" + DISCORD_CHANNEL + "/messages").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(ChatAlertSenderTest.resource("/discord-api/create-message-reply.json"))));
    }

    private List<JsonNode> bodies(String url) {
        List<JsonNode> out = new ArrayList<>();
        for (LoggedRequest r : api.findAll(postRequestedFor(urlEqualTo(url)))) {
            try {
                out.add(JSON.readTree(r.getBodyAsString()));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    private int ledgerRows() {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM plan_thread_note WHERE reply_id IS NOT NULL")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void slack_eachMoveToldOnceInThePlanThread_withTheFiguresThatDecidedIt() {
        slackAnswers();
        postedPlanMessage("slack", SLACK_CHANNEL, SLACK_TS);
        runThePlan();

        assertThat(instance().tell(plan)).isEqualTo(10);

        List<JsonNode> sent = bodies("/api/chat.postMessage");
        assertThat(sent).hasSize(10).allSatisfy(b -> {
            assertThat(b.path("channel").asText()).isEqualTo(SLACK_CHANNEL);
            assertThat(b.path("thread_ts").asText()).isEqualTo(SLACK_TS);
        });
        List<String> texts = sent.stream().map(b -> b.path("text").asText()).toList();
        assertThat(texts.subList(0, 3)).allSatisfy(t -> assertThat(t).contains(" scheduled: window "));
        assertThat(texts.get(3)).startsWith("Phase 1 rehearsal running: window opened at ");
        assertThat(texts.get(4)).startsWith("Phase 1 rehearsal verifying: change applied; soak of 1h started against"
                + " baseline query_p95_ms 40.2 ms (30 samples)");
        // the rehearsal's note is too long for a title: cut there, whole as the first line
        assertThat(texts.get(5)).startsWith("Phase 1 rehearsal done: rehearsal on sso-prod-rehearsal-4ed44502")
                .hasSize(256).endsWith("…");
        assertThat(sent.get(5).path("blocks").get(0).path("text").path("text").asText())
                .contains("\nPhase 1 rehearsal done: rehearsal on sso-prod-rehearsal-4ed44502 (forked from the backup of"
                        + " 2026-11-22T20:00:00Z, online in 20 s; resized to db-s-1vcpu-2gb x 1 node in 30 s)")
                .contains("mandible-prod-rehearsal-4ed44503", "online in 25 s", "in 40 s): no trigger fired; fork deleted");
        assertThat(texts.get(6)).startsWith("Phase 2 sso-prod running");
        assertThat(texts.get(7)).startsWith("Phase 2 sso-prod verifying: change applied; soak of ");
        assertThat(texts.get(8)).isEqualTo("Phase 2 sso-prod rolled back: query_p95_ms above 1.5x baseline for 10m fired"
                + " (baseline 4.10 ms, limit 6.15 ms, peak 9.80 ms over 11 samples); back to db-s-1vcpu-2gb x 2 nodes");
        assertThat(texts.get(9)).startsWith("Phase 3 mandible-prod cancelled: sso-prod: query_p95_ms above");
        String detail = sent.get(8).path("blocks").get(0).path("text").path("text").asText();
        assertThat(detail).contains("Baseline: query_p95_ms 4.10 ms (30 samples)", "Breach: first 8.70 ms",
                "a month; the plan stops here", "Not saved: $", "Moved by purser at ");
        assertThat(sent.get(8).path("blocks").get(1).path("elements").get(0).path("text").asText())
                .isEqualTo("Explain: `purser migration status " + plan + "`");
        assertThat(waits).isEmpty();
        assertThat(ledgerRows()).isEqualTo(10);
    }

    @Test
    void slack_aSecondInstanceOrARestart_tellsNothingTwice() {
        slackAnswers();
        postedPlanMessage("slack", SLACK_CHANNEL, SLACK_TS);
        runThePlan();
        PlanThreadNotes first = instance();
        PlanThreadNotes second = instance();

        assertThat(first.tell(plan) + second.tell(plan)).isEqualTo(10);
        assertThat(instance().tell(plan)).as("a new process on the same database").isZero();

        api.verify(10, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
    }

    @Test
    void slack_announcedChange_isToldInTheBackground() throws InterruptedException {
        slackAnswers();
        postedPlanMessage("slack", SLACK_CHANNEL, SLACK_TS);
        runThePlan();
        PlanThreadNotes notes = instance();

        notes.accept("plan:" + plan);
        notes.accept("budget:whatever");
        notes.close();

        api.verify(10, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
    }

    @Test
    void slack_rateLimitedAndServerError_waitRetryAfterAndBackOff_thenPost() {
        api.stubFor(post("/api/chat.postMessage").inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")).willSetStateTo("5xx"));
        api.stubFor(post("/api/chat.postMessage").inScenario("busy").whenScenarioStateIs("5xx")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("open"));
        api.stubFor(post("/api/chat.postMessage").inScenario("busy").whenScenarioStateIs("open")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(ChatAlertSenderTest.resource("/slack-api/chat.postMessage.json"))));
        postedPlanMessage("slack", SLACK_CHANNEL, SLACK_TS);
        runThePlan();

        assertThat(instance().tell(plan)).isEqualTo(10);

        assertThat(waits).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(1));
        api.verify(12, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
        assertThat(ledgerRows()).isEqualTo(10);
    }

    @Test
    void slack_okFalse_givesTheClaimBack_andTheNextChangeTellsFromThere() {
        api.stubFor(post("/api/chat.postMessage").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"ok\": false, \"error\": \"not_in_channel\"}")));
        postedPlanMessage("slack", SLACK_CHANNEL, SLACK_TS);
        runThePlan();
        PlanThreadNotes notes = instance();

        assertThat(notes.tell(plan)).isZero();
        // refused at once (retrying a channel the bot is not in does not put it there), and the
        // later moves wait so the thread stays in order
        api.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
        assertThat(waits).isEmpty();
        assertThat(ledgerRows()).isZero();

        api.resetAll();
        slackAnswers();
        assertThat(notes.tell(plan)).isEqualTo(10);
        assertThat(bodies("/api/chat.postMessage").get(0).path("text").asText()).startsWith("Phase 1 rehearsal scheduled");
    }

    @Test
    void slack_failedNote_isTriedAgainByItself_withoutAnotherChangeOfThePlan() throws InterruptedException {
        api.stubFor(post("/api/chat.postMessage").inScenario("down").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\": false, \"error\": \"channel_not_found\"}")).willSetStateTo("back"));
        api.stubFor(post("/api/chat.postMessage").inScenario("down").whenScenarioStateIs("back")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(ChatAlertSenderTest.resource("/slack-api/chat.postMessage.json"))));
        postedPlanMessage("slack", SLACK_CHANNEL, SLACK_TS);
        runThePlan();
        PlanThreadNotes notes = instance();

        assertThat(notes.tell(plan)).isZero();
        assertThat(ledgerRows()).isZero();

        // the retry, 200 ms later in this test (a minute in Purser), tells every move in order
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (ledgerRows() < 10 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(ledgerRows()).isEqualTo(10);
        api.verify(11, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
        assertThat(bodies("/api/chat.postMessage").get(1).path("text").asText()).startsWith("Phase 1 rehearsal scheduled");
    }

    @Test
    void catchUp_tellsRecentPlansWhatNoInstanceToldThem_endedOnesToo() throws InterruptedException {
        slackAnswers();
        postedPlanMessage("slack", SLACK_CHANNEL, SLACK_TS);
        runThePlan();
        PlanThreadNotes notes = instance();

        assertThat(plans.get(plan).state().name()).isEqualTo("ROLLED_BACK");
        assertThat(notes.catchUp()).isEqualTo(plans.list(true).size()).isPositive();
        notes.close();

        api.verify(10, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
        assertThat(ledgerRows()).isEqualTo(10);
    }

    @Test
    void discord_eachMoveIsAReplyToThePlanMessage_withTheFigures() {
        discordAnswers();
        postedPlanMessage("discord", DISCORD_CHANNEL, DISCORD_MESSAGE);
        runThePlan();

        assertThat(instance().tell(plan)).isEqualTo(10);

        List<JsonNode> sent = bodies("/api/v10/channels/" + DISCORD_CHANNEL + "/messages");
        assertThat(sent).hasSize(10).allSatisfy(b -> {
            assertThat(b.path("message_reference").path("message_id").asText()).isEqualTo(DISCORD_MESSAGE);
            assertThat(b.path("message_reference").path("channel_id").asText()).isEqualTo(DISCORD_CHANNEL);
            assertThat(b.path("message_reference").path("fail_if_not_exists").asBoolean(true)).isFalse();
            assertThat(b.path("allowed_mentions").path("parse")).isEmpty();
        });
        JsonNode rolledBack = sent.get(8).path("embeds").get(0);
        assertThat(rolledBack.path("title").asText()).isEqualTo("Phase 2 sso-prod rolled back: query_p95_ms above 1.5x"
                + " baseline for 10m fired (baseline 4.10 ms, limit 6.15 ms, peak 9.80 ms over 11 samples); back to"
                + " db-s-1vcpu-2gb x 2 nodes");
        assertThat(rolledBack.path("description").asText()).contains("Breach: first 8.70 ms", "Not saved: $");
        JsonNode rehearsal = sent.get(5).path("embeds").get(0);
        assertThat(rehearsal.path("title").asText()).hasSize(256);
        assertThat(rehearsal.path("description").asText()).startsWith("Phase 1 rehearsal done: rehearsal on")
                .contains("online in 25 s", "fork deleted\nBaseline: query_p95_ms 40.2 ms", "Moved by purser at ");
        api.verify(10, postRequestedFor(urlEqualTo("/api/v10/channels/" + DISCORD_CHANNEL + "/messages"))
                .withHeader("Authorization", equalTo("Bot discord-test-token"))
                .withRequestBody(matchingJsonPath("$.embeds[0].footer.text",
                        equalTo("Explain: purser migration status " + plan))));
    }

    @Test
    void discord_rateLimitedBody_waitsRetryAfter_andUnknownChannel_givesTheClaimBack() {
        String url = "/api/v10/channels/" + DISCORD_CHANNEL + "/messages";
        api.stubFor(post(url).inScenario("limits").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody(ChatAlertSenderTest.resource("/discord-api/rate-limited.json")))
                .willSetStateTo("gone"));
        api.stubFor(post(url).inScenario("limits").whenScenarioStateIs("gone")
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody(ChatAlertSenderTest.resource("/discord-api/unknown-channel.json"))));
        postedPlanMessage("discord", DISCORD_CHANNEL, DISCORD_MESSAGE);
        runThePlan();

        assertThat(instance().tell(plan)).isZero();

        assertThat(waits).containsExactly(Duration.ofMillis(250));
        api.verify(2, postRequestedFor(urlEqualTo(url)));
        assertThat(ledgerRows()).isZero();
    }

    @Test
    void bothPlatforms_aMessagePostedLater_isToldOnlyTheMovesSinceIt() {
        slackAnswers();
        discordAnswers();
        postedPlanMessage("slack", SLACK_CHANNEL, SLACK_TS);
        runThePlan();
        clock.advance(Duration.ofMinutes(1));
        // someone shows the plan in Discord after it stopped: that copy's thread starts there
        postedPlanMessage("discord", DISCORD_CHANNEL, DISCORD_MESSAGE);
        PlanPhaseTask task = new PlanPhaseTask(migration, scheduler, new SubjectChanges(), (p, phase, key) -> {
            throw new AssertionError("an ended plan runs nothing");
        });
        task.run(firing(3, clock.instant()));

        assertThat(instance().tell(plan)).isEqualTo(10);
        api.verify(0, postRequestedFor(urlEqualTo("/api/v10/channels/" + DISCORD_CHANNEL + "/messages")));
    }
}
