package dev.purser.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.purser.commands.AnswerCache;
import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.ArgumentTypes;
import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.CommandRegistry;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.Effect;
import dev.purser.commands.Role;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Value;
import dev.purser.mcp.auth.TokenGrant;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP fast path for repeated read-only tool calls ({@code FastToolCallFilter}) against the
 * SDK's own path: the same requests sent to a server with it and to one without it (every request
 * through the SDK's servlet) get the same status, the same headers that matter and the same body,
 * byte for byte once each call's own {@code request_id} is set aside. Then what must not be served
 * from what was kept: an answer after the data generation moved, another principal's scope, a call
 * without a valid token, a session the SDK does not know.
 */
class McpFastToolCallTest {

    static final String VIEWER_TOKEN = "fast-viewer-token-0123456789abc";
    static final String REQUESTER_TOKEN = "fast-requester-token-0123456789";
    static final ObjectMapper JSON = new ObjectMapper();

    static final ArgumentSpec<String> TEAM = ArgumentSpec.builder("team", ArgumentTypes.text())
            .description("Whose spend.").defaultValue("all").build();
    static final ArgumentSpec<Integer> DAYS = ArgumentSpec.builder("days", ArgumentTypes.integer(1, 90))
            .description("How many days.").defaultValue("30").build();

    static final AtomicLong generation = new AtomicLong(1);
    static final AtomicInteger spendRuns = new AtomicInteger();
    static final AtomicInteger secretRuns = new AtomicInteger();
    static McpHttpServer fast;
    static McpHttpServer sdkOnly;
    static HttpClient http;

    @BeforeAll
    static void start() {
        CommandSpec spend = new CommandSpec("spend", "Spend", "What a team spent.",
                "Reports a team's spend; its answer depends only on the store.", List.of(TEAM, DAYS), Role.VIEWER,
                Effect.READ_ONLY, (inv, ctx) -> {
                    spendRuns.incrementAndGet();
                    String roles = ctx.principal().roles().stream().map(r -> r.name().toLowerCase(Locale.ROOT))
                            .sorted().collect(Collectors.joining("+"));
                    return Reply.builder("spend", "Spend")
                            .summary("Team " + inv.get(TEAM) + " over " + inv.get(DAYS) + " days at generation "
                                    + generation.get() + ", as " + roles + " sees it: \"quoted\" \u00e9\u00e8 \u2603")
                            .figure("generation", "Generation", Value.number(generation.get(), null))
                            .note("shown to " + roles)
                            .build();
                });
        CommandSpec secret = new CommandSpec("secret", "Secret", "Only for requesters.",
                "A read-only answer that needs the requester role.", List.of(), Role.REQUESTER, Effect.READ_ONLY,
                (inv, ctx) -> {
                    secretRuns.incrementAndGet();
                    return Reply.builder("secret", "Secret").summary("the secret is 42").build();
                });
        AnswerCache answers = new AnswerCache(generation::get, Clock.systemUTC(), 100, Duration.ofMinutes(10),
                System::nanoTime);
        CommandDispatcher dispatcher = new CommandDispatcher(CommandRegistry.of(spend, secret),
                dev.purser.commands.CommandListener.NONE, answers);
        McpHttpSettings settings = McpHttpSettings.loopback(List.of(
                new TokenGrant("viewer", VIEWER_TOKEN, EnumSet.of(Role.VIEWER), false),
                new TokenGrant("requester", REQUESTER_TOKEN, EnumSet.of(Role.VIEWER, Role.REQUESTER), false)));
        fast = new PurserMcpServer(dispatcher).fastToolCalls(true).startHttp(0, settings);
        sdkOnly = new PurserMcpServer(dispatcher).fastToolCalls(false).startHttp(0, settings);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        fast.close();
        sdkOnly.close();
    }

    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The body with each call's own request id set aside. */
        String comparable() {
            return body.replaceAll("\"request_id\":\"[0-9a-f]{8}\"", "\"request_id\":\"*\"");
        }

        /** The same, and the event's id, which the SDK sets to the session's, shown as {@code <session>}. */
        String comparable(String session) {
            return comparable().replace("id: " + session + "\n", "id: <session>\n");
        }

