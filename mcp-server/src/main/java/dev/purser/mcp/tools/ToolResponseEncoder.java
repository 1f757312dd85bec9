package dev.purser.mcp.tools;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a {@code tools/call} answer exactly as the SDK's streamable HTTP transport does (one SSE
 * event: {@code id: } the event id, {@code event: message}, and {@code data: } followed by the
 * JSON-RPC response serialized by the same {@link McpJsonMapper}), and keeps the bytes of answers
 * built from a kept rendering ({@link McpReplyMapper}).
 *
 * <p>Kept bytes: a kept rendering's answer differs from call to call only in the JSON-RPC id and
 * the document's {@code request_id}. Its JSON-RPC response is serialized once with a marker in
 * each of those two places, and cut into the pieces around them; each call then joins the pieces
 * with its own id and request id, each serialized by the same mapper. A template is reused only
 * for a result whose content, error flag and metadata are equal to the ones it was made from and
 * whose document has the same kept base (by identity), so the joined bytes are the bytes the
 * mapper would have written. Anything else (errors, replies that are not kept) is serialized whole.
 */
public final class ToolResponseEncoder {

    private static final String ID_MARK = "\u0001purser-jsonrpc-id\u0001";
    private static final String REQUEST_ID_MARK = "\u0001purser-request-id\u0001";
    private static final byte[] EVENT_PREFIX = "event: message\ndata: ".getBytes(StandardCharsets.UTF_8);
    private static final byte[] EVENT_SUFFIX = "\n\n".getBytes(StandardCharsets.UTF_8);

    private final McpJsonMapper mapper;
    // weak keys compare by identity, and go when the kept rendering does
    private final Cache<Map<String, Object>, Template> templates = Caffeine.newBuilder()
            .weakKeys().maximumSize(4L * McpReplyMapper.KEPT_RENDERINGS).build();

    public ToolResponseEncoder(McpJsonMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * The whole SSE event carrying the JSON-RPC response {@code result} to request {@code id}.
     *
     * @param eventId the event's id line: the SDK gives a response on a request's stream the session id
     */
    public byte[] event(String eventId, Object id, McpSchema.CallToolResult result) throws IOException {
        byte[] idLine = utf8("id: " + eventId + "\n");
        if (result.structuredContent() instanceof StructuredDocument document) {
            Template template = templates.getIfPresent(document.base());
            // found under the same kept base (the cache compares keys by identity)
            if (template == null || !template.fits(result)) {
                template = template(result, document);
                if (template != null) {
                    templates.put(document.base(), template);
                }
            }
            if (template != null) {
                return template.fill(idLine, utf8(mapper.writeValueAsString(id)),
                        utf8(mapper.writeValueAsString(document.get(StructuredDocument.REQUEST_ID))));
            }
        }
        String json = mapper.writeValueAsString(McpSchema.JSONRPCResponse.result(id, result));
        return join(idLine, EVENT_PREFIX, utf8(json), EVENT_SUFFIX);
    }

    private Template template(McpSchema.CallToolResult result, StructuredDocument document) throws IOException {
        McpSchema.CallToolResult marked = new McpSchema.CallToolResult(result.content(), result.isError(),
                new StructuredDocument(document.base(), REQUEST_ID_MARK), result.meta());
        String json = mapper.writeValueAsString(McpSchema.JSONRPCResponse.result(ID_MARK, marked));
        String idMark = mapper.writeValueAsString(ID_MARK);
        String requestIdMark = mapper.writeValueAsString(REQUEST_ID_MARK);
        int id = json.indexOf(idMark);
        int requestId = json.indexOf(requestIdMark);
        if (id < 0 || requestId < 0 || json.indexOf(idMark, id + 1) >= 0
                || json.indexOf(requestIdMark, requestId + 1) >= 0) {
            return null; // a marker missing or repeated (a reply quoting one): serialize whole
        }
        boolean idFirst = id < requestId;
        int first = idFirst ? id : requestId;
        int firstEnd = first + (idFirst ? idMark : requestIdMark).length();
        int second = idFirst ? requestId : id;
        int secondEnd = second + (idFirst ? requestIdMark : idMark).length();
        return new Template(result.content(), result.isError(), result.meta(), idFirst,
                join(EVENT_PREFIX, utf8(json.substring(0, first))),
                utf8(json.substring(firstEnd, second)),
                join(utf8(json.substring(secondEnd)), EVENT_SUFFIX));
    }

    /**
     * The pieces around the two markers, and the parts of the result they were made from that the
     * base does not hold (to compare with); never the base itself, nor the document, which points
     * to it, so that the weak key can go with its rendering.
     */
    private record Template(java.util.List<McpSchema.Content> content, Boolean isError, Map<String, Object> meta,
                            boolean idFirst, byte[] head, byte[] middle, byte[] tail) {

        boolean fits(McpSchema.CallToolResult result) {
            return Objects.equals(result.isError(), isError) && Objects.equals(result.meta(), meta)
                    && Objects.equals(result.content(), content);
        }

        byte[] fill(byte[] idLine, byte[] id, byte[] requestId) {
            return idFirst ? join(idLine, head, id, middle, requestId, tail)
                    : join(idLine, head, requestId, middle, id, tail);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] join(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
