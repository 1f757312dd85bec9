package dev.purser.mcp.tools;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Map;
import java.util.Objects;

/**
 * The SDK checks every tool result's structured content against the tool's output schema. A kept
 * rendering ({@link McpReplyMapper}) differs from call to call only in its {@code request_id}, a
 * string, so its first full document is checked and a valid verdict reused for the same
 * rendering under the same schema (both compared by identity); anything else, and any document
 * found invalid, is checked every time. (A reused verdict's {@code jsonStructuredOutput} is the
 * first call's; the SDK reads it only for a result without content, which the mapper never makes.)
 */
public final class KeptOutputValidator implements JsonSchemaValidator {

    private record Verdict(Map<String, Object> schema, ValidationResponse response) {
    }

    private final JsonSchemaValidator delegate;
    // weak keys compare by identity, and go when the rendering does
    private final Cache<Map<String, Object>, Verdict> verdicts = Caffeine.newBuilder()
            .weakKeys().maximumSize(4L * McpReplyMapper.KEPT_RENDERINGS).build();

    public KeptOutputValidator(JsonSchemaValidator delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
        if (!(structuredContent instanceof StructuredDocument document)) {
            return delegate.validate(schema, structuredContent);
        }
        Verdict kept = verdicts.getIfPresent(document.base());
        if (kept != null && kept.schema() == schema) {
            return kept.response();
        }
        ValidationResponse response = delegate.validate(schema, structuredContent);
        if (response.valid()) {
            verdicts.put(document.base(), new Verdict(schema, response));
        }
        return response;
    }

    @Override
    public ValidationResponse validateSchema(Map<String, Object> schema) {
        return delegate.validateSchema(schema);
    }
}
