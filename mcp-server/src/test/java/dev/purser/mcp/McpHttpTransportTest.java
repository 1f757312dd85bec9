package dev.purser.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.purser.commands.Role;
import dev.purser.mcp.auth.TokenGrant;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract over streamable HTTP on loopback, plus what only HTTP has: tokens and headers. */
class McpHttpTransportTest extends McpToolContract {

    static final String ASSISTANT_TOKEN = "assistant-token-0123456789abcdef";
    static final String APPROVER_WITHOUT_ALLOW = "approver-no-allow-0123456789abcd";
    static final String APPROVER_ALLOWED = "approver-allowed-0123456789abcdef";
    static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",\
            "capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""";
    static final String CALL_ECHO = """
            {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo","arguments":{"text":"hi"}}}""";

    @TempDir
    static Path root;
    static TestCommands commands;
    static McpHttpServer server;
    static McpSyncClient assistant;
    static McpAsyncClient assistantAsync;
    static RawHttp http;

    @BeforeAll
    static void start() {
        commands = new TestCommands(root);
        List<TokenGrant> tokens = List.of(
                new TokenGrant("assistant", ASSISTANT_TOKEN, EnumSet.of(Role.VIEWER, Role.REQUESTER), false),
                new TokenGrant("copied-human", APPROVER_WITHOUT_ALLOW, EnumSet.of(Role.VIEWER, Role.APPROVER), false),
                new TokenGrant("trusted", APPROVER_ALLOWED, EnumSet.of(Role.VIEWER, Role.APPROVER), true));
        server = McpMain.serveHttp(commands.dispatcher, new McpSettings("unused", EnumSet.of(Role.VIEWER),
                McpHttpSettings.loopback(tokens), 0), 0);
        assistant = connect(ASSISTANT_TOKEN);
        assistantAsync = McpClient.async(transport(ASSISTANT_TOKEN)).requestTimeout(TIMEOUT).build();
        assistantAsync.initialize().block(TIMEOUT);
        http = new RawHttp(server.port());
    }

    @AfterAll
    static void stop() {
        assistant.closeGracefully();
        assistantAsync.closeGracefully().block(TIMEOUT);
        server.close();
    }

    static HttpClientStreamableHttpTransport transport(String token) {
        return HttpClientStreamableHttpTransport.builder("http://localhost:" + server.port())
                .endpoint("/mcp")
                .addHttpRequestCustomizer((request, method, uri, body, context) -> {
                    if (token != null) {
                        request.header("Authorization", "Bearer " + token);
                    }
                })
                .build();
    }

    static McpSyncClient connect(String token) {
        McpSyncClient client = McpClient.sync(transport(token)).requestTimeout(Duration.ofSeconds(20))
                .initializationTimeout(Duration.ofSeconds(20)).build();
        client.initialize();
        return client;
    }

    @Override
    McpAsyncClient client() {
        return assistantAsync;
    }

    @Override
    Path importRoot() {
        return root;
    }

    @Override
    String principalName() {
        return "assistant";
    }

    private static List<String> toolNames(McpSyncClient client) {
        return client.listTools().tools().stream().map(McpSchema.Tool::name).collect(Collectors.toList());
    }

    @Test
    void approverRole_withoutAllowApprove_isStrippedHiddenAndRefused() {
        McpSyncClient copied = connect(APPROVER_WITHOUT_ALLOW);
        try {
            int before = commands.approveRuns.get();
            assertThat(toolNames(copied)).contains("echo").doesNotContain("approve");
            McpSchema.CallToolResult result = call(copied, "approve", Map.of("plan", "p-1"));
            assertThat(result.isError()).isTrue();
            assertThat(commands.approveRuns.get()).isEqualTo(before);
        } finally {
            copied.closeGracefully();
        }
    }

    @Test
    void approverRole_withAllowApprove_isListedAndRuns() {
        McpSyncClient trusted = connect(APPROVER_ALLOWED);
        try {
            assertThat(toolNames(trusted)).contains("approve").doesNotContain("import-file");
            McpSchema.CallToolResult result = call(trusted, "approve", Map.of("plan", "p-1"));
            assertThat(result.isError()).isFalse();
            assertThat(text(result)).contains("Approved p-1");
        } finally {
            trusted.closeGracefully();
        }
    }

    @Test
    void callTool_twentyThreadsAtOnce_eachGetsItsOwnAnswer() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String word = "thread" + i;
                calls.add(() -> MAPPER.valueToTree(call(assistant, "echo", Map.of("text", word)).structuredContent())
                        .path("summary").asText());
            }
            List<Future<String>> answers = pool.invokeAll(calls);
            for (int i = 0; i < 20; i++) {
                assertThat(answers.get(i).get()).isEqualTo("thread" + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sdkClient_withoutToken_cannotConnect() {
        assertThatThrownBy(() -> connect(null)).isNotNull();
    }

    @Test
    void request_withoutToken_is401AndRunsNothing() throws IOException {
        int before = commands.echoRuns.get();
        RawHttp.Response initialize = http.post(Map.of(), INITIALIZE);
        RawHttp.Response call = http.post(Map.of("Mcp-Session-Id", "anything"), CALL_ECHO);

        assertThat(initialize.status()).isEqualTo(401);
        assertThat(initialize.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(call.status()).isEqualTo(401);
        assertThat(commands.echoRuns.get()).isEqualTo(before);
        assertJsonRpcError(initialize);
    }

    @Test
    void request_withWrongToken_is401InvalidToken() throws IOException {
        int before = commands.echoRuns.get();
        RawHttp.Response response = http.post(Map.of("Authorization", "Bearer " + ASSISTANT_TOKEN + "x"), CALL_ECHO);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer").contains("invalid_token");
        assertThat(commands.echoRuns.get()).isEqualTo(before);
    }

    @Test
    void request_forForeignHost_is403EvenWithToken() throws IOException {
        RawHttp.Response response = http.post(Map.of("Host", "evil.example:" + server.port(),
                "Authorization", "Bearer " + ASSISTANT_TOKEN), INITIALIZE);
        assertThat(response.status()).isEqualTo(403);
        assertJsonRpcError(response);
    }

    @Test
    void request_fromForeignOrigin_is403() throws IOException {
        RawHttp.Response response = http.post(Map.of("Origin", "https://evil.example",
                "Authorization", "Bearer " + ASSISTANT_TOKEN), INITIALIZE);
        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void request_fromLocalOrigin_isServed() throws IOException {
        RawHttp.Response response = http.post(Map.of("Origin", "http://localhost:3000",
                "Authorization", "Bearer " + ASSISTANT_TOKEN), INITIALIZE);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Mcp-Session-Id")).isNotBlank();
    }

    @Test
    void request_withUnsupportedProtocolVersion_is400() throws IOException {
        RawHttp.Response response = http.post(Map.of("Authorization", "Bearer " + ASSISTANT_TOKEN,
                "MCP-Protocol-Version", "1999-01-01"), INITIALIZE);
        assertThat(response.status()).isEqualTo(400);
        assertThat(assertJsonRpcError(response).path("message").asText()).contains("1999-01-01");
    }

    @Test
    void request_withUnknownSession_is404WithJsonRpcError() throws IOException {
        RawHttp.Response response = http.post(Map.of("Authorization", "Bearer " + ASSISTANT_TOKEN,
                "Mcp-Session-Id", "no-such-session", "MCP-Protocol-Version", "2025-11-25"), CALL_ECHO);
        assertThat(response.status()).isEqualTo(404);
        assertJsonRpcError(response);
    }

    @Test
    void request_withoutSessionAfterInitialize_is400WithJsonRpcError() throws IOException {
        RawHttp.Response response = http.post(Map.of("Authorization", "Bearer " + ASSISTANT_TOKEN), CALL_ECHO);
        assertThat(response.status()).isEqualTo(400);
        assertJsonRpcError(response);
    }

    @Test
    void request_withUnparsableBody_is400WithJsonRpcError() throws IOException {
        RawHttp.Response response = http.post(Map.of("Authorization", "Bearer " + ASSISTANT_TOKEN,
                "Mcp-Session-Id", "no-such-session"), "{not json");
        assertThat(response.status()).isEqualTo(400);
        assertJsonRpcError(response);
    }

    @Test
    void getWithUnknownSession_is404WithJsonRpcError() throws IOException {
        RawHttp.Response response = http.send("GET", "/mcp", Map.of("Authorization", "Bearer " + ASSISTANT_TOKEN,
                "Accept", "text/event-stream", "Mcp-Session-Id", "no-such-session"), null);
        assertThat(response.status()).isEqualTo(404);
        assertJsonRpcError(response);
    }

    @Test
    void health_answers200WithoutToken() throws IOException {
        RawHttp.Response response = http.send("GET", "/health", Map.of(), null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("UP");
    }

    /** A JSON-RPC error object with no trace of Java in it; returns its {@code error} member. */
    private static JsonNode assertJsonRpcError(RawHttp.Response response) throws IOException {
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("java.")
                .doesNotContain("io.modelcontextprotocol").doesNotContain("stackTrace");
        JsonNode body = MAPPER.readTree(response.body());
        assertThat(body.path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(body.has("id")).isTrue();
        assertThat(body.path("error").path("code").isInt()).isTrue();
        assertThat(body.path("error").path("message").asText()).isNotBlank();
        return body.path("error");
    }
}
