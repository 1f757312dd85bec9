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
import dev.purser.bot.chat.JdbcButtons;
import dev.purser.bot.chat.LiveMessages;
import dev.purser.bot.metrics.PurserMetrics;
import dev.purser.bot.slack.SlackFace;
import dev.purser.bot.slack.SlackIdentities;
import dev.purser.bot.slack.SlackSettings;
import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.CommandRegistry;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.Principal;
import dev.purser.commands.Role;
import dev.purser.commands.plan.ApproveCommand;
import dev.purser.commands.plan.PlanCommand;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.testing.MutableClock;
import dev.purser.core.analysis.catalog.PriceCatalogs;
import dev.purser.core.analysis.recommendations.RightsizingService;
import dev.purser.core.analysis.rightsizing.Recommendation;
import dev.purser.core.analysis.rightsizing.RecommendationKind;
import dev.purser.core.analysis.rightsizing.RightsizingEngine;
import dev.purser.core.analysis.rightsizing.RightsizingRules;
import dev.purser.core.config.IdentityConfig;
import dev.purser.core.config.Secret;
import dev.purser.core.demo.DemoScenarios;
import dev.purser.core.demo.Scenario;
import dev.purser.core.live.SubjectChanges;
import dev.purser.core.plan.ApprovalPolicies;
import dev.purser.core.plan.InventoryPlanInputs;
import dev.purser.core.plan.PlanService;
import dev.purser.core.plan.PlanSettings;
import dev.purser.core.store.InventoryRepository;
import dev.purser.core.store.JdbcAuditTrail;
import dev.purser.core.store.JdbcPlanStore;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real plan, approve and reject commands over the real plan store and audit trail, clicked
 * in Discord: the plan message posted by one instance is approved through another, a requester's
 * own click is refused, and every copy of the message (Discord and Slack) shows the one tally.
 */
class PlanButtonsEndToEndTest {

    static final String ALICE = "100000000000000031";
    static final String BOB = "100000000000000032";
    static final String CHANNEL = "900000000000000001";
    static final String PLAN_MESSAGE = "1400000000000000001";
    static final String SLACK_CHANNEL = "C0123FINOPS";
    static final String SLACK_TS = "1765000000.000200";

    private PurserDatabase db;
    private DiscordStandIn discord;
    private WireMockServer slackApi;
    private SlackFace slack;
    private CommandDispatcher dispatcher;
    private ManualExecutor poolA;
    private ManualExecutor poolB;
    private DiscordInteractionHandler instanceA;
    private DiscordInteractionHandler instanceB;
    private LiveMessages liveA;
    private List<String> ids;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.fresh();
        MutableClock clock = MutableClock.at("2026-11-22T12:00:00Z");
        InventoryRepository inventory = new InventoryRepository(db.dataSource());
        Scenario mandible = DemoScenarios.generate("mandible", LocalDate.of(2026, 11, 22));
        inventory.replaceScenario(mandible.name(), mandible.inventory(), mandible.usage());
        RightsizingService rightsizing = new RightsizingService(inventory, new RightsizingEngine(PriceCatalogs.bundled(),
                RightsizingRules.defaults(), clock), null, clock);
        ids = rightsizing.recommendations("mandible").stream()
                .filter(r -> r.kind() == RecommendationKind.DATABASE_CLUSTER).map(Recommendation::id).toList();
        PlanSettings settings = PlanSettings.defaults(ZoneOffset.UTC);
        PlanService plans = new PlanService(new JdbcPlanStore(db.dataSource()), new JdbcAuditTrail(db.dataSource(), clock),
                new InventoryPlanInputs(rightsizing, inventory, settings.trafficWindow(), clock), settings,
                new ApprovalPolicies(List.of()), clock);
        SubjectChanges changes = new SubjectChanges();
        dispatcher = new CommandDispatcher(CommandRegistry.of(List.of(PlanCommand.create(plans, changes),
                ApproveCommand.create(plans, changes), ApproveCommand.reject(plans, changes))));

