package dev.purser.commands.help;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.reply.Reply;
import dev.purser.commands.testing.Fixtures;
import dev.purser.core.error.ErrorCode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelpCommandTest {

    @TempDir
    Path imports;
    Fixtures fx;

    @BeforeEach
    void setUp() {
        fx = new Fixtures(imports);
    }

    @Test
    void help_lists_onlyCommandsThePrincipalMayRun() {
        Reply viewer = fx.dispatcher.run(Fixtures.viewer(), "slack", "help");
        assertThat(viewer.tables().get(0).rows()).extracting(r -> r.get(0).asText()).containsExactly("cost", "trend", "movers", "help");
        Reply requester = fx.dispatcher.run(Fixtures.requester(), "slack", "help");
        assertThat(requester.tables().get(0).rows()).extracting(r -> r.get(0).asText())
                .containsExactly("cost", "trend", "movers", "import", "help");
    }

    @Test
    void help_oneCommand_usageAndEveryArgument() {
        Reply reply = fx.dispatcher.run(Fixtures.viewer(), "slack", "help import");
        assertThat(reply.figures().get(0).value().asText()).isEqualTo("purser import <kind> <file>... [--lenient]");
        assertThat(reply.tables().get(0).rows()).extracting(r -> r.get(0).asText())
                .containsExactly("kind", "file", "--lenient");
        assertThat(reply.notes()).anyMatch(n -> n.contains("requester role"));
    }

    @Test
    void help_commandWithKinds_listsEachKindWithItsUsage() {
        Reply reply = fx.dispatcher.run(Fixtures.viewer(), "slack", "help import");

        assertThat(reply.tables()).filteredOn(t -> t.key().equals("kinds")).singleElement().satisfies(t ->
                assertThat(t.rows()).singleElement().satisfies(r -> {
                    assertThat(r.get(0).asText()).isEqualTo("focus");
                    assertThat(r.get(1).asText()).isEqualTo("purser import focus <file>... [--lenient]");
                    assertThat(r.get(2).asText()).contains("FOCUS CSV");
                }));
    }

    @Test
    void help_unknownCommand_listsCommands() {
        Reply reply = fx.dispatcher.run(Fixtures.viewer(), "slack", "help cots");
        assertThat(reply.error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(reply.error().message()).contains("did you mean cost");
    }

    @Test
    void help_itself_explained() {
        assertThat(fx.dispatcher.run(Fixtures.viewer(), "slack", "help help").title()).isEqualTo("Help");
    }
}
