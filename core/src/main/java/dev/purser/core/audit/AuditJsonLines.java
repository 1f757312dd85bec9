package dev.purser.core.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * One entry as one line of JSON, for a SIEM: {@code {"sequence":1,"recorded_at":"2026-12-06T04:10:09.123456Z",
 * "kind":"plan.created","subject":"plan:7","actor":"alice","details":{...},"previous_hash":"…","hash":"…"}}.
 * The time is written exactly as the canonical form writes it, so a reader can recompute every
 * hash from the export alone with {@link AuditChain}.
 */
public final class AuditJsonLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditJsonLines() {
    }

    /** The entry as one line, without the line break. */
    public static String write(AuditEntry entry) {
        ObjectNode o = JSON.createObjectNode();
        o.put("sequence", entry.sequence());
        o.put("recorded_at", AuditChain.time(entry.recordedAt()));
        o.put("kind", entry.event().kind());
        o.put("subject", entry.event().subject());
        o.put("actor", entry.event().actor());
        ObjectNode details = o.putObject("details");
        entry.event().details().forEach(details::put);
        o.put("previous_hash", entry.previousHash());
        o.put("hash", entry.hash());
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an object of strings and numbers always serializes", e);
        }
    }

    /**
     * Reads a line {@link #write} wrote.
     *
     * @throws IllegalArgumentException when the line is not such an entry, naming what is wrong
     */
    public static AuditEntry read(String line) {
        JsonNode o;
        try {
            o = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        TreeMap<String, String> details = new TreeMap<>();
        JsonNode d = required(o, "details");
        for (Iterator<Map.Entry<String, JsonNode>> it = d.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            details.put(f.getKey(), f.getValue().asText());
        }
        Instant at;
        try {
            at = Instant.parse(required(o, "recorded_at").asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("recorded_at is not a time: " + o.get("recorded_at").asText(), e);
        }
        return new AuditEntry(required(o, "sequence").asLong(), at,
                new AuditEvent(required(o, "kind").asText(), required(o, "subject").asText(),
                        required(o, "actor").asText(), details),
                required(o, "previous_hash").asText(), required(o, "hash").asText());
    }

    private static JsonNode required(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field " + field);
        }
        return v;
    }
}
