package dev.purser.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.purser.commands.Principal;
import dev.purser.commands.Role;
import dev.purser.commands.render.JsonRenderer;
import dev.purser.commands.render.MarkdownRenderer;
import dev.purser.commands.reply.Reply;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * What every transport must do the same way, run once per transport: the client is the SDK's
 * own, connected as a principal with the viewer and requester roles.
 */
abstract class McpToolContract {

    static final ObjectMapper MAPPER = new ObjectMapper();

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /**
     * A client acting as viewer + requester. Asynchronous, so that the concurrency test can have
     * twenty calls in flight from one thread: the SDK's stdio client transport drops messages
     * when several threads send at once (its outbound sink allows one emitter and gives the
     * others 100 ms), which would test the client, not this server.
     */
    abstract McpAsyncClient client();

    /** The directory the {@code import-file} command may read from. */
    abstract Path importRoot();

    static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
    }

    static McpSchema.CallToolResult call(McpAsyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build()).block(TIMEOUT);
    }

    static String text(McpSchema.CallToolResult result) {
        return result.content().stream().filter(c -> c instanceof McpSchema.TextContent)
                .map(c -> ((McpSchema.TextContent) c).text()).collect(Collectors.joining("\n"));
    }

    private Map<String, McpSchema.Tool> tools() {
        return client().listTools().block(TIMEOUT).tools().stream().collect(Collectors.toMap(McpSchema.Tool::name, t -> t));
    }

    @Test
    void listTools_viewerRequester_listsOnlyPermittedCommands() {
        assertThat(tools().keySet()).containsExactlyInAnyOrder("echo", "import-file", "costs-db", "fetch");
    }

    @Test
    void listTools_echo_hasGeneratedSchemaTitleAndReadOnlyHint() {
        McpSchema.Tool echo = tools().get("echo");
        assertThat(echo.title()).isEqualTo("Echo");
        assertThat(echo.description()).contains("Repeats the given text").contains("Read-only");
        JsonNode schema = MAPPER.valueToTree(echo.inputSchema());
        assertThat(schema.path("type").asText()).isEqualTo("object");
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(schema.path("required").toString()).isEqualTo("[\"text\"]");
        JsonNode properties = schema.path("properties");
        assertThat(properties.path("text").path("type").asText()).isEqualTo("string");
        assertThat(properties.path("style").path("enum").toString()).isEqualTo("[\"plain\",\"loud\"]");
        assertThat(properties.path("style").path("default").asText()).isEqualTo("plain");
        assertThat(properties.path("times").path("type").asText()).isEqualTo("integer");
        assertThat(properties.path("times").path("minimum").asLong()).isEqualTo(1);
        assertThat(properties.path("times").path("maximum").asLong()).isEqualTo(5);
        assertThat(properties.path("times").path("default").isIntegralNumber()).isTrue();
        assertThat(properties.path("chart").path("type").asText()).isEqualTo("boolean");
        assertThat(properties.path("include_charts").path("type").asText()).isEqualTo("boolean");
        assertThat(echo.annotations().readOnlyHint()).isTrue();
        assertThat(echo.annotations().destructiveHint()).isNull();
    }

    @Test
    void listTools_everySchema_isValidJsonSchema() {
        DefaultJsonSchemaValidator validator = new DefaultJsonSchemaValidator();
        for (McpSchema.Tool tool : tools().values()) {
            assertThat(validator.validateSchema(tool.inputSchema()).valid()).as(tool.name() + " input").isTrue();
            assertThat(validator.validateSchema(tool.outputSchema()).valid()).as(tool.name() + " output").isTrue();
        }
    }

    @Test
    void listTools_import_isDestructiveAndIdempotent() {
        McpSchema.ToolAnnotations annotations = tools().get("import-file").annotations();
        assertThat(annotations.readOnlyHint()).isFalse();
        assertThat(annotations.destructiveHint()).isTrue();
        assertThat(annotations.idempotentHint()).isTrue();
    }

    @Test
    void callTool_valid_returnsMarkdownAndStructuredContentOfTheReply() throws Exception {
        Map<String, Object> arguments = Map.of("text", "hello", "style", "loud", "times", 2);
        McpSchema.CallToolResult result = call(client(), "echo", arguments);

        Principal sameName = new Principal("expected", principalName(), EnumSet.of(Role.VIEWER, Role.REQUESTER),
                false);
        Reply expected = new TestCommands(importRoot()).dispatcher.runNamed(sameName, "mcp", "echo", arguments);
        assertThat(result.isError()).isFalse();
        JsonNode structured = MAPPER.valueToTree(result.structuredContent());
        // each call has its own request id; the rest is the reply's JSON document
        String requestId = structured.path("request_id").asText();
        assertThat(requestId).matches("[0-9a-f]{8}");
        // numbers compare by value: the reply's tree holds BigDecimals, the client reads 2 as an int
        Comparator<JsonNode> sameValue = (a, b) -> a.isNumber() && b.isNumber()
                ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;
        assertThat(structured.equals(sameValue, new JsonRenderer().toTree(expected.answering(Optional.of(requestId),
                Optional.empty())))).as(structured.toString()).isTrue();
        assertThat(text(result)).isEqualTo(new MarkdownRenderer().render(expected));
        assertThat(result.content()).hasSize(1);
    }

    /** The display name of the principal the server runs calls as (the echo reply quotes it). */
    abstract String principalName();

    @Test
    void callTool_includeCharts_returnsPngImages() {
        McpSchema.CallToolResult result = call(client(), "echo",
                Map.of("text", "x", "chart", true, "include_charts", true));
        assertThat(result.isError()).isFalse();
        assertThat(result.content()).anySatisfy(c -> {
            assertThat(c).isInstanceOf(McpSchema.ImageContent.class);
            assertThat(((McpSchema.ImageContent) c).mimeType()).isEqualTo("image/png");
            assertThat(java.util.Base64.getDecoder().decode(((McpSchema.ImageContent) c).data()))
                    .startsWith(0x89, 'P', 'N', 'G');
        });
    }

    @Test
    void callTool_chartsNotAsked_returnsNoImages() {
        McpSchema.CallToolResult result = call(client(), "echo", Map.of("text", "x", "chart", true));
        assertThat(result.content()).allSatisfy(c -> assertThat(c).isInstanceOf(McpSchema.TextContent.class));
    }

    @Test
    void callTool_outOfRange_isErrorNamingTheArgument() {
        McpSchema.CallToolResult result = call(client(), "echo", Map.of("text", "x", "times", 9));
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("times").doesNotContain("Exception");
    }

    @Test
    void callTool_unknownEnumValue_isError() {
        McpSchema.CallToolResult result = call(client(), "echo", Map.of("text", "x", "style", "shout"));
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("style");
    }

    @Test
    void callTool_blankText_isErrorSayingWhatWasExpected() {
        McpSchema.CallToolResult result = call(client(), "echo", Map.of("text", "   "));
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("expected").contains("reference");
    }

    @Test
    void callTool_databaseDown_isErrorWithTheFix() {
        McpSchema.CallToolResult result = call(client(), "costs-db", Map.of());
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("PostgreSQL is running").contains("reference")
                .doesNotContain("PurserException").doesNotContain("\tat ");
    }

    @Test
    void callTool_argumentOfAnotherKind_isErrorSayingWhatTheKindTakes() {
        McpSchema.CallToolResult result = call(client(), "fetch", Map.of("source", "disk", "url", "http://x"));
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("--url does not apply to fetch disk; it takes: --force")
                .contains("--url is for fetch web");
        McpSchema.CallToolResult missing = call(client(), "fetch", Map.of("source", "web"));
        assertThat(missing.isError()).isTrue();
        assertThat(text(missing)).contains("fetch web needs --url");
    }

    @Test
    void callTool_argumentsOfItsKind_runs() {
        McpSchema.CallToolResult result = call(client(), "fetch", Map.of("source", "web", "url", "http://x"));
        assertThat(result.isError()).isFalse();
        assertThat(text(result)).contains("Fetched from web");
    }

    @Test
    void listTools_kinds_describeWhichArgumentsGoWithWhichKind() {
        JsonNode properties = MAPPER.valueToTree(tools().get("fetch").inputSchema()).path("properties");
        assertThat(properties.path("source").path("description").asText())
                .contains("disk (the local disk) takes force").contains("web (a download) takes url, requires url");
        assertThat(properties.path("url").path("description").asText())
                .contains("Only for source web").contains("Required for source web");
    }

    @Test
    void callTool_approverOnlyTool_isRefused() {
        McpSchema.CallToolResult result = call(client(), "approve", Map.of("plan", "p-1"));
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("approver");
    }

    @Test
    void callTool_importInsideRoot_runs() throws Exception {
        Path file = Files.writeString(importRoot().resolve("costs.csv"), "a,b\n1,2\n");
        McpSchema.CallToolResult result = call(client(), "import-file", Map.of("file", file.toString()));
        assertThat(result.isError()).isFalse();
        assertThat(text(result)).contains("costs.csv");
    }

    @Test
    void callTool_importOutsideRoot_isErrorNamingTheAllowedDirectory() {
        McpSchema.CallToolResult result = call(client(), "import-file", Map.of("file", "/etc/passwd"));
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("outside the allowed directories");
        McpSchema.CallToolResult climbing = call(client(), "import-file", Map.of("file", "../../etc/passwd"));
        assertThat(climbing.isError()).isTrue();
        assertThat(text(climbing)).contains("outside the allowed directories");
    }

    @Test
    void callTool_twentyAtOnce_eachGetsItsOwnAnswer() {
        McpAsyncClient client = client();
        Map<Integer, String> answers = Flux.range(0, 20)
                .flatMap(i -> client.callTool(McpSchema.CallToolRequest.builder("echo")
                                .arguments(Map.of("text", "word" + i)).build())
                        .map(result -> Map.entry(i, MAPPER.valueToTree(result.structuredContent()).path("summary").asText())),
                        20)
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .block(TIMEOUT);
        assertThat(answers).hasSize(20);
        answers.forEach((i, summary) -> assertThat(summary).isEqualTo("word" + i));
    }
}
