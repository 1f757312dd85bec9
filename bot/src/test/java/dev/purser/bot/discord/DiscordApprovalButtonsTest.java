package dev.purser.bot.discord;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.purser.bot.chat.FakePlans;
import dev.purser.bot.chat.JdbcButtons;
import dev.purser.bot.chat.LiveMessages;
import dev.purser.bot.metrics.PurserMetrics;
import dev.purser.bot.slack.SlackFace;
import dev.purser.bot.slack.SlackIdentities;
import dev.purser.bot.slack.SlackSettings;
import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.testing.MutableClock;
import dev.purser.core.config.IdentityConfig;
import dev.purser.core.config.Secret;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Approve / Reject buttons on a live plan message, clicked in Discord, with two Purser instances
 * (two handlers, each with its own button store object and live-message service) on one
 * PostgreSQL: the plan is posted through instance A, the clicks land on instance B, and the
 * change updates every copy of the plan: the Discord message (PATCH to a WireMock Discord REST
 * API through JDA) and the Slack one (chat.update to a WireMock Slack Web API through Bolt).
 * The plan commands are {@link FakePlans}, shaped like the plans helper's.
 */
class DiscordApprovalButtonsTest {

    static final String VIEWER = "100000000000000011";
    static final String ALICE = "100000000000000031";
    static final String BOB = "100000000000000032";
    static final String CHANNEL = "900000000000000001";
    static final String PLAN_MESSAGE = "1400000000000000001";
    static final String SLACK_CHANNEL = "C0123FINOPS";
    static final String SLACK_TS = "1765000000.000200";

    private PurserDatabase db;
    private MutableClock clock;
    private FakePlans plans;
    private DiscordStandIn discord;
    private WireMockServer slackApi;
    private SlackFace slack;
    private ManualExecutor poolA;
    private ManualExecutor poolB;
    private DiscordInteractionHandler instanceA;
    private DiscordInteractionHandler instanceB;
    private LiveMessages liveA;

