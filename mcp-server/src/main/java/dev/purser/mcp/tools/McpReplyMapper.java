package dev.purser.mcp.tools;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.purser.commands.charts.ChartRasterizer;
import dev.purser.commands.render.JsonRenderer;
import dev.purser.commands.render.MarkdownRenderer;
import dev.purser.commands.reply.Reply;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The MCP rendering of a reply: the Markdown text for people and models that read, the JSON
 * reply document as {@code structuredContent} for those that parse (it matches
 * {@link JsonRenderer#outputSchema()}), and the charts as PNG images only when asked for: the
 * structured content carries each chart's data, and nothing is drawn for a caller that did not
 * ask ({@code include_charts}).
 *
 * <p>Repeated answers: the rendering is a function of the reply alone, so the text, the
 * structured document and the images of recent successful replies are kept, keyed by the reply's
 * whole content (record equality) less the request it answers, whose id is added to each call's
 * copy of the document. A repeated question answered from the dispatcher's answer cache is then
 * not rendered again; a reply that differs in anything at all is a different key.
 */
public final class McpReplyMapper {

    /** How many renderings are kept; a rendering is a few kilobytes (more with charts). */
    public static final int KEPT_RENDERINGS = 256;

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private record Rendering(String text, Map<String, Object> structured, List<String> images) {
    }

    private record Key(Reply untied, boolean includeCharts) {
    }

    private final MarkdownRenderer markdown;
    private final JsonRenderer json;
    private final ObjectMapper mapper;
    private final Cache<Key, Rendering> renderings = Caffeine.newBuilder().maximumSize(KEPT_RENDERINGS).build();

    public McpReplyMapper(MarkdownRenderer markdown, JsonRenderer json, ObjectMapper mapper) {
        this.markdown = Objects.requireNonNull(markdown, "markdown");
        this.json = Objects.requireNonNull(json, "json");
        // numbers stay BigDecimal on the way into the map, so an exact figure is not read back as a double
        this.mapper = Objects.requireNonNull(mapper, "mapper").copy()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /**
     * @param includeCharts whether {@link Reply#charts()} become image content
     */
    public McpSchema.CallToolResult map(Reply reply, boolean includeCharts) {
        if (reply.isError()) {
            Reply.ErrorInfo error = reply.error();
            return McpSchema.CallToolResult.builder()
                    .addTextContent(errorText(error.message(), error.referenceId()))
                    .structuredContent(structured(reply))
                    .isError(true)
                    .build();
        }
        Rendering rendering;
        if (reply.conversation().isPresent()) {
            // not asked through MCP's own faces; rendered as it is, and not kept
            rendering = render(reply, includeCharts);
        } else {
            Reply untied = reply.answering(Optional.empty(), Optional.empty());
            rendering = renderings.get(new Key(untied, includeCharts), k -> render(untied, includeCharts));
        }
        Map<String, Object> structured = rendering.structured();
        if (reply.requestId().isPresent()) {
            structured = new StructuredDocument(structured, reply.requestId().get());
        }
        McpSchema.CallToolResult.Builder result = McpSchema.CallToolResult.builder()
                .addTextContent(rendering.text())
                .structuredContent(structured)
                .isError(false);
        for (String image : rendering.images()) {
            result.addContent(McpSchema.ImageContent.builder(image, "image/png").build());
        }
        return result.build();
    }

    private Rendering render(Reply reply, boolean includeCharts) {
        List<String> images = includeCharts
                ? reply.charts().stream().map(c -> Base64.getEncoder().encodeToString(ChartRasterizer.png(c))).toList()
                : List.of();
        return new Rendering(markdown.render(reply), Collections.unmodifiableMap(structured(reply)), images);
    }

    private Map<String, Object> structured(Reply reply) {
        return mapper.convertValue(json.toTree(reply), MAP);
    }

    /** An error result for a failure that produced no reply (one the dispatcher did not catch). */
    public McpSchema.CallToolResult failure(String message, String referenceId) {
        return McpSchema.CallToolResult.builder()
                .addTextContent(errorText(message, referenceId))
                .isError(true)
                .build();
    }

    private static String errorText(String message, String referenceId) {
        return referenceId == null ? message : message + " (reference " + referenceId + ")";
    }
}
