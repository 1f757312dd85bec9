package dev.purser.core.execution;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The key one executor call is journalled under, and the audit subject its events are filed under.
 * The same key always means the same call: {@code plan:7/phase:2/apply}; a step inside it adds a
 * part ({@code .../apply/power_off}), and a rollback is {@code .../apply/rollback}.
 *
 * @param value        letters, digits and {@code : . _ / -}, at most 200 characters
 * @param auditSubject the subject of the audit entries ({@code plan:7})
 */
public record IdempotencyKey(String value, String auditSubject) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9:._/-]{1,200}");

    public IdempotencyKey {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(auditSubject, "auditSubject");
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("idempotency key '" + value
                    + "' is not valid: expected 1 to 200 letters, digits or : . _ / -");
        }
        if (auditSubject.isBlank()) {
            throw new IllegalArgumentException("audit subject must not be blank");
        }
    }

    /** The key of a step within this call, e.g. {@code child("power_off")}. */
    public IdempotencyKey child(String part) {
        return new IdempotencyKey(value + "/" + part, auditSubject);
    }

    /** A name fragment safe for files and cloud resource names, unique per key. */
    public String slug() {
        String h = Integer.toHexString(value.hashCode() & 0x7fffffff);
        String tail = value.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("(^-|-$)", "").toLowerCase(java.util.Locale.ROOT);
        if (tail.length() > 40) {
            tail = tail.substring(tail.length() - 40).replaceAll("^-", "");
        }
        return tail + "-" + h;
    }
}
