package dev.purser.core.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.UsageSeries;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads container usage collected with {@code docker stats}: one JSON object per line, as
 * {@code docker stats --no-stream --format '{{json .}}'} prints it, plus a timestamp the collector
 * added. A collector that samples every minute:
 *
 * <pre>{@code
 * while sleep 60; do docker stats --no-stream --format '{{json .}}' | jq -c --arg t "$(date -u +%FT%TZ)" '. + {timestamp: $t}'; done >> stats.jsonl
 * }</pre>
 *
 * <p>Accepted fields: the timestamp as {@code timestamp}, {@code time} or {@code ts}, either an
 * ISO-8601 instant or offset date-time ({@code 2026-12-10T12:00:00Z}, {@code 2026-12-10T13:00:00+01:00})
 * or epoch seconds (a number, or a string of digits, fractions allowed); {@code Name} (or
 * {@code Container} when there is no name); {@code CPUPerc} such as {@code "12.34%"}, where 100 % is
 * one core; {@code MemUsage} such as {@code "512MiB / 7.6GiB"}, the part before the slash, in B,
 * KiB, MiB, GiB, TiB, kB, MB, GB or TB. Other fields ({@code MemPerc}, {@code NetIO},
 * {@code BlockIO}, {@code PIDs}, {@code ID}) are ignored. Blank lines are skipped.
 *
 * <p>Series are keyed by compose service: a container named {@code project-service-1} or
 * {@code project_service_1} (compose v2 and v1 naming) belongs to {@code service}; a name with
 * more parts keeps everything between the project and the replica number
 * ({@code shop-order-api-2} → {@code order-api}); any other name is its own key. Replicas of one
 * service at one instant are summed, since the service's limits cover them all together. Each
 * service gets {@code cpu_cores} (cores) and {@code memory_bytes} (bytes), the metrics the demo's
 * containers carry, with the step inferred from the median spacing of its samples.
 *
 * <p>The file is streamed line by line; a malformed line fails the whole read with
 * {@code MALFORMED_FILE "<file>:<line>: <field>: <reason>"} so nothing half-read is used.
 */
