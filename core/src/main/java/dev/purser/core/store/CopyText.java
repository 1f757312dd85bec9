package dev.purser.core.store;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * A buffer of PostgreSQL {@code COPY ... FROM STDIN} text-format lines: values are appended
 * with their escaping (backslash, tab, newline and carriage return; {@code \N} for null), and
 * {@link #drain()} hands the buffered bytes to the COPY stream.
 *
 * <p>Speed: a value with nothing to escape is appended as it is, after one scan; nothing is
 * allocated per value. Not thread-safe.
 */
final class CopyText {

    private final StringBuilder out;

    CopyText(int capacity) {
        this.out = new StringBuilder(capacity);
    }

    /** A text value, escaped; null as {@code \N}. */
    CopyText text(String s) {
        if (s == null) {
            out.append("\\N");
            return this;
        }
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                break;
            }
            i++;
        }
        if (i == n) {
            out.append(s);
            return this;
        }
        out.append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return this;
    }

    /** A decimal in plain notation (never {@code 1E+3}); null as {@code \N}. */
    CopyText decimal(BigDecimal value) {
        if (value == null) {
            out.append("\\N");
        } else {
            out.append(value.toPlainString());
        }
        return this;
    }

    /** Text the caller knows needs no escaping: a date, a number, a currency code, an already escaped value. */
    CopyText raw(String safe) {
        out.append(safe);
        return this;
    }

    CopyText raw(long number) {
        out.append(number);
        return this;
    }

    CopyText tab() {
        out.append('\t');
        return this;
    }

    CopyText endRow() {
        out.append('\n');
        return this;
    }

    /** Characters buffered since the last {@link #drain()}. */
    int length() {
        return out.length();
    }

    /** The buffered lines as UTF-8, emptying the buffer. */
    byte[] drain() {
        byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
        out.setLength(0);
        return bytes;
    }

    /** {@code s} escaped once, for a value repeated on every row (the source name). */
    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }
}
