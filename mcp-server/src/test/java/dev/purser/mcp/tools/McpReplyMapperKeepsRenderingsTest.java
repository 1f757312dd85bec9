package dev.purser.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.purser.commands.render.JsonRenderer;
import dev.purser.commands.render.MarkdownRenderer;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.testing.SampleReplies;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator.ValidationResponse;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A repeated answer is rendered once: the same text and document, with each call's own request
 * id; a reply that differs in anything is rendered afresh. And the SDK's output check runs once
 * per kept rendering.
 */
class McpReplyMapperKeepsRenderingsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Map<String, Object> structured(McpSchema.CallToolResult result) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) result.structuredContent();
        return map;
    }

    @Test
    void repeatedReply_reusesTheRendering_withEachCallsRequestId() {
        McpReplyMapper mapper = new McpReplyMapper(new MarkdownRenderer(), new JsonRenderer(), MAPPER);
        Reply cost = SampleReplies.all().get("cost");
        McpSchema.CallToolResult first = mapper.map(cost.answering(Optional.of("aaaa1111"), Optional.empty()), false);
        McpSchema.CallToolResult second = mapper.map(cost.answering(Optional.of("bbbb2222"), Optional.empty()), false);

        assertThat(structured(first)).containsEntry("request_id", "aaaa1111");
        assertThat(structured(second)).containsEntry("request_id", "bbbb2222");
        assertThat(((StructuredDocument) structured(second)).base())
                .as("the second call reuses the first call's document").isSameAs(((StructuredDocument) structured(first)).base());
        assertThat(second.content()).isEqualTo(first.content());

        // and what is reused is exactly what a fresh rendering gives
        McpReplyMapper fresh = new McpReplyMapper(new MarkdownRenderer(), new JsonRenderer(), MAPPER);
        McpSchema.CallToolResult expected = fresh.map(cost.answering(Optional.of("bbbb2222"), Optional.empty()), false);
        assertThat(second.content()).isEqualTo(expected.content());
        assertThat(new LinkedHashMap<>(structured(second))).isEqualTo(new LinkedHashMap<>(structured(expected)));
        assertThat(structured(second).keySet()).containsExactlyElementsOf(structured(expected).keySet());
    }

    @Test
    void aReplyThatDiffers_isRenderedAfresh() {
        McpReplyMapper mapper = new McpReplyMapper(new MarkdownRenderer(), new JsonRenderer(), MAPPER);
        Reply cost = SampleReplies.all().get("cost");
        Reply other = new Reply(cost.command(), cost.title(), cost.summary() + " (changed)", cost.figures(),
                cost.tables(), cost.codeBlocks(), cost.charts(), cost.followUps(), cost.notes(), null,
                Optional.empty(), Optional.empty(), Optional.empty());
        McpSchema.CallToolResult first = mapper.map(cost, false);
        McpSchema.CallToolResult second = mapper.map(other, false);
        assertThat(structured(second).get("summary")).isEqualTo(cost.summary() + " (changed)");
        assertThat(structured(first).get("summary")).isEqualTo(cost.summary());
        assertThat(second.content()).isNotEqualTo(first.content());
    }

    @Test
    void chartsAskedFor_areAnotherRendering() {
        McpReplyMapper mapper = new McpReplyMapper(new MarkdownRenderer(), new JsonRenderer(), MAPPER);
        Reply withChart = SampleReplies.kitchenSink();
        assertThat(withChart.charts()).isNotEmpty();
        assertThat(mapper.map(withChart, false).content()).hasSize(1);
        assertThat(mapper.map(withChart, true).content()).hasSize(1 + withChart.charts().size());
        assertThat(mapper.map(withChart, false).content()).hasSize(1);
    }

    @Test
    void outputCheck_runsOncePerKeptRendering_andAlwaysForAnythingElse() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        DefaultJsonSchemaValidator real = new DefaultJsonSchemaValidator(MAPPER);
        JsonSchemaValidator counting = new JsonSchemaValidator() {
            @Override
            public ValidationResponse validate(Map<String, Object> schema, Object content) {
                checks.incrementAndGet();
                return real.validate(schema, content);
            }
        };
        KeptOutputValidator validator = new KeptOutputValidator(counting);
        @SuppressWarnings("unchecked")
        Map<String, Object> schema = MAPPER.readValue(JsonRenderer.outputSchema(), Map.class);
        McpReplyMapper mapper = new McpReplyMapper(new MarkdownRenderer(), new JsonRenderer(), MAPPER);
        Reply cost = SampleReplies.all().get("cost");

        for (String id : new String[] {"aaaa1111", "bbbb2222", "cccc3333"}) {
            Object content = mapper.map(cost.answering(Optional.of(id), Optional.empty()), false).structuredContent();
            assertThat(validator.validate(schema, content).valid()).isTrue();
        }
        assertThat(checks.get()).isEqualTo(1);

        // a document that is not a kept rendering is checked every time, and an invalid one is refused
        Map<String, Object> plain = structured(mapper.map(cost, false));
        validator.validate(schema, plain);
        validator.validate(schema, plain);
        assertThat(checks.get()).isEqualTo(3);
        Map<String, Object> broken = new LinkedHashMap<>(plain);
        broken.put("title", 42);
        StructuredDocument invalid = new StructuredDocument(broken, "dddd4444");
        assertThat(validator.validate(schema, invalid).valid()).isFalse();
        assertThat(validator.validate(schema, invalid).valid()).as("an invalid verdict is not kept").isFalse();
        assertThat(checks.get()).isEqualTo(5);
    }
}
