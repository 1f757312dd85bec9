package dev.purser.mcp.transport;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.purser.mcp.tools.McpToolFactory.ReadOnlyTool;
import dev.purser.mcp.tools.ToolResponseEncoder;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.util.ToolInputValidator;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code tools/call} of a read-only tool itself, as the SDK's streamable HTTP servlet would,
 * without the SDK's per-request machinery (its session stream, Reactor pipeline, asynchronous
 * response and a full serialization of every answer). It stands behind {@link McpHttpGuardFilter},
 * so the bearer token has been verified and the principal set for this request, as for any other.
 *
 * <p>It answers only when every check the SDK makes passes, made the SDK's way: a POST whose
 * {@code Accept} lists both JSON and SSE, a JSON body of known length that the SDK's own parser
 * reads as one JSON-RPC request for {@code tools/call}, an {@code Mcp-Session-Id} in the SDK's own
 * session table ({@link SdkSessions}), a read-only tool, and arguments that pass the SDK's input
 * check (as {@link ToolInputValidator} makes it, with the same validator). The tool then runs through the same
 * handler the SDK calls (dispatcher, answer cache, kept rendering), its result gets the SDK's
 * output check, and the answer is written as the SDK writes it: {@code 200},
 * {@code text/event-stream;charset=UTF-8}, {@code Cache-Control: no-cache}, one {@code message}
 * event whose id is the session's (bytes from {@link ToolResponseEncoder}). Unlike the SDK, the answer is sent with a
 * {@code Content-Length} rather than chunked: the event stream carries the one response and ends,
 * as the SDK's does. Everything else, and any request that fails a check, goes on to the SDK
 * unchanged (with the body already read handed on), which answers or refuses it itself.
 */