        JsonNode message() throws IOException {
            String data = body.lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).findFirst()
                    .orElse(body);
            return JSON.readTree(data);
        }
    }

    static Answer post(McpHttpServer server, String token, String session, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/mcp"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (session != null) {
            request.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25");
        }
        return answer(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    static Answer answer(HttpResponse<String> response) {
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        return new Answer(response.statusCode(), headers, response.body());
    }

    static String session(McpHttpServer server, String token) throws Exception {
        Answer init = post(server, token, null, """
                {"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25",\
                "capabilities":{},"clientInfo":{"name":"fast-test","version":"1"}}}""");
        assertThat(init.status()).isEqualTo(200);
        String session = init.header("mcp-session-id");
        assertThat(session).isNotBlank();
        assertThat(post(server, token, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                .status()).isEqualTo(202);
        return session;
    }

    static String call(Object id, String tool, String arguments) {
        String idJson = id instanceof String s ? "\"" + s + "\"" : String.valueOf(id);
        return "{\"jsonrpc\":\"2.0\",\"id\":" + idJson + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\"" + (arguments == null ? "" : ",\"arguments\":" + arguments) + "}}";
    }

    @Test
    void sameRequests_fastPathAndSdk_answerTheSameStatusHeadersAndBytes() throws Exception {
        String fastSession = session(fast, REQUESTER_TOKEN);
        String sdkSession = session(sdkOnly, REQUESTER_TOKEN);
        String viewerFast = session(fast, VIEWER_TOKEN);
        String viewerSdk = session(sdkOnly, VIEWER_TOKEN);
        record Case(String token, boolean viewer, String body) {
        }
        List<Case> cases = new ArrayList<>(List.of(
                new Case(REQUESTER_TOKEN, false, call(7, "spend", "{\"team\":\"web\"}")),
                new Case(REQUESTER_TOKEN, false, call(8, "spend", "{\"team\":\"web\"}")),
                new Case(REQUESTER_TOKEN, false, call("req-\u00e9-9", "spend", "{\"team\":\"web\",\"days\":7}")),
                new Case(REQUESTER_TOKEN, false, call(10, "spend", null)),
                new Case(REQUESTER_TOKEN, false, call(11, "spend", "{}")),
                new Case(REQUESTER_TOKEN, false, call(12, "secret", "{}")),
                new Case(VIEWER_TOKEN, true, call(13, "secret", "{}")),               // refused: a tool result, isError
                new Case(VIEWER_TOKEN, true, call(14, "spend", "{\"team\":\"web\"}")),
                new Case(REQUESTER_TOKEN, false, call(15, "spend", "{\"days\":900}")),   // fails the input schema
                new Case(REQUESTER_TOKEN, false, call(16, "spend", "{\"days\":\"many\"}")),
                new Case(REQUESTER_TOKEN, false, call(17, "nosuch", "{}")),              // unknown tool
                new Case(REQUESTER_TOKEN, false, call(18, "spend", "{\"include_charts\":true}")),
                new Case(REQUESTER_TOKEN, false, call(2147483648L, "spend", "{\"team\":\"web\"}")),
                new Case(REQUESTER_TOKEN, false, "{\"jsonrpc\":\"2.0\",\"id\":19,\"method\":\"tools/list\"}"),
                new Case(REQUESTER_TOKEN, false, "{\"jsonrpc\":\"2.0\",\"id\":20,\"method\":\"ping\"}"),
                new Case(REQUESTER_TOKEN, false, "{\"jsonrpc\":\"2.0\",\"id\":21,\"method\":\"tools/call\","
                        + "\"params\":{\"name\":\"spend\",\"arguments\":{},\"_meta\":{\"progressToken\":\"p1\"}}}"),
                // shapes the fast path leaves to the SDK: a member a request does not have, no
                // jsonrpc member, a fractional id, params that are not an object, a notification
                new Case(REQUESTER_TOKEN, false, "{\"jsonrpc\":\"2.0\",\"id\":22,\"method\":\"tools/call\","
                        + "\"params\":{\"name\":\"spend\"},\"extra\":true}"),
                new Case(REQUESTER_TOKEN, false, "{\"id\":23,\"method\":\"tools/call\",\"params\":{\"name\":\"spend\"}}"),
                new Case(REQUESTER_TOKEN, false, call(24.5, "spend", "{}")),
                new Case(REQUESTER_TOKEN, false, "{\"jsonrpc\":\"2.0\",\"id\":25,\"method\":\"tools/call\","
                        + "\"params\":[\"spend\"]}"),
                new Case(REQUESTER_TOKEN, false, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
                        + "\"params\":{\"requestId\":99}}")));
        long before = fast.fastAnswers();
        for (Case c : cases) {
            Answer viaFast = post(fast, c.token(), c.viewer() ? viewerFast : fastSession, c.body());
            Answer viaSdk = post(sdkOnly, c.token(), c.viewer() ? viewerSdk : sdkSession, c.body());
            assertThat(viaFast.status()).as(c.body()).isEqualTo(viaSdk.status());
            if (viaSdk.status() != 200 || viaSdk.body().isEmpty()) {
                // refusals, and the SDK's empty stream for params that are not an object
                assertThat(viaFast.comparable()).as(c.body()).isEqualTo(viaSdk.comparable());
                continue;
            }
            assertThat(viaFast.header("content-type")).as(c.body()).isEqualTo(viaSdk.header("content-type"));
            assertThat(viaFast.header("cache-control")).as(c.body()).isEqualTo(viaSdk.header("cache-control"));
            String fastSessionId = c.viewer() ? viewerFast : fastSession;
            String sdkSessionId = c.viewer() ? viewerSdk : sdkSession;
            assertThat(viaFast.comparable(fastSessionId)).as(c.body()).isEqualTo(viaSdk.comparable(sdkSessionId))
                    .startsWith("id: <session>\nevent: message\ndata: {").endsWith("}\n\n");
            JsonNode fastMessage = new Answer(200, Map.of(), viaFast.comparable()).message();
            assertThat((Object) fastMessage).as(c.body())
                    .isEqualTo(new Answer(200, Map.of(), viaSdk.comparable()).message());
            assertThat(fastMessage.path("jsonrpc").asText()).isEqualTo("2.0");
            assertThat(fastMessage.get("id")).as(c.body()).isEqualTo(JSON.readTree(c.body()).get("id"));
        }
        // spend (7, 8, 9, 10, 11, 14, 18, 2147483648) and both secrets were answered on the fast
        // path; the schema failures, the unknown tool, the progress request and the other
        // methods went to the SDK, on both servers
        assertThat(fast.fastAnswers() - before).isEqualTo(10);
        assertThat(sdkOnly.fastAnswers()).isZero();
        assertThat(post(fast, REQUESTER_TOKEN, fastSession, call(30, "spend", "{\"team\":\"web\"}")).header(
                "content-type")).isEqualToIgnoringCase("text/event-stream;charset=UTF-8");
    }

    @Test
    void repeatedCall_isAnsweredFromTheCache_untilTheGenerationMoves() throws Exception {
        String session = session(fast, VIEWER_TOKEN);
        String question = call(1, "spend", "{\"team\":\"data\",\"days\":14}");
        JsonNode first = post(fast, VIEWER_TOKEN, session, question).message();
        int runs = spendRuns.get();
        long answered = fast.fastAnswers();
        JsonNode again = post(fast, VIEWER_TOKEN, session, question).message();
        assertThat(spendRuns.get()).as("a repeated question over unchanged data runs nothing").isEqualTo(runs);
        assertThat(fast.fastAnswers()).isEqualTo(answered + 1);
        assertThat(text(again)).isEqualTo(text(first)).contains("generation " + generation.get());
        assertThat(requestId(again)).isNotEqualTo(requestId(first));

        long moved = generation.incrementAndGet();
        JsonNode after = post(fast, VIEWER_TOKEN, session, question).message();
        assertThat(spendRuns.get()).as("the moved generation is a miss").isEqualTo(runs + 1);
        assertThat(text(after)).contains("generation " + moved).isNotEqualTo(text(first));
        assertThat(after.path("result").path("structuredContent").path("figures").toString()).contains(
                String.valueOf(moved));
        // and the SDK path, asked the same, agrees with what the fast path now answers
        String sdkSession = session(sdkOnly, VIEWER_TOKEN);
        assertThat(text(post(sdkOnly, VIEWER_TOKEN, sdkSession, question).message())).isEqualTo(text(after));
    }

    @Test
    void anotherScope_getsItsOwnAnswer_notTheKeptOne() throws Exception {
        String viewer = session(fast, VIEWER_TOKEN);
        String requester = session(fast, REQUESTER_TOKEN);
        String question = call(1, "spend", "{\"team\":\"scope\"}");
        String asViewer = text(post(fast, VIEWER_TOKEN, viewer, question).message());
        String asRequester = text(post(fast, REQUESTER_TOKEN, requester, question).message());
        assertThat(asViewer).contains("as viewer sees it");
        assertThat(asRequester).contains("as requester+viewer sees it");
        // each repeated: each its own answer again
        assertThat(text(post(fast, VIEWER_TOKEN, viewer, question).message())).isEqualTo(asViewer);
        assertThat(text(post(fast, REQUESTER_TOKEN, requester, question).message())).isEqualTo(asRequester);
        // a viewer's token in the requester's session acts as the viewer: the principal is per request
        assertThat(text(post(fast, VIEWER_TOKEN, requester, question).message())).isEqualTo(asViewer);
        JsonNode refused = post(fast, VIEWER_TOKEN, viewer, call(2, "secret", "{}")).message();
        assertThat(refused.path("result").path("isError").asBoolean()).isTrue();
        assertThat(text(refused)).contains("needs the requester role");
    }

    @Test
    void missingOrBadToken_isRefusedBeforeAnythingRuns() throws Exception {
        String session = session(fast, VIEWER_TOKEN);
        String question = call(1, "spend", "{\"team\":\"tokens\"}");
        post(fast, VIEWER_TOKEN, session, question);
        int runs = spendRuns.get();
        long answered = fast.fastAnswers();

        // each refusal on a connection of its own (RawHttp): the server closes one after a 401
        RawHttp raw = new RawHttp(fast.port());
        Map<String, String> inSession = Map.of("Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25");
        RawHttp.Response missing = raw.post(inSession, question);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(missing.body()).doesNotContain("Team tokens");

        Map<String, String> wrongToken = new LinkedHashMap<>(inSession);
        wrongToken.put("Authorization", "Bearer not-a-configured-token-0123456789");
        RawHttp.Response wrong = raw.post(wrongToken, question);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("WWW-Authenticate")).contains("invalid_token");
        assertThat(wrong.body()).doesNotContain("Team tokens");

        Map<String, String> basic = new LinkedHashMap<>(inSession);
        basic.put("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                ("viewer:" + VIEWER_TOKEN).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        RawHttp.Response notBearer = raw.post(basic, question);
        assertThat(notBearer.status()).isEqualTo(401);
        assertThat(notBearer.body()).doesNotContain("Team tokens");
        assertThat(spendRuns.get()).isEqualTo(runs);
        assertThat(fast.fastAnswers()).isEqualTo(answered);
    }

    @Test
    void unknownOrDeletedSession_isLeftToTheSdk_whichRefusesIt() throws Exception {
        String question = call(1, "spend", "{\"team\":\"sessions\"}");
        String session = session(fast, VIEWER_TOKEN);
        post(fast, VIEWER_TOKEN, session, question);
        int runs = spendRuns.get();
        long answered = fast.fastAnswers();

        Answer unknown = post(fast, VIEWER_TOKEN, "no-such-session", question);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.message().path("error").path("message").asText()).contains("Session not found");

        HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + fast.port() + "/mcp")).DELETE()
                .header("Authorization", "Bearer " + VIEWER_TOKEN).header("Mcp-Session-Id", session)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).isEqualTo(200);
        Answer afterDelete = post(fast, VIEWER_TOKEN, session, question);
        assertThat(afterDelete.status()).isEqualTo(404);

        // on a connection of its own (RawHttp): the server may close one after refusing an unread body
        RawHttp.Response noSession = new RawHttp(fast.port()).post(Map.of("Authorization", "Bearer " + VIEWER_TOKEN),
                question);
        assertThat(noSession.status()).isEqualTo(400);
        assertThat(spendRuns.get()).isEqualTo(runs);
        assertThat(fast.fastAnswers()).isEqualTo(answered);
        // the same refusals from the server without the fast path
        assertThat(post(sdkOnly, VIEWER_TOKEN, "no-such-session", question).comparable())
                .isEqualTo(unknown.comparable());
    }

    @Test
    void withoutTheEventStreamInAccept_theSdkRefuses() throws Exception {
        String session = session(fast, VIEWER_TOKEN);
        long answered = fast.fastAnswers();
        RawHttp.Response response = new RawHttp(fast.port()).post(Map.of("Authorization", "Bearer " + VIEWER_TOKEN,
                "Mcp-Session-Id", session, "Accept", "application/json"), call(1, "spend", "{}"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("Accept");
        assertThat(fast.fastAnswers()).isEqualTo(answered);
    }

    private static String text(JsonNode message) {
        return message.path("result").path("content").path(0).path("text").asText();
    }

    private static String requestId(JsonNode message) {
        return Optional.ofNullable(message.path("result").path("structuredContent").get("request_id"))
                .map(JsonNode::asText).orElse("");
    }
}