        discord = new DiscordStandIn();
        discord.api.stubFor(patch(urlPathMatching("/api/v10/channels/\\d+/messages/\\d+"))
                .willReturn(DiscordStandIn.json(200, DiscordStandIn.message(PLAN_MESSAGE, CHANNEL))));
        slackApi = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        slackApi.start();
        for (String method : List.of("auth.test", "chat.update")) {
            slackApi.stubFor(post(urlEqualTo("/api/" + method)).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody(DiscordApprovalButtonsTest.sample(method))));
        }
        DiscordIdentities identities = new DiscordIdentities(List.of(
                new IdentityConfig("alice", null, ALICE, Set.of("requester", "approver")),
                new IdentityConfig("bob", null, BOB, Set.of("approver"))));
        DiscordReplyRenderer renderer = new DiscordReplyRenderer(c -> new byte[] {1});
        liveA = new LiveMessages(db.dataSource(), dispatcher, clock, Runnable::run);
        LiveMessages liveB = new LiveMessages(db.dataSource(), dispatcher, clock, Runnable::run);
        JdbcButtons buttonsA = new JdbcButtons(db.dataSource(), clock, DiscordFace.BUTTON_TTL);
        JdbcButtons buttonsB = new JdbcButtons(db.dataSource(), clock, DiscordFace.BUTTON_TTL);
        liveB.register(new JdaMessageEdits(discord.jda, renderer, buttonsB));
        slack = SlackFace.start(new SlackSettings(URI.create(slackApi.baseUrl() + "/api/"),
                Secret.of("SLACK_SIGNING_SECRET", "unused-here"), Secret.of("SLACK_BOT_TOKEN", "xoxb-test-token"),
                Secret.absent("SLACK_APP_TOKEN"), 1, 10, Duration.ofSeconds(2)), dispatcher,
                new SlackIdentities(List.of()), new PurserMetrics(), clock, liveB);
        changes.subscribe(liveB);
        poolA = new ManualExecutor();
        poolB = new ManualExecutor();
        instanceA = new DiscordInteractionHandler(dispatcher, identities, renderer, buttonsA, new NoCompletions(), poolA,
                (live, channel, id) -> liveA.posted(live, "discord", channel, id));
        instanceB = new DiscordInteractionHandler(dispatcher, identities, renderer, buttonsB, new NoCompletions(), poolB,
                (live, channel, id) -> liveB.posted(live, "discord", channel, id));
    }

    @AfterEach
    void tearDown() {
        slack.close();
        slackApi.stop();
        discord.close();
        db.close();
    }

    private FakeInteractions.Click click(DiscordInteractionHandler instance, ManualExecutor pool, String user,
            String buttonId) {
        FakeInteractions.Click click = new FakeInteractions.Click(user, buttonId);
        instance.onButton(click);
        pool.runAll();
        return click;
    }

    private static String button(DiscordMessage message, String label) {
        return message.buttons().stream().filter(b -> b.label().startsWith(label)).findFirst().orElseThrow().customId();
    }

    @Test
    void realPlan_selfApprovalRefused_approverCounted_everyCopyShowsTheTally() {
        Principal alice = new Principal("alice", "alice", EnumSet.of(Role.VIEWER, Role.REQUESTER, Role.APPROVER), true);
        Reply created = dispatcher.run(alice, "cli", "plan create " + String.join(" ", ids));
        assertThat(created.isError()).as("%s", created.error()).isFalse();

        FakeInteractions.Slash show = new FakeInteractions.Slash(ALICE, "plan", Map.of("action", "show", "target", "1"));
        instanceA.onSlash(show);
        poolA.runAll();
        DiscordMessage plan = show.last();
        assertThat(plan.embeds().get(0).getDescription()).contains("phase 1: 0 of 1");
        Reply shown = dispatcher.run(alice, "slack", "plan show 1");
        liveA.posted(shown.live().orElseThrow(), "slack", SLACK_CHANNEL, SLACK_TS);

        // the requester's own click: confirm, then an ephemeral refusal, and nothing changes
        FakeInteractions.Click own = click(instanceB, poolB, ALICE, button(plan, "Approve"));
        FakeInteractions.Click ownConfirm = click(instanceB, poolB, ALICE, own.last().buttons().get(0).customId());
        assertThat(ownConfirm.calls).contains("defer");
        assertThat(ownConfirm.last().embeds().get(0).getDescription()).contains("self_approval");
        assertThat(discord.api.findAll(patchRequestedFor(urlPathMatching("/api/v10/channels/.*")))).isEmpty();

        // an approver's click on the other instance counts, and both copies follow
        FakeInteractions.Click bob = click(instanceB, poolB, BOB, button(plan, "Approve"));
        click(instanceB, poolB, BOB, bob.last().buttons().get(0).customId());

        List<LoggedRequest> edits = discord.api.findAll(patchRequestedFor(
                urlEqualTo("/api/v10/channels/" + CHANNEL + "/messages/" + PLAN_MESSAGE)));
        assertThat(edits).hasSize(1);
        // phase 1 (the rehearsal) has its one approval, so the plan is approved and phase 2 waits
        assertThat(edits.get(0).getBodyAsString()).contains("\"name\":\"State\",\"value\":\"approved\"")
                .contains("Approved: phase 2: 0 of 1");
        List<LoggedRequest> updates = slackApi.findAll(postRequestedFor(urlEqualTo("/api/chat.update")));
        assertThat(updates).hasSize(1);
        assertThat(URLDecoder.decode(updates.get(0).getBodyAsString(), StandardCharsets.UTF_8))
                .contains("ts=" + SLACK_TS).contains("Approved: phase 2: 0 of 1");
        Reply after = dispatcher.run(alice, "cli", "plan show 1");
        assertThat(after.tables()).anySatisfy(t -> assertThat(t.rows().toString()).contains("bob").doesNotContain("alice"));
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
