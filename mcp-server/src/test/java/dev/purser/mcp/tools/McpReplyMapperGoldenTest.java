package dev.purser.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.purser.commands.render.JsonRenderer;
import dev.purser.commands.render.MarkdownRenderer;
import dev.purser.commands.reply.ConversationRef;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.testing.Golden;
import dev.purser.commands.testing.SampleReplies;
import dev.purser.core.error.ErrorCode;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The MCP tool result of each sample reply, pinned: the Markdown text content, the typed
 * {@code structuredContent} and {@code isError}, as an MCP client receives them (without
 * images: those are drawn only for {@code include_charts}).
 */
class McpReplyMapperGoldenTest {

    private static final Map<String, Reply> SAMPLES = SampleReplies.all();
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
    private final McpReplyMapper mapper = new McpReplyMapper(new MarkdownRenderer(), new JsonRenderer(), MAPPER);

    static Stream<String> samples() {
        return SAMPLES.keySet().stream();
    }

    private static String json(McpSchema.CallToolResult result) throws JsonProcessingException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("content", result.content());
        fields.put("structuredContent", result.structuredContent());
        fields.put("isError", result.isError());
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(fields) + "\n";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void map_sample_matchesGolden(String name) throws Exception {
        Golden.assertMatches("mcp/" + name + ".json", json(mapper.map(SAMPLES.get(name), false)));
    }

    @Test
    void map_replyToAThreadedRequest_carriesRequestAndConversation() throws Exception {
        Reply reply = SAMPLES.get("cost").answering(Optional.of("5f2c9a1e"),
                Optional.of(new ConversationRef("slack", "C042", Optional.of("1730000000.000100"))));
        Golden.assertMatches("mcp/cost-in-thread.json", json(mapper.map(reply, false)));
    }

    @Test
    void map_errorReply_matchesGolden() throws Exception {
        Reply error = Reply.error("cost", ErrorCode.FORBIDDEN, "cost needs the viewer role", "ab12cd34");
        McpSchema.CallToolResult result = mapper.map(error, false);
        assertThat(result.isError()).isTrue();
        Golden.assertMatches("mcp/error-forbidden.json", json(result));
    }
}
