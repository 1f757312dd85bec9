package dev.purser.bot.faces;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.purser.bot.discord.DiscordMessage;
import dev.purser.bot.discord.DiscordReplyRenderer;
import dev.purser.bot.serve.PurserRuntime;
import dev.purser.bot.serve.PurserSettings;
import dev.purser.bot.slack.SlackReplyRenderer;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.render.JsonRenderer;
import dev.purser.commands.render.MarkdownRenderer;
import dev.purser.commands.render.TextRenderer;
import dev.purser.commands.testing.Fixtures;
import dev.purser.commands.testing.SampleReplies;
import dev.purser.mcp.tools.McpReplyMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity across faces: every registered command's replies (its help, a usage error, and over
 * fakes its answer to a bare run) rendered by every face — text, Markdown, JSON, Slack, Discord
 * and MCP — each showing the reply's title or error and staying within its platform's limits.
 */
class FaceParityContractTest {

    private static final PurserRuntime RUNTIME = new PurserRuntime(PurserSettings.fromEnvironment(
            Map.of("PURSER_DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/never-opened"), Path.of(".")),
            Clock.systemUTC());
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DiscordReplyRenderer DISCORD = new DiscordReplyRenderer(c -> new byte[] {1});
    private static final McpReplyMapper MCP = new McpReplyMapper(new MarkdownRenderer(), new JsonRenderer(), MAPPER);

    @AfterAll
    static void close() {
        RUNTIME.close();
    }

    /** (case name, reply): help and a usage error of every served command, bare runs over fakes, the samples. */
    static Stream<Arguments> replies() throws Exception {
        List<Arguments> all = new ArrayList<>();
        for (CommandSpec spec : RUNTIME.dispatcher().registry().all()) {
            // help and usage errors never open the database
            for (String line : List.of("help " + spec.name(), spec.name() + " --no-such-option")) {
                all.add(Arguments.of(line, RUNTIME.dispatcher().run(Fixtures.viewer(), "parity", line)));
            }
        }
        Fixtures fx = new Fixtures(Files.createTempDirectory("parity"));
        SampleReplies.mandible(fx.costs);
        for (CommandSpec spec : fx.registry.all()) {
            all.add(Arguments.of(spec.name() + " (bare, over fakes)",
                    fx.dispatcher.run(Fixtures.requester(), "parity", spec.name())));
        }
        SampleReplies.all().forEach((name, reply) -> all.add(Arguments.of("sample " + name, reply)));
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replies")
    void everyFace_rendersWithinItsLimits(String name, Reply reply) throws Exception {
        String shown = reply.isError() ? reply.error().message() : reply.title();

        assertThat(new TextRenderer().render(reply)).as("text").contains(shown);
        assertThat(new MarkdownRenderer().render(reply)).as("markdown").contains(shown);
        JsonNode json = MAPPER.readTree(new JsonRenderer().render(reply));
        assertThat(json.toString()).as("json").contains(MAPPER.writeValueAsString(shown).replace("\"", ""));

        SlackReplyRenderer.SlackMessage slack = new SlackReplyRenderer().message(reply);
        assertThat(SlackReplyRenderer.limitViolations(slack.blocks())).as("slack").isEmpty();
        assertThat(slack.text()).as("slack fallback text").isNotBlank();

        DiscordMessage discord = DISCORD.render(reply, f -> "purser:x");
        assertThat(discord.limitViolations()).as("discord").isEmpty();
        assertThat(discord.embeds()).as("discord").isNotEmpty();

        McpSchema.CallToolResult mcp = MCP.map(reply, false);
        assertThat(mcp.content()).as("mcp").isNotEmpty();
        assertThat(Boolean.TRUE.equals(mcp.isError())).as("mcp isError").isEqualTo(reply.isError());
    }
}