public final class FastToolCallFilter implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(FastToolCallFilter.class);
    /** Larger bodies are not repeated reads; the SDK reads (and bounds) them. */
    private static final int MAX_BODY = 64 * 1024;
    private static final TypeRef<McpSchema.CallToolRequest> CALL = new TypeRef<>() {
    };
    // what McpSchema.deserializeJsonRpcMessage reads a message into
    private static final TypeRef<java.util.HashMap<String, Object>> MESSAGE = new TypeRef<>() {
    };
    private static final java.util.Set<String> REQUEST_MEMBERS = java.util.Set.of("jsonrpc", "method", "id", "params");
    /** How many valid argument sets are remembered per server. */
    private static final int KEPT_VERDICTS = 1024;

    private final SdkSessions sessions;
    private final Map<String, ReadOnlyTool> tools;
    private final McpJsonMapper mapper;
    private final JsonSchemaValidator validator;
    private final boolean validateInputs;
    private final McpTransportContextExtractor<HttpServletRequest> contexts;
    private final ToolResponseEncoder encoder;
    private final AtomicLong answered = new AtomicLong();
    private final Cache<ValidArguments, Boolean> validArguments = Caffeine.newBuilder().maximumSize(KEPT_VERDICTS)
            .build();

    private FastToolCallFilter(SdkSessions sessions, Map<String, ReadOnlyTool> tools, McpJsonMapper mapper,
            JsonSchemaValidator validator, boolean validateInputs,
            McpTransportContextExtractor<HttpServletRequest> contexts) {
        this.sessions = sessions;
        this.tools = Map.copyOf(tools);
        this.mapper = mapper;
        this.validator = validator;
        this.validateInputs = validateInputs;
        this.contexts = contexts;
        this.encoder = new ToolResponseEncoder(mapper);
    }

    /**
     * The filter for this SDK transport, or empty when the SDK's session table cannot be read
     * (then every request goes through the SDK).
     *
     * @param validator      the JSON Schema validator the MCP server was built with
     * @param validateInputs whether the server checks arguments against input schemas (as configured)
     * @param contexts       the transport's own context extractor
     */
    public static Optional<FastToolCallFilter> over(HttpServletStreamableServerTransportProvider transport,
            Map<String, ReadOnlyTool> tools, McpJsonMapper mapper, JsonSchemaValidator validator,
            boolean validateInputs, McpTransportContextExtractor<HttpServletRequest> contexts) {
        Objects.requireNonNull(tools, "tools");
        Objects.requireNonNull(mapper, "mapper");
        Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(contexts, "contexts");
        return SdkSessions.of(transport).map(s -> new FastToolCallFilter(s, tools, mapper, validator,
                validateInputs, contexts));
    }

    /** How many calls this filter answered itself (the rest went to the SDK). */
    public long answered() {
        return answered.get();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String sessionId = request.getHeader("Mcp-Session-Id");
        long length = request.getContentLengthLong();
        if (!"POST".equals(request.getMethod()) || sessionId == null || sessionId.isBlank() || length < 0
                || length > MAX_BODY || !acceptsJsonAndEvents(request.getHeader("Accept"))
                || !isJson(request.getContentType()) || !utf8(request.getCharacterEncoding())) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) length);
        HttpServletRequest again = new ReadBody(request, body);
        if (body.length != length || !sessions.open(sessionId)) {
            chain.doFilter(again, response);
            return;
        }
        Call call = parse(body);
        if (call == null) {
            chain.doFilter(again, response);
            return;
        }
        McpTransportContext context = contexts.extract(request);
        sessions.markActive(sessionId);
        McpSchema.CallToolResult result;
        try {
            result = call.tool().handler().apply(context, call.request());
        } catch (RuntimeException e) {
            // the handler turns failures into results; should one escape, the SDK answers as it does
            LOG.warn("fast path: tool {} failed; handing the call to the SDK", call.request().name(), e);
            chain.doFilter(again, response);
            return;
        }
        if (!passesOutputCheck(call.tool(), result)) {
            // The SDK replaces such a result with its own error; let it (the tool is read-only, so
            // running it again there changes nothing).
            chain.doFilter(again, response);
            return;
        }
        // the SDK names each event on a request's stream after the session (McpStreamableServerSession)
        byte[] event = encoder.event(sessionId, call.id(), result);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(HttpServletStreamableServerTransportProvider.TEXT_EVENT_STREAM);
        response.setCharacterEncoding(HttpServletStreamableServerTransportProvider.UTF_8);
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("Connection", "keep-alive");
        response.setContentLength(event.length);
        answered.incrementAndGet();
        response.getOutputStream().write(event);
    }

    private record Call(Object id, McpSchema.CallToolRequest request, ReadOnlyTool tool) {
    }

    /**
     * The call this body asks for, or null when anything about it is for the SDK to judge. It is
     * read as the SDK reads it ({@code McpSchema.deserializeJsonRpcMessage}: a map whose
     * {@code method} and {@code id} make it a request, then its {@code params} converted to a
     * {@link McpSchema.CallToolRequest}), less the SDK's intermediate conversion of the whole map
     * to a {@link McpSchema.JSONRPCRequest}, which for the only shape accepted here (the four
     * members of a request and nothing else, {@code jsonrpc} and {@code method} strings, a
     * string or integer id, object params) yields the same values.
     */
    private Call parse(byte[] body) {
        try {
            Map<String, Object> message = mapper.readValue(body, MESSAGE);
            Object id = message.get("id");
            if (!REQUEST_MEMBERS.containsAll(message.keySet()) || !(message.get("jsonrpc") instanceof String)
                    || !McpSchema.METHOD_TOOLS_CALL.equals(message.get("method"))
                    || !(id instanceof String || id instanceof Integer || id instanceof Long)
                    || !(message.get("params") instanceof Map)) {
                return null;
            }
            McpSchema.CallToolRequest request = mapper.convertValue(message.get("params"), CALL);
            ReadOnlyTool tool = request == null || request.name() == null ? null : tools.get(request.name());
            if (tool == null || request.meta() != null) {
                // unknown or writing tools, and calls asking for progress, are the SDK's
                return null;
            }
            if (!inputsPass(tool.tool(), request.arguments())) {
                return null; // the SDK words (and logs) the refusal
            }
            return new Call(id, request, tool);
        } catch (IOException | RuntimeException e) {
            return null; // the SDK answers an unreadable body with its own error
        }
    }

    /**
     * The SDK's input check ({@link ToolInputValidator#validate}, MCP SDK 2.1.0) with the same
     * validator and conditions, without its warning: a refused call goes on to the SDK, which logs it.
     */
    private boolean inputsPass(McpSchema.Tool tool, Map<String, Object> arguments) {
        Map<String, Object> schema = tool.inputSchema();
        if (!validateInputs || schema == null || schema.isEmpty()) {
            return true;
        }
        Map<String, Object> checked = arguments == null ? Map.of() : arguments;
        // The verdict depends only on the schema and the argument values; equal values (the same
        // Java types, as parsed) pass or fail alike, so a valid set is checked once.
        ValidArguments key = new ValidArguments(tool.name(), schema, checked);
        if (validArguments.getIfPresent(key) != null) {
            return true;
        }
        boolean valid = validator.validate(schema, checked).valid();
        if (valid) {
            validArguments.put(key, Boolean.TRUE);
        }
        return valid;
    }

    private record ValidArguments(String tool, Map<String, Object> schema, Map<String, Object> arguments) {

        @Override
        public boolean equals(Object o) {
            // the same schema object: a tool's definition is built once
            return o instanceof ValidArguments v && v.tool.equals(tool) && v.schema == schema
                    && v.arguments.equals(arguments);
        }

        @Override
        public int hashCode() {
            return tool.hashCode() * 31 + arguments.hashCode();
        }
    }

    /** The SDK's check of a successful result against the tool's output schema (errors pass as they are). */
    private boolean passesOutputCheck(ReadOnlyTool tool, McpSchema.CallToolResult result) {
        if (Boolean.TRUE.equals(result.isError())) {
            return true;
        }
        Map<String, Object> schema = tool.tool().outputSchema();
        if (schema == null) {
            return true;
        }
        return result.structuredContent() != null && result.content() != null && !result.content().isEmpty()
                && validator.validate(schema, result.structuredContent()).valid();
    }

    private static boolean acceptsJsonAndEvents(String accept) {
        return accept != null && accept.contains(HttpServletStreamableServerTransportProvider.APPLICATION_JSON)
                && accept.contains(HttpServletStreamableServerTransportProvider.TEXT_EVENT_STREAM);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim()
                .equalsIgnoreCase(HttpServletStreamableServerTransportProvider.APPLICATION_JSON);
    }

    private static boolean utf8(String encoding) {
        return encoding == null || encoding.toUpperCase(Locale.ROOT).replace("_", "-").equals("UTF-8");
    }

    /** The request with its body, already read here, readable again by the SDK. */
    private static final class ReadBody extends HttpServletRequestWrapper {
        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body is already read");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
        }
    }
}
