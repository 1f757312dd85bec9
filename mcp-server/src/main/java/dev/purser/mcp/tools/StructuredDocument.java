package dev.purser.mcp.tools;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One call's structured content: a kept rendering's document (never changed, shared by every
 * call that repeats the question) plus this call's {@code request_id}. The base tells
 * {@link KeptOutputValidator} that the rest of the document was already checked.
 */
public final class StructuredDocument extends LinkedHashMap<String, Object> {

    /** The key of this call's request id. */
    static final String REQUEST_ID = "request_id";

    private final transient Map<String, Object> base;

    StructuredDocument(Map<String, Object> base, String requestId) {
        super(base);
        this.base = Objects.requireNonNull(base, "base");
        put(REQUEST_ID, Objects.requireNonNull(requestId, "requestId"));
    }

    Map<String, Object> base() {
        return base;
    }
}
