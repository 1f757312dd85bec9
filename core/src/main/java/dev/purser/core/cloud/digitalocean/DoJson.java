package dev.purser.core.cloud.digitalocean;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

/**
 * Reads DigitalOcean JSON with errors that name the offending field by its path
 * ({@code invoices[3].amount}). DigitalOcean sends money as strings ({@code "12.34"}) and prices
 * as JSON numbers ({@code 0.00743999984115362}); both are read as exact {@code BigDecimal}s,
 * never through {@code double}.
 */
final class DoJson {

    static final Currency USD = Currency.getInstance("USD");

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** A response that does not have the documented shape; the message says where. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private DoJson() {
    }

    static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new Malformed("the body is empty", null);
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw new Malformed("the body is not a JSON object", null);
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new Malformed("the body is not valid JSON" + where, e);
        }
    }

    static JsonNode object(JsonNode parent, String name, String path) {
        JsonNode n = parent.get(name);
        if (n == null || !n.isObject()) {
            throw new Malformed(path + name + " is " + describe(n) + ", expected an object", null);
        }
        return n;
    }

    static List<JsonNode> array(JsonNode parent, String name, String path) {
        JsonNode n = parent.get(name);
        if (n == null || !n.isArray()) {
            throw new Malformed(path + name + " is " + describe(n) + ", expected an array", null);
        }
        List<JsonNode> out = new ArrayList<>(n.size());
        n.forEach(out::add);
        return out;
    }

    static String text(JsonNode parent, String name, String path) {
        String v = optText(parent, name, path);
        if (v == null) {
            throw new Malformed(path + name + " is missing", null);
        }
        return v;
    }

    /** The field as text; numbers are accepted (ids come either way); null when missing or null. */
    static String optText(JsonNode parent, String name, String path) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isIntegralNumber()) {
            return n.asText();
        }
        throw new Malformed(path + name + " is " + describe(n) + ", expected a string", null);
    }

    static BigDecimal decimal(JsonNode parent, String name, String path) {
        BigDecimal v = optDecimal(parent, name, path);
        if (v == null) {
            throw new Malformed(path + name + " is missing", null);
        }
        return v;
    }

    static BigDecimal optDecimal(JsonNode parent, String name, String path) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isNumber()) {
            return n.decimalValue();
        }
        if (n.isTextual()) {
            try {
                return new BigDecimal(n.textValue().trim());
            } catch (NumberFormatException e) {
                throw new Malformed(path + name + " is '" + cut(n.textValue()) + "', expected a decimal number", e);
            }
        }
        throw new Malformed(path + name + " is " + describe(n) + ", expected a decimal number", null);
    }

    static Money money(JsonNode parent, String name, String path) {
        return new Money(decimal(parent, name, path), USD);
    }

    static Money optMoney(JsonNode parent, String name, String path) {
        BigDecimal v = optDecimal(parent, name, path);
        return v == null ? null : new Money(v, USD);
    }

    static long longValue(JsonNode parent, String name, String path) {
        JsonNode n = parent.get(name);
        if (n != null && n.isIntegralNumber() && n.canConvertToLong()) {
            return n.longValue();
        }
        if (n != null && n.isTextual()) {
            try {
                return Long.parseLong(n.textValue().trim());
            } catch (NumberFormatException e) {
                throw new Malformed(path + name + " is '" + cut(n.textValue()) + "', expected a whole number", e);
            }
        }
        throw new Malformed(path + name + " is " + describe(n) + ", expected a whole number", null);
    }

    static int intValue(JsonNode parent, String name, String path) {
        long v = longValue(parent, name, path);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new Malformed(path + name + " is " + v + ", too large", null);
        }
        return (int) v;
    }

    static boolean bool(JsonNode parent, String name, String path, boolean fallback) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isBoolean()) {
            throw new Malformed(path + name + " is " + describe(n) + ", expected true or false", null);
        }
        return n.booleanValue();
    }

    static Instant instant(JsonNode parent, String name, String path) {
        Instant v = optInstant(parent, name, path);
        if (v == null) {
            throw new Malformed(path + name + " is missing", null);
        }
        return v;
    }

    static Instant optInstant(JsonNode parent, String name, String path) {
        String s = optText(parent, name, path);
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s.trim()).toInstant();
        } catch (DateTimeException e) {
            throw new Malformed(path + name + " is '" + cut(s) + "', expected an ISO-8601 timestamp", e);
        }
    }

    static YearMonth yearMonth(JsonNode parent, String name, String path) {
        String s = text(parent, name, path);
        try {
            return YearMonth.parse(s.trim());
        } catch (DateTimeException e) {
            throw new Malformed(path + name + " is '" + cut(s) + "', expected a month like 2020-01", e);
        }
    }

    /** A list of strings; a missing or null field is an empty list (DigitalOcean sends null tags). */
    static List<String> strings(JsonNode parent, String name, String path) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw new Malformed(path + name + " is " + describe(n) + ", expected an array of strings", null);
        }
        List<String> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            if (!e.isTextual() && !e.isIntegralNumber()) {
                throw new Malformed(path + name + "[" + i + "] is " + describe(e) + ", expected a string", null);
            }
            out.add(e.asText());
        }
        return out;
    }

    /** A list of whole numbers; a missing or null field is an empty list. */
    static List<Long> longs(JsonNode parent, String name, String path) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw new Malformed(path + name + " is " + describe(n) + ", expected an array of numbers", null);
        }
        List<Long> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            if (!e.isIntegralNumber() || !e.canConvertToLong()) {
                throw new Malformed(path + name + "[" + i + "] is " + describe(e) + ", expected a whole number", null);
            }
            out.add(e.longValue());
        }
        return out;
    }

    private static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "missing";
        }
        if (n.isNull()) {
            return "null";
        }
        if (n.isTextual()) {
            return "the string '" + cut(n.textValue()) + "'";
        }
        return "a " + n.getNodeType().name().toLowerCase(Locale.ROOT) + " (" + cut(n.toString()) + ")";
    }

    private static String cut(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
