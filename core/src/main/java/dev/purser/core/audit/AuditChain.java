package dev.purser.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;

/**
 * How an entry's hash is computed; the one definition the store, {@code audit verify} and anyone
 * checking an export by hand share.
 *
 * <p><b>Canonical form</b> (version 1). The UTF-8 bytes of these lines, each ending in {@code \n}:
 * <pre>
 * purser-audit-v1
 * sequence &lt;n&gt;:&lt;decimal sequence&gt;
 * recorded_at &lt;n&gt;:&lt;uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z', UTC, microseconds&gt;
 * kind &lt;n&gt;:&lt;kind&gt;
 * subject &lt;n&gt;:&lt;subject&gt;
 * actor &lt;n&gt;:&lt;actor&gt;
 * details &lt;n&gt;:&lt;number of details, decimal&gt;
 * key &lt;n&gt;:&lt;key&gt;        one key and value pair per detail, keys in {@link String#compareTo} order
 * value &lt;n&gt;:&lt;value&gt;
 * </pre>
 * where {@code <n>} is the number of UTF-8 bytes of the value after the colon. The length prefix
 * makes the form injective whatever the values hold (line breaks, colons, {@code key } text in a
 * value), so two different entries never share a canonical form.
 *
 * <p><b>Hash</b>: lower-case hex of SHA-256 over the UTF-8 bytes of {@code previousHash + "\n" +
 * canonicalForm}; the first entry's previous hash is {@link #GENESIS} (64 zeros).
 *
 * <p>Times are kept to the microsecond, the precision PostgreSQL stores, so a time read back
 * hashes as it was written.
 */
public final class AuditChain {

    /** The previous hash of entry 1. */
    public static final String GENESIS = "0".repeat(64);

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private AuditChain() {
    }

    /** The time as the trail stores it: truncated to microseconds. */
    public static Instant storedTime(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    /** The time as the canonical form writes it. */
    public static String time(Instant at) {
        return TIME.format(storedTime(at));
    }

    public static String canonicalForm(long sequence, Instant recordedAt, AuditEvent event) {
        StringBuilder s = new StringBuilder(256).append("purser-audit-v1\n");
        field(s, "sequence", Long.toString(sequence));
        field(s, "recorded_at", time(recordedAt));
        field(s, "kind", event.kind());
        field(s, "subject", event.subject());
        field(s, "actor", event.actor());
        field(s, "details", Integer.toString(event.details().size()));
        for (Map.Entry<String, String> d : event.details().entrySet()) {
            field(s, "key", d.getKey());
            field(s, "value", d.getValue());
        }
        return s.toString();
    }

    public static String hash(String previousHash, String canonicalForm) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((previousHash + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(canonicalForm.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The hash an entry must carry, given its content and previous hash. */
    public static String expectedHash(AuditEntry entry) {
        return hash(entry.previousHash(), canonicalForm(entry.sequence(), entry.recordedAt(), entry.event()));
    }

    private static void field(StringBuilder s, String name, String value) {
        s.append(name).append(' ').append(value.getBytes(StandardCharsets.UTF_8).length).append(':')
                .append(value).append('\n');
    }
}
