package dev.purser.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.CommandRegistry;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.Effect;
import dev.purser.commands.Role;
import dev.purser.commands.reply.Chart;
import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.testing.Fixtures;
import dev.purser.commands.testing.MutableClock;
import dev.purser.commands.testing.SampleReplies;
import dev.purser.core.config.IdentityConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interaction handler driven through hand-written fakes of Discord interactions. */
class DiscordInteractionHandlerTest {

    static final String VIEWER = "100000000000000011";
    static final String RAFA = "100000000000000022";
    /** A guild role that discord.role_grants makes a requester. */
    static final String IMPORTERS_ROLE = "500000000000000001";

    @TempDir
    Path imports;

    private Fixtures fx;
    private MutableClock clock;
    private FollowUpButtons buttons;
    private ManualExecutor executor;
    private DiscordInteractionHandler handler;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(imports.resolve("october.csv"), "x");
        Files.writeString(imports.resolve("november.csv"), "x");
        fx = new Fixtures(imports);
        SampleReplies.mandible(fx.costs);
        clock = MutableClock.at("2026-11-15T10:00:00Z");
        buttons = new FollowUpButtons(clock, Duration.ofHours(24), 100);
        executor = new ManualExecutor();
        handler = handler(fx.dispatcher, executor, c -> new byte[] {1});
    }

    private DiscordInteractionHandler handler(CommandDispatcher dispatcher, ManualExecutor pool,
            java.util.function.Function<Chart, byte[]> rasterizer) {
        DiscordIdentities identities = new DiscordIdentities(List.of(
                new IdentityConfig("rafa", null, RAFA, Set.of("requester"))),
                Map.of(IMPORTERS_ROLE, Set.of("requester")));
        return new DiscordInteractionHandler(dispatcher, identities, new DiscordReplyRenderer(rasterizer), buttons,
                new FixedCompletions(), pool);
    }

    @Test
    void onSlash_cost_defersBeforeRunningThenEditsWithEmbeds() {
        FakeInteractions.Slash slash = new FakeInteractions.Slash(VIEWER, "cost", Map.of("period", "last-month"));

        handler.onSlash(slash);

        assertThat(slash.calls).containsExactly("defer");
        assertThat(executor.pending()).isEqualTo(1);
        executor.runAll();
        assertThat(slash.calls).containsExactly("defer", "edit");
        DiscordMessage answer = slash.last();
        assertThat(answer.embeds()).extracting(MessageEmbed::getTitle).first().isEqualTo("Billed cost by service");
        assertThat(answer.buttons()).isNotEmpty().allSatisfy(b ->
                assertThat(buttons.recall(b.customId())).isPresent());
        DiscordLimitsCheck.assertWithin(answer);
    }

    @Test
    void onSlash_numberOption_arrivesAsNumber() {
        FakeInteractions.Slash slash = new FakeInteractions.Slash(VIEWER, "cost",
                Map.of("period", "last-month", "top", 1L));
        handler.onSlash(slash);
        executor.runAll();

        String table = slash.last().embeds().get(1).getDescription();
        // one named row, the rest folded into (other), then the total
        assertThat(table).contains("Droplets").contains("(other)").doesNotContain("Spaces");
    }

    @Test
    void onSlash_roleUserLacks_ephemeralRefusalNamingRoleWithoutRunning() {
        FakeInteractions.Slash slash = new FakeInteractions.Slash(VIEWER, "import",
                Map.of("kind", "focus", "file", "october.csv"));

        handler.onSlash(slash);

        assertThat(slash.calls).containsExactly("ephemeral");
        assertThat(executor.pending()).isZero();
        MessageEmbed refusal = slash.last().embeds().get(0);
        assertThat(refusal.getFooter().getText()).isEqualTo("FORBIDDEN");
        assertThat(refusal.getDescription()).contains("requester");
        assertThat(fx.importer.calls()).isEmpty();
    }

    @Test
    void onSlash_grantedGuildRole_mayRunWhatTheRoleAllows() {
        FakeInteractions.Slash slash = new FakeInteractions.Slash(VIEWER, "import",
                Map.of("kind", "focus", "file", "october.csv"));
        slash.guildRoles.add("500000000000000999");
        slash.guildRoles.add(IMPORTERS_ROLE);

        handler.onSlash(slash);
        executor.runAll();

        assertThat(slash.calls).containsExactly("defer", "edit");
        assertThat(fx.importer.calls()).hasSize(1);
    }

    @Test
    void onSlash_repeatableOption_commaSeparatedValuesAllRun() {
        FakeInteractions.Slash slash = new FakeInteractions.Slash(RAFA, "import",
                Map.of("kind", "focus", "file", "october.csv, november.csv", "lenient", true));

        handler.onSlash(slash);
        executor.runAll();

        assertThat(slash.calls).containsExactly("defer", "edit");
        assertThat(fx.importer.calls()).extracting(c -> c.file().getFileName().toString())
                .containsExactly("october.csv", "november.csv");
    }

    @Test
    void onSlash_badArgument_placeholderReplacedByEphemeralError() {
        FakeInteractions.Slash slash = new FakeInteractions.Slash(VIEWER, "cost", Map.of("by", "colour"));

        handler.onSlash(slash);
        executor.runAll();

        assertThat(slash.calls).containsExactly("defer", "replaceEphemeral");
        assertThat(slash.last().embeds().get(0).getFooter().getText()).startsWith("BAD_ARGUMENT");
    }

    @Test
    void onSlash_unknownSubcommand_ephemeralUnknownCommand() {
        FakeInteractions.Slash slash = new FakeInteractions.Slash(VIEWER, "plan", Map.of());
        handler.onSlash(slash);
        executor.runAll();
        assertThat(slash.calls).containsExactly("defer", "replaceEphemeral");
        assertThat(slash.last().embeds().get(0).getFooter().getText()).startsWith("UNKNOWN_COMMAND");
    }

    @Test
    void onSlash_executorFull_toldToRetryEphemerally() {
        ManualExecutor full = new ManualExecutor(0);
        DiscordInteractionHandler busy = handler(fx.dispatcher, full, c -> new byte[] {1});
        FakeInteractions.Slash slash = new FakeInteractions.Slash(VIEWER, "cost", Map.of());

        busy.onSlash(slash);

        assertThat(slash.calls).containsExactly("defer", "replaceEphemeral");
        assertThat(slash.last().embeds().get(0).getDescription()).contains("busy");
    }

    @Test
    void onSlash_renderingFails_ephemeralErrorWithReference() {
        CommandSpec charted = new CommandSpec("charted", "Charted", "A reply with a chart",
                "Answers with one chart, for the rendering failure test.", List.<ArgumentSpec<?>>of(), Role.VIEWER,
                Effect.READ_ONLY, (invocation, context) -> Reply.builder("charted", "Charted")
                        .chart(SampleReplies.kitchenSink().charts().get(0)).build());
        DiscordInteractionHandler failing = handler(new CommandDispatcher(CommandRegistry.of(charted)), executor,
                c -> {
                    throw new IllegalStateException("no fonts on this server");
                });
        FakeInteractions.Slash slash = new FakeInteractions.Slash(VIEWER, "charted", Map.of());

        failing.onSlash(slash);
        executor.runAll();

        assertThat(slash.calls).containsExactly("defer", "replaceEphemeral");
        MessageEmbed error = slash.last().embeds().get(0);
        assertThat(error.getFooter().getText()).startsWith("INTERNAL_ERROR · ref ");
        assertThat(error.getDescription()).doesNotContain("fonts");
    }

    @Test
    void onButton_followUp_runsForClickerAsNewAnswer() {
        FakeInteractions.Slash slash = new FakeInteractions.Slash(VIEWER, "cost", Map.of("period", "last-month"));
        handler.onSlash(slash);
        executor.runAll();
        DiscordMessage.ButtonSpec byRegion = slash.last().buttons().get(0);
        assertThat(byRegion.label()).isEqualTo("By region");

        FakeInteractions.Click click = new FakeInteractions.Click(RAFA, byRegion.customId());
        handler.onButton(click);
        assertThat(click.calls).containsExactly("defer");
        executor.runAll();

        assertThat(click.calls).containsExactly("defer", "edit");
        assertThat(click.last().embeds().get(0).getTitle()).isEqualTo("Billed cost by region");
    }

    @Test
    void onButton_followUpNeedsRoleClickerLacks_refusedEphemerally() {
        String id = buttons.remember(FollowUp.to("Import October", "import").positional("focus")
                .positional("october.csv").build());

        FakeInteractions.Click viewer = new FakeInteractions.Click(VIEWER, id);
        handler.onButton(viewer);
        assertThat(viewer.calls).containsExactly("ephemeral");
        assertThat(viewer.last().embeds().get(0).getDescription()).contains("requester");

        FakeInteractions.Click rafa = new FakeInteractions.Click(RAFA, id);
        handler.onButton(rafa);
        executor.runAll();
        assertThat(rafa.calls).containsExactly("defer", "edit");
        assertThat(fx.importer.calls()).hasSize(1);
    }

    @Test
    void onButton_expired_ephemeralWithoutRunning() {
        String id = buttons.remember(FollowUp.to("Costs", "cost").build());
        clock.advance(Duration.ofHours(25));

        FakeInteractions.Click click = new FakeInteractions.Click(VIEWER, id);
        handler.onButton(click);

        assertThat(click.calls).containsExactly("ephemeral");
        assertThat(click.last().embeds().get(0).getDescription()).contains("expired");
        assertThat(executor.pending()).isZero();
    }

    @Test
    void onAutocomplete_knownValues_filteredByWhatWasTyped() {
        FakeInteractions.Autocomplete request = new FakeInteractions.Autocomplete(VIEWER, "trend", "account", "pro");
        handler.onAutocomplete(request);
        assertThat(request.suggested).containsExactly("prod-123", "old-prod");
    }

    @Test
    void onAutocomplete_commandUserMayNotRun_nothingSuggested() {
        FakeInteractions.Autocomplete request = new FakeInteractions.Autocomplete(VIEWER, "import", "kind", "");
        handler.onAutocomplete(request);
        assertThat(request.suggested).isEmpty();
    }

    @Test
    void matching_prefixFirstAtMost25() {
        List<String> many = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add("svc-" + i);
        }
        many.add("my-svc");
        assertThat(DiscordInteractionHandler.matching(many, "svc")).hasSize(25).allMatch(v -> v.startsWith("svc-"));
        assertThat(DiscordInteractionHandler.matching(List.of("web", "db"), "")).containsExactly("web", "db");
    }

    /** Accounts a deployment would know from its bill. */
    private static final class FixedCompletions implements DiscordCompletions {
        @Override
        public boolean offers(CommandSpec command, ArgumentSpec<?> argument) {
            return argument.name().equals("account");
        }

        @Override
        public List<String> values(CommandSpec command, ArgumentSpec<?> argument) {
            return List.of("staging-9", "prod-123", "old-prod");
        }
    }
}