public final class DockerStatsReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PERCENT = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*%?\\s*");
    private static final Pattern AMOUNT = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([A-Za-z]*)\\s*");
    private static final Pattern EPOCH = Pattern.compile("\\d+(?:\\.\\d+)?");
    /** compose v2 {@code project-service-1}, v1 {@code project_service_1}. */
    private static final Pattern COMPOSE_NAME = Pattern.compile("[^-_]+[-_](.+)[-_]\\d+");
    private static final List<String> TIME_FIELDS = List.of("timestamp", "time", "ts");

    private DockerStatsReader() {
    }

    private static String nextLine(BoundedLines lines, String label, int lineNo) throws IOException {
        try {
            return lines.next();
        } catch (BoundedLines.TooLong e) {
            throw malformed(label + ":" + lineNo + ": " + e.getMessage());
        } catch (java.nio.charset.CharacterCodingException e) {
            throw malformed(label + ":" + lineNo + ": this line is not UTF-8 text");
        }
    }

    /**
     * Reads a stats file.
     *
     * @return series per compose service name, {@code cpu_cores} then {@code memory_bytes}
     * @throws PurserException MALFORMED_FILE for a bad line or an empty file, FILE_NOT_FOUND when
     *         it cannot be read
     */
    public static Map<String, List<UsageSeries>> read(Path file) {
        String label = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        // per service: instant -> {cpu, memory}, summed over replicas
        Map<String, TreeMap<Instant, double[]>> byService = new LinkedHashMap<>();
        int lineNo = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            BoundedLines lines = new BoundedLines(in, InputLimits.MAX_LINE_CHARS);
            String line;
            while ((line = nextLine(lines, label, lineNo + 1)) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String where = label + ":" + lineNo + ": ";
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    throw malformed(where + "line: not JSON (" + e.getOriginalMessage() + ")");
                }
                if (node == null || !node.isObject()) {
                    throw malformed(where + "line: expected one JSON object per line");
                }
                Instant at = timestamp(node, where);
                String name = text(node, "Name");
                if (name == null) {
                    name = text(node, "Container");
                }
                if (name == null) {
                    throw malformed(where + "Name: missing (neither Name nor Container is given)");
                }
                String cpuText = text(node, "CPUPerc");
                if (cpuText == null) {
                    throw malformed(where + "CPUPerc: missing");
                }
                double cores = percent(cpuText, where) / 100.0;
                String memText = text(node, "MemUsage");
                if (memText == null) {
                    throw malformed(where + "MemUsage: missing");
                }
                double memory = bytes(memText.split("/", 2)[0], where, memText);
                double[] v = byService.computeIfAbsent(serviceName(name), k -> new TreeMap<>())
                        .computeIfAbsent(at, k -> new double[2]);
                v[0] += cores;
                v[1] += memory;
            }
        } catch (NoSuchFileException e) {
            throw new PurserException(ErrorCode.FILE_NOT_FOUND, "stats file not found: " + label, e);
        } catch (IOException e) {
            throw new PurserException(ErrorCode.FILE_NOT_FOUND, "could not read the stats file " + label + ": "
                    + e.getMessage(), e);
        }
        if (byService.isEmpty()) {
            throw malformed(label + ": no docker stats lines (the file is empty); collect them with docker stats"
                    + " --no-stream --format '{{json .}}' plus a timestamp field");
        }
        Map<String, List<UsageSeries>> out = new LinkedHashMap<>();
        for (Map.Entry<String, TreeMap<Instant, double[]>> e : byService.entrySet()) {
            Duration step = medianStep(e.getValue().keySet());
            List<UsageSeries.Sample> cpu = new ArrayList<>();
            List<UsageSeries.Sample> mem = new ArrayList<>();
            for (Map.Entry<Instant, double[]> s : e.getValue().entrySet()) {
                cpu.add(new UsageSeries.Sample(s.getKey(), s.getValue()[0]));
                mem.add(new UsageSeries.Sample(s.getKey(), s.getValue()[1]));
            }
            out.put(e.getKey(), List.of(new UsageSeries(e.getKey(), "cpu_cores", "cores", step, cpu),
                    new UsageSeries(e.getKey(), "memory_bytes", "bytes", step, mem)));
        }
        return out;
    }

    /** The compose service a container name belongs to; see the class comment. */
    public static String serviceName(String containerName) {
        String n = containerName.startsWith("/") ? containerName.substring(1) : containerName;
        Matcher m = COMPOSE_NAME.matcher(n);
        return m.matches() ? m.group(1) : n;
    }

    private static Instant timestamp(JsonNode node, String where) {
        for (String field : TIME_FIELDS) {
            JsonNode t = node.get(field);
            if (t == null || t.isNull()) {
                continue;
            }
            if (t.isNumber()) {
                return epoch(t.decimalValue().toPlainString(), field, where);
            }
            String s = t.asText().trim();
            if (EPOCH.matcher(s).matches()) {
                return epoch(s, field, where);
            }
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                throw malformed(where + field + ": '" + s + "' is neither ISO-8601 (2026-12-10T12:00:00Z) nor"
                        + " epoch seconds");
            }
        }
        throw malformed(where + "timestamp: missing (add a timestamp, time or ts field when collecting)");
    }

    private static Instant epoch(String digits, String field, String where) {
        try {
            double seconds = Double.parseDouble(digits);
            long whole = (long) Math.floor(seconds);
            return Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1e9));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw malformed(where + field + ": '" + digits + "' is not epoch seconds");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    private static double percent(String text, String where) {
        Matcher m = PERCENT.matcher(text);
        if (!m.matches()) {
            throw malformed(where + "CPUPerc: '" + text + "' is not a percentage such as 12.34%");
        }
        return Double.parseDouble(m.group(1));
    }

    private static double bytes(String used, String where, String whole) {
        Matcher m = AMOUNT.matcher(used);
        if (!m.matches()) {
            throw malformed(where + "MemUsage: '" + whole + "' is not a usage such as 512MiB / 7.6GiB");
        }
        double factor = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1;
            case "kib" -> 1024.0;
            case "mib" -> 1024.0 * 1024;
            case "gib" -> 1024.0 * 1024 * 1024;
            case "tib" -> 1024.0 * 1024 * 1024 * 1024;
            case "kb" -> 1e3;
            case "mb" -> 1e6;
            case "gb" -> 1e9;
            case "tb" -> 1e12;
            default -> throw malformed(where + "MemUsage: unit '" + m.group(2) + "' in '" + whole
                    + "' is not one of B, KiB, MiB, GiB, TiB, kB, MB, GB, TB");
        };
        return Double.parseDouble(m.group(1)) * factor;
    }

    /** The median spacing; one sample alone gets a minute, docker stats collectors' usual pace. */
    static Duration medianStep(Iterable<Instant> instants) {
        List<Long> gaps = new ArrayList<>();
        Instant prev = null;
        for (Instant i : instants) {
            if (prev != null) {
                gaps.add(Duration.between(prev, i).toMillis());
            }
            prev = i;
        }
        if (gaps.isEmpty()) {
            return Duration.ofMinutes(1);
        }
        gaps.sort(null);
        long median = gaps.get(gaps.size() / 2);
        return Duration.ofMillis(Math.max(1, median));
    }

    private static PurserException malformed(String message) {
        return new PurserException(ErrorCode.MALFORMED_FILE, message);
    }
}
