package dev.purser.core.cloud.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.UsageSeries;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the Prometheus API envelope ({@code status}, {@code data}, {@code errorType},
 * {@code error}, {@code warnings}) and a {@code matrix} result.
 *
 * <p>Timestamps are read as decimals, not doubles: {@code 1435781430.781} as a double is
 * 1435781430.7809999 and would land a millisecond early. Values arrive as strings because JSON
 * has no NaN or infinity; those are dropped and counted, since {@link UsageSeries} holds finite
 * values only.
 */
final class MatrixParser {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private MatrixParser() {
    }

    /** Prometheus's error fields, when the body is an error envelope. */
    record ApiError(String errorType, String error) {
    }

    static Optional<ApiError> error(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root != null && "error".equals(root.path("status").asText())) {
                return Optional.of(new ApiError(root.path("errorType").asText(""), root.path("error").asText("")));
            }
        } catch (JsonProcessingException e) {
            // Proxies answer errors with HTML; the caller then reports the HTTP status alone.
        }
        return Optional.empty();
    }

    static RangeResult parse(RangeQuery query, String body, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw notAnApiResponse(source, "the body is not JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw notAnApiResponse(source, "the body is not a JSON object", null);
        }
        String status = root.path("status").asText("");
        if (!"success".equals(status)) {
            throw notAnApiResponse(source, "status is '" + status + "', not 'success'", null);
        }
        JsonNode data = root.path("data");
        String resultType = data.path("resultType").asText("");
        if (!"matrix".equals(resultType)) {
            throw notAnApiResponse(source, "resultType is '" + resultType + "', not 'matrix'", null);
        }
        JsonNode result = data.path("result");
        if (!result.isArray()) {
            throw notAnApiResponse(source, "data.result is not an array", null);
        }
        long expected = query.points();
        List<LabelledSeries> series = new ArrayList<>(result.size());
        for (JsonNode item : result) {
            series.add(series(item, expected, source));
        }
        List<String> warnings = new ArrayList<>();
        root.path("warnings").forEach(w -> warnings.add(w.asText()));
        root.path("infos").forEach(w -> warnings.add(w.asText()));
        return new RangeResult(query, series, warnings);
    }

    private static LabelledSeries series(JsonNode item, long expected, String source) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> f : item.path("metric").properties()) {
            labels.put(f.getKey(), f.getValue().asText());
        }
        JsonNode values = item.path("values");
        List<UsageSeries.Sample> samples = new ArrayList<>(values.size());
        int nonFinite = 0;
        Instant previous = null;
        for (JsonNode pair : values) {
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isNumber() || !pair.get(1).isTextual()) {
                throw notAnApiResponse(source, "a sample of " + labels + " is not [time, \"value\"]: " + pair, null);
            }
            Instant at = instant(pair.get(0).decimalValue());
            if (previous != null && !at.isAfter(previous)) {
                throw notAnApiResponse(source, "samples of " + labels + " are not in time order at " + at, null);
            }
            previous = at;
            double value = value(pair.get(1).asText(), labels, source);
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                nonFinite++;
            } else {
                samples.add(new UsageSeries.Sample(at, value));
            }
        }
        int gaps = (int) Math.max(0, expected - samples.size());
        return new LabelledSeries(labels, samples, nonFinite, gaps);
    }

    private static Instant instant(BigDecimal seconds) {
        BigDecimal whole = new BigDecimal(seconds.toBigInteger());
        long nanos = seconds.subtract(whole).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }

    private static double value(String text, Map<String, String> labels, String source) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw notAnApiResponse(source, "sample value '" + text + "' of " + labels + " is not a number", e);
                }
            }
        };
    }

    private static PurserException notAnApiResponse(String source, String why, Throwable cause) {
        return new PurserException(ErrorCode.EXTERNAL_API_ERROR,
                source + " did not answer like the Prometheus HTTP API (" + why + "); check the Prometheus base URL",
                cause);
    }
}
