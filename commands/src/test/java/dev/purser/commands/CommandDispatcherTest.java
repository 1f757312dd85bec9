package dev.purser.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.reply.ConversationRef;
import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.testing.Fixtures;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandDispatcherTest {

    @TempDir
    Path imports;
    Fixtures fx;

    @BeforeEach
    void setUp() {
        fx = new Fixtures(imports);
        fx.costs.charge("2026-11-02", "Droplets", "10.00", "USD");
    }

    private static CommandDispatcher dispatcherWith(CommandSpec.Handler handler) {
        CommandSpec boom = new CommandSpec("boom", "Boom", "Fails on purpose for tests",
                "A command whose handler fails, so the dispatcher's error handling can be observed in tests.",
                List.of(), Role.VIEWER, Effect.READ_ONLY, handler);
        return new CommandDispatcher(CommandRegistry.of(boom));
    }

    @Test
    void run_tokens_runsHandler() {
        Reply reply = fx.dispatcher.run(Fixtures.viewer(), "cli", List.of("cost"));
        assertThat(reply.isError()).isFalse();
        assertThat(reply.command()).isEqualTo("cost");
    }

    @Test
    void run_contextWithRequestAndConversation_replyCarriesBoth() {
        ConversationRef thread = new ConversationRef("slack", "C042", Optional.of("1730000000.000100"));
        CommandContext context = new CommandContext(Fixtures.viewer(), "slack").withRequestId("req-7")
                .withConversation(thread);

        Reply reply = fx.dispatcher.run(context, "cost");

        assertThat(reply.requestId()).contains("req-7");
        assertThat(reply.conversation()).contains(thread);
    }

    @Test
    void run_errorInContext_replyStillCarriesRequest() {
        CommandContext context = new CommandContext(Fixtures.viewer(), "slack").withRequestId("req-8");

        Reply reply = fx.dispatcher.run(context, List.of("import", "focus", "a.csv"));

        assertThat(reply.error().code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(reply.requestId()).contains("req-8");
    }

    @Test
    void run_withoutContext_noRequestId() {
        assertThat(fx.dispatcher.run(Fixtures.viewer(), "cli", "cost").requestId()).isEmpty();
    }

    @Test
    void run_followUp_runsItsCommandForTheClicker() {
        Reply first = fx.dispatcher.run(Fixtures.viewer(), "cli", "cost 2026-11");
        FollowUp next = first.followUps().get(0);

        Reply reply = fx.dispatcher.run(new CommandContext(Fixtures.viewer(), "slack"), next);

        assertThat(reply.isError()).as(String.valueOf(reply.error())).isFalse();
        assertThat(reply.command()).isEqualTo(next.command());
        assertThat(fx.dispatcher.registry().find(next.command())).get()
                .extracting(CommandSpec::requiredRole).isEqualTo(Role.VIEWER);
    }

    @Test
    void run_withoutRole_forbidden() {
        Reply reply = fx.dispatcher.run(Fixtures.viewer(), "slack", List.of("import", "focus", "a.csv"));
        assertThat(reply.error().code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(reply.error().message()).contains("import needs the requester role");
        assertThat(fx.importer.calls()).isEmpty();
    }

    @Test
    void run_noRoles_forbiddenEvenForViewerCommands() {
        Principal nobody = new Principal("discord:9", "Nobody", Set.of(), true);
        assertThat(fx.dispatcher.run(nobody, "discord", List.of("cost")).error().code()).isEqualTo(ErrorCode.FORBIDDEN);
    }

    @Test
    void run_unexpectedException_internalErrorWithoutItsMessage() {
        CommandDispatcher d = dispatcherWith((inv, ctx) -> {
            throw new IllegalStateException("SELECT token FROM secrets WHERE password='hunter2'");
        });
        Reply reply = d.run(Fixtures.viewer(), "mcp", List.of("boom"));
        assertThat(reply.error().code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
        assertThat(reply.error().referenceId()).matches("[0-9a-f]{8}");
        assertThat(reply.error().message())
                .isEqualTo("Something went wrong on our side (ref " + reply.error().referenceId() + ")");
        assertThat(reply.toString()).doesNotContain("SELECT").doesNotContain("hunter2").doesNotContain("IllegalState");
    }

    @Test
    void run_assertionError_internalError() {
        CommandDispatcher d = dispatcherWith((inv, ctx) -> {
            throw new AssertionError("impossible");
        });
        assertThat(d.run(Fixtures.viewer(), "cli", List.of("boom")).error().code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
    }

    @Test
    void run_handlerReturnsNull_internalError() {
        CommandDispatcher d = dispatcherWith((inv, ctx) -> null);
        assertThat(d.run(Fixtures.viewer(), "cli", List.of("boom")).error().code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
    }

    @Test
    void run_purserException_keepsCodeMessageAndReference() {
        PurserException failure = new PurserException(ErrorCode.DATABASE_UNAVAILABLE, "the database is not reachable");
        CommandDispatcher d = dispatcherWith((inv, ctx) -> {
            throw failure;
        });
        Reply reply = d.run(Fixtures.viewer(), "cli", List.of("boom"));
        assertThat(reply.error().code()).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE);
        assertThat(reply.error().message()).isEqualTo("the database is not reachable");
        assertThat(reply.error().referenceId()).isEqualTo(failure.referenceId());
    }

    @Test
    void run_storeFailure_internalErrorReply() {
        fx.costs.failWith(new RuntimeException("org.postgresql.util.PSQLException: relation x does not exist"));
        Reply reply = fx.dispatcher.run(Fixtures.viewer(), "cli", List.of("cost"));
        assertThat(reply.error().code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
        assertThat(reply.error().message()).doesNotContain("PSQL");
    }

    @Test
    void run_badArgument_errorReplyNamedAfterCommand() {
        Reply reply = fx.dispatcher.run(Fixtures.viewer(), "slack", "cost --by colour");
        assertThat(reply.command()).isEqualTo("cost");
        assertThat(reply.error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(reply.error().referenceId()).isNotNull();
    }

    @Test
    void run_unknownCommand_errorReply() {
        assertThat(fx.dispatcher.run(Fixtures.viewer(), "slack", "cots").error().code()).isEqualTo(ErrorCode.UNKNOWN_COMMAND);
    }

    @Test
    void run_emptyInput_runsHelp() {
        assertThat(fx.dispatcher.run(Fixtures.viewer(), "slack", List.of()).command()).isEqualTo("help");
        Reply reply = fx.dispatcher.run(Fixtures.viewer(), "slack", "   ");
        assertThat(reply.isError()).isFalse();
        assertThat(reply.command()).isEqualTo("help");
    }

    @Test
    void run_dashHelp_explainsTheCommand() {
        Reply reply = fx.dispatcher.run(Fixtures.viewer(), "cli", List.of("cost", "--by", "colour", "--help"));
        assertThat(reply.isError()).isFalse();
        assertThat(reply.title()).isEqualTo("Cost breakdown");
    }

    @Test
    void run_lineWithQuotes_splitsThenRuns() {
        fx.costs.charge("2026-11-03", Map.of(dev.purser.core.model.Dimension.SERVICE, "Amazon EC2"), "5.00", "USD");
        Reply reply = fx.dispatcher.run(Fixtures.viewer(), "slack", "cost --where \"service=Amazon EC2\"");
        assertThat(reply.isError()).isFalse();
        assertThat(fx.costs.breakdownRequests().get(0).filter().equalTo()).containsValue("Amazon EC2");
    }

    @Test
    void run_unclosedQuote_badArgument() {
        assertThat(fx.dispatcher.run(Fixtures.viewer(), "slack", "cost --account \"x").error().code())
                .isEqualTo(ErrorCode.BAD_ARGUMENT);
    }

    @Test
    void runNamed_runsWithNamedArguments() {
        Reply reply = fx.dispatcher.runNamed(Fixtures.viewer(), "mcp", "cost", Map.of("by", "service", "top", 3));
        assertThat(reply.isError()).isFalse();
        assertThat(fx.costs.breakdownRequests()).anyMatch(r -> r.top() == 3 && r.by().word().equals("service"));
    }

    @Test
    void runNamed_forbiddenAndBadArgument_errorReplies() {
        assertThat(fx.dispatcher.runNamed(Fixtures.viewer(), "mcp", "import", Map.of("kind", "focus", "file", "a.csv"))
                .error().code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(fx.dispatcher.runNamed(Fixtures.viewer(), "mcp", "cost", Map.of("top", "many"))
                .error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(fx.dispatcher.runNamed(Fixtures.viewer(), "mcp", null, Map.of()).error().code())
                .isEqualTo(ErrorCode.UNKNOWN_COMMAND);
    }

    @Test
    void registry_isTheOneGiven() {
        assertThat(fx.dispatcher.registry()).isSameAs(fx.registry);
    }
}