    @BeforeEach
    void setUp() throws IOException {
        db = TestDatabase.fresh();
        clock = MutableClock.at("2026-11-15T10:00:00Z");
        plans = new FakePlans();
        discord = new DiscordStandIn();
        discord.api.stubFor(patch(urlPathMatching("/api/v10/channels/\\d+/messages/\\d+"))
                .willReturn(DiscordStandIn.json(200, DiscordStandIn.message(PLAN_MESSAGE, CHANNEL))));
        slackApi = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        slackApi.start();
        for (String method : List.of("auth.test", "chat.update")) {
            slackApi.stubFor(post(urlEqualTo("/api/" + method)).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json; charset=utf-8").withBody(sample(method))));
        }
        DiscordIdentities identities = new DiscordIdentities(List.of(
                new IdentityConfig("alice", null, ALICE, Set.of("approver")),
                new IdentityConfig("bob", null, BOB, Set.of("approver"))));
        DiscordReplyRenderer renderer = new DiscordReplyRenderer(c -> new byte[] {1});

        // instance A posts the plan; instance B takes the clicks and announces the change
        liveA = new LiveMessages(db.dataSource(), plans.dispatcher(), clock, Runnable::run);
        LiveMessages liveB = new LiveMessages(db.dataSource(), plans.dispatcher(), clock, Runnable::run);
        JdbcButtons buttonsA = new JdbcButtons(db.dataSource(), clock, DiscordFace.BUTTON_TTL);
        JdbcButtons buttonsB = new JdbcButtons(db.dataSource(), clock, DiscordFace.BUTTON_TTL);
        liveB.register(new JdaMessageEdits(discord.jda, renderer, buttonsB));
        slack = SlackFace.start(new SlackSettings(URI.create(slackApi.baseUrl() + "/api/"),
                Secret.of("SLACK_SIGNING_SECRET", "unused-here"), Secret.of("SLACK_BOT_TOKEN", "xoxb-test-token"),
                Secret.absent("SLACK_APP_TOKEN"), 1, 10, Duration.ofSeconds(2)), plans.dispatcher(),
                new SlackIdentities(List.of()), new PurserMetrics(), clock, liveB);
        plans.changes.subscribe(liveB);
        poolA = new ManualExecutor();
        poolB = new ManualExecutor();
        instanceA = new DiscordInteractionHandler(plans.dispatcher(), identities, renderer, buttonsA,
                new NoCompletions(), poolA, (live, channel, id) -> liveA.posted(live, "discord", channel, id));
        instanceB = new DiscordInteractionHandler(plans.dispatcher(), identities, renderer, buttonsB,
                new NoCompletions(), poolB, (live, channel, id) -> liveB.posted(live, "discord", channel, id));
    }

    @AfterEach
    void tearDown() {
        slack.close();
        slackApi.stop();
        discord.close();
        db.close();
    }

    static String sample(String method) throws IOException {
        try (InputStream in = DiscordApprovalButtonsTest.class.getResourceAsStream("/slack-api/" + method + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Instance A answers {@code /purser plan 7}, and the same plan was posted in Slack earlier. */
    private DiscordMessage postPlan() {
        FakeInteractions.Slash show = new FakeInteractions.Slash(VIEWER, "plan", Map.of("plan", "7"));
        instanceA.onSlash(show);
        poolA.runAll();
        assertThat(show.calls).containsExactly("defer", "edit");
        liveA.posted(plans.show("7").live().orElseThrow(), "slack", SLACK_CHANNEL, SLACK_TS);
        return show.last();
    }

    private static String button(DiscordMessage message, String label) {
        return message.buttons().stream().filter(b -> b.label().startsWith(label)).findFirst().orElseThrow().customId();
    }

    private FakeInteractions.Click click(DiscordInteractionHandler instance, ManualExecutor pool, String user,
            String buttonId) {
        FakeInteractions.Click click = new FakeInteractions.Click(user, buttonId);
        instance.onButton(click);
        pool.runAll();
        return click;
    }

    @Test
    void approve_clickThenConfirmOnOtherInstance_runsForClickerAndUpdatesDiscordAndSlackCopies() {
        DiscordMessage plan = postPlan();
        assertThat(liveA.messages("plan:7")).extracting(LiveMessages.Posted::messageId)
                .containsExactlyInAnyOrder(PLAN_MESSAGE, SLACK_TS);

        FakeInteractions.Click first = click(instanceB, poolB, ALICE, button(plan, "Approve"));

        // a stray tap runs nothing: it asks, only the clicker sees it
        assertThat(first.calls).containsExactly("ephemeral");
        assertThat(first.last().embeds().get(0).getDescription()).contains("/purser approve 7").contains("alice");
        assertThat(plans.runs).noneMatch(r -> r.startsWith("approve"));

        FakeInteractions.Click confirm = click(instanceB, poolB, ALICE, first.last().buttons().get(0).customId());

        assertThat(confirm.calls).containsExactly("defer", "edit");
        assertThat(plans.runs).contains("approve 7 as alice");
        assertThat(plans.givenAt).containsExactly("discord:" + CHANNEL + "/" + PLAN_MESSAGE);
        assertThat(confirm.last().embeds().get(0).getDescription()).contains("1 of 2: @alice");
        // the plan's message in Discord, posted by A, edited by B through the channel endpoint
        List<LoggedRequest> edits = discord.api.findAll(patchRequestedFor(
                urlEqualTo("/api/v10/channels/" + CHANNEL + "/messages/" + PLAN_MESSAGE)));
        assertThat(edits).hasSize(1);
        assertThat(edits.get(0).getHeader("Authorization")).isEqualTo("Bot " + DiscordStandIn.BOT_TOKEN);
        assertThat(edits.get(0).getBodyAsString()).contains("1 of 2: @alice").contains("purser:");
        // and its copy in Slack, with chat.update
        List<LoggedRequest> updates = slackApi.findAll(postRequestedFor(urlEqualTo("/api/chat.update")));
        assertThat(updates).hasSize(1);
        String update = URLDecoder.decode(updates.get(0).getBodyAsString(), StandardCharsets.UTF_8);
        assertThat(update).contains("channel=" + SLACK_CHANNEL).contains("ts=" + SLACK_TS).contains("1 of 2: @alice");
    }

    @Test
    void approve_secondApprover_tallyShowsBoth() {
        DiscordMessage plan = postPlan();
        FakeInteractions.Click alice = click(instanceB, poolB, ALICE, button(plan, "Approve"));
        click(instanceA, poolA, ALICE, alice.last().buttons().get(0).customId());
        FakeInteractions.Click bob = click(instanceA, poolA, BOB, button(plan, "Approve"));

        click(instanceB, poolB, BOB, bob.last().buttons().get(0).customId());

        List<LoggedRequest> edits = discord.api.findAll(patchRequestedFor(
                urlEqualTo("/api/v10/channels/" + CHANNEL + "/messages/" + PLAN_MESSAGE)));
        assertThat(edits).hasSize(2);
        assertThat(edits.get(1).getBodyAsString()).contains("2 of 2: @alice, @bob");
    }

    @Test
    void approve_withoutTheRole_refusedAtOnceNamingTheRole() {
        DiscordMessage plan = postPlan();

        FakeInteractions.Click click = click(instanceB, poolB, VIEWER, button(plan, "Approve"));

        assertThat(click.calls).containsExactly("ephemeral");
        assertThat(click.last().embeds().get(0).getFooter().getText()).isEqualTo("FORBIDDEN");
        assertThat(click.last().embeds().get(0).getDescription()).contains("approver");
        assertThat(click.last().buttons()).isEmpty();
        assertThat(plans.runs).noneMatch(r -> r.startsWith("approve"));
    }

    @Test
    void approve_twiceBySamePerson_secondRefusedEphemerallyAndCountsOnce() {
        DiscordMessage plan = postPlan();
        String approve = button(plan, "Approve");
        click(instanceB, poolB, ALICE, click(instanceB, poolB, ALICE, approve).last().buttons().get(0).customId());

        FakeInteractions.Click again = click(instanceA, poolA, ALICE,
                click(instanceA, poolA, ALICE, approve).last().buttons().get(0).customId());

        assertThat(again.calls).containsExactly("defer", "replaceEphemeral");
        assertThat(again.last().embeds().get(0).getDescription()).contains("already approved");
        assertThat(plans.tally("7")).isEqualTo("1 of 2: @alice");
    }

    @Test
    void reject_confirmed_runsRejectWithItsReasonAndUpdatesThePlan() {
        DiscordMessage plan = postPlan();
        FakeInteractions.Click ask = click(instanceA, poolA, BOB, button(plan, "Reject"));
        assertThat(ask.last().embeds().get(0).getDescription()).contains("/purser reject 7 \"rejected in chat\"");

        click(instanceB, poolB, BOB, ask.last().buttons().get(0).customId());

        assertThat(plans.runs).contains("reject 7 as bob");
        assertThat(discord.api.findAll(patchRequestedFor(urlPathMatching("/api/v10/channels/.*"))).get(0)
                .getBodyAsString()).contains("rejected by bob: rejected in chat");
    }

    @Test
    void confirmButton_afterADay_expiredAndNothingRuns() {
        DiscordMessage plan = postPlan();
        FakeInteractions.Click ask = click(instanceB, poolB, ALICE, button(plan, "Approve"));
        clock.advance(Duration.ofHours(24));

        FakeInteractions.Click late = click(instanceA, poolA, ALICE, ask.last().buttons().get(0).customId());

        assertThat(late.calls).containsExactly("ephemeral");
        assertThat(late.last().embeds().get(0).getDescription()).contains("expired");
        assertThat(plans.runs).noneMatch(r -> r.startsWith("approve"));
    }

    @Test
    void liveMessage_deletedInDiscord_forgottenAfterItsEdit() {
        postPlan();
        discord.api.stubFor(patch(urlPathMatching("/api/v10/channels/\\d+/messages/\\d+"))
                .willReturn(DiscordStandIn.json(404, "{\"message\": \"Unknown Message\", \"code\": 10008}")));
        LiveMessages live = new LiveMessages(db.dataSource(), plans.dispatcher(), clock, Runnable::run);
        live.register(new JdaMessageEdits(discord.jda, new DiscordReplyRenderer(c -> new byte[] {1}),
                new JdbcButtons(db.dataSource(), clock, DiscordFace.BUTTON_TTL)));

        assertThat(live.refreshNow("plan:7")).isZero();

        assertThat(live.messages("plan:7")).extracting(LiveMessages.Posted::platform).containsExactly("slack");
    }

    private static final class NoCompletions implements DiscordCompletions {
        @Override
        public boolean offers(CommandSpec command, ArgumentSpec<?> argument) {
            return false;
        }

        @Override
        public List<String> values(CommandSpec command, ArgumentSpec<?> argument) {
            return List.of();
        }
    }

}
