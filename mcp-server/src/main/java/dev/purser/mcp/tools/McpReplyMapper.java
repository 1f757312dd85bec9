package dev.purser.mcp.tools;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.purser.commands.charts.ChartRasterizer;
import dev.purser.commands.render.JsonRenderer;
import dev.purser.commands.render.MarkdownRenderer;
import dev.purser.commands.reply.Chart;
import dev.purser.commands.reply.Reply;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * The MCP rendering of a reply: the Markdown text for people and models that read, the JSON
 * reply document as {@code structuredContent} for those that parse (it matches
 * {@link JsonRenderer#outputSchema()}), and the charts as PNG images only when asked for: the
 * structured content carries each chart's data, and nothing is drawn for a caller that did not
 * ask ({@code include_charts}).
 */
public final class McpReplyMapper {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final MarkdownRenderer markdown;
    private final JsonRenderer json;
    private final ObjectMapper mapper;

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
        Map<String, Object> structured = mapper.convertValue(json.toTree(reply), MAP);
        if (reply.isError()) {
            Reply.ErrorInfo error = reply.error();
            return McpSchema.CallToolResult.builder()
                    .addTextContent(errorText(error.message(), error.referenceId()))
                    .structuredContent(structured)
                    .isError(true)
                    .build();
        }
        McpSchema.CallToolResult.Builder result = McpSchema.CallToolResult.builder()
                .addTextContent(markdown.render(reply))
                .structuredContent(structured)
                .isError(false);
        if (includeCharts) {
            for (Chart chart : reply.charts()) {
                result.addContent(McpSchema.ImageContent
                        .builder(Base64.getEncoder().encodeToString(ChartRasterizer.png(chart)), "image/png").build());
            }
        }
        return result.build();
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
