package dev.purser.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.bot.serve.PurserRuntime;
import dev.purser.bot.serve.PurserSettings;
import dev.purser.bot.slack.SlackReplyRenderer.SlackMessage;
import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.testing.Fixtures;
import dev.purser.commands.testing.SampleReplies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command the launcher serves, through the Slack renderer: its help, its usage error, and
 * (over fakes) its answer to a bare invocation stay within Slack's limits.
 */
class SlackCommandContractTest {

    private static final SlackReplyRenderer RENDERER = new SlackReplyRenderer();
    // Building the served registry opens no database; help and usage errors never touch one.
    private static final PurserRuntime RUNTIME = new PurserRuntime(PurserSettings.fromEnvironment(
            Map.of("PURSER_DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/never-opened"), Path.of(".")),
            Clock.systemUTC());

    @AfterAll
    static void close() {
        RUNTIME.close();
    }

    static Stream<String> served() {
        return RUNTIME.dispatcher().registry().all().stream().map(CommandSpec::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("served")
    void servedCommand_helpAndUsageError_withinSlackLimits(String name) {
        CommandDispatcher dispatcher = RUNTIME.dispatcher();
        for (String line : List.of("help " + name, name + " --no-such-option")) {
            SlackMessage message = RENDERER.message(dispatcher.run(Fixtures.viewer(), SlackFace.FACE, line));

            assertThat(SlackReplyRenderer.limitViolations(message.blocks())).as(line).isEmpty();
            assertThat(message.text()).as(line).isNotBlank();
        }
    }

    static Stream<String> fixtureCommands() throws Exception {
        return new Fixtures(Files.createTempDirectory("slack-contract")).registry.all().stream().map(CommandSpec::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureCommands")
    void command_bareRunOverFakes_withinSlackLimits(String name) throws Exception {
        Fixtures fx = new Fixtures(Files.createTempDirectory("slack-contract"));
        SampleReplies.mandible(fx.costs);

        SlackMessage message = RENDERER.message(fx.dispatcher.run(Fixtures.requester(), SlackFace.FACE, name));

        assertThat(SlackReplyRenderer.limitViolations(message.blocks())).isEmpty();
    }

    static Stream<String> samples() {
        return SampleReplies.all().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sample_withinSlackLimits(String name) {
        SlackMessage message = RENDERER.message(SampleReplies.all().get(name));

        assertThat(SlackReplyRenderer.limitViolations(message.blocks())).isEmpty();
    }
}
