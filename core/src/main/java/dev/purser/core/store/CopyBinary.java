package dev.purser.core.store;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * A buffer of PostgreSQL {@code COPY ... FROM STDIN (FORMAT binary)} tuples: each field is its
 * length and the type's binary send format. The server then converts no text: a timestamp is
 * one integer, a numeric its base-10000 digits, so loading costs it far less CPU than text COPY.
 *
 * <p>Exactness: {@link #numeric} writes the {@link BigDecimal}'s digits and scale exactly (what
 * {@code numeric_in} would make of its plain string); {@link #timestamptz} rounds to the
 * microsecond as {@code timestamptz_in} does. Not thread-safe.
 */
final class CopyBinary {

    /** The stream header: signature, flags, header extension length. */
    static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** The stream trailer: a field count of -1. */
    static final byte[] TRAILER = {(byte) 0xFF, (byte) 0xFF};

    /** Seconds from 1970-01-01 to PostgreSQL's epoch 2000-01-01 (UTC). */
    private static final long PG_EPOCH_SECONDS = 946_684_800L;

    private byte[] buf;
    private int pos;

    CopyBinary(int capacity) {
        this.buf = new byte[capacity];
    }

    /** Starts a tuple of {@code fields} fields. */
    CopyBinary tuple(int fields) {
        return int16(fields);
    }

    CopyBinary nullField() {
        return int32(-1);
    }

    CopyBinary int2(int value) {
        int32(2);
        return int16(value);
    }

    CopyBinary int8(long value) {
        int32(8);
        return int64(value);
    }

    /** A text, varchar, char(n) or the like: UTF-8 bytes; null as SQL NULL. */
    CopyBinary text(String s) {
        if (s == null) {
            return nullField();
        }
        // String.getBytes copies an ASCII string's own bytes (an intrinsic): faster than a loop
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        int32(bytes.length);
        return bytes(bytes);
    }

    /** A text field from its UTF-8 bytes. */
    CopyBinary utf8(byte[] bytes) {
        int32(bytes.length);
        return bytes(bytes);
    }

    /** A jsonb value from its JSON text (format version 1 and the text). */
    CopyBinary jsonb(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        int32(bytes.length + 1);
        ensure(1);
        buf[pos++] = 1;
        return bytes(bytes);
    }

    /** A timestamptz: microseconds since 2000-01-01 UTC, rounded half up as PostgreSQL's input does. */
    CopyBinary timestamptz(Instant value) {
        if (value == null) {
            return nullField();
        }
        long micros = Math.addExact(Math.multiplyExact(value.getEpochSecond() - PG_EPOCH_SECONDS, 1_000_000L),
                value.getNano() / 1000 + (value.getNano() % 1000 >= 500 ? 1 : 0));
        return int8(micros);
    }

    /** A numeric with exactly the value's digits and scale (a negative scale becomes 0); null as SQL NULL. */
    CopyBinary numeric(BigDecimal value) {
        if (value == null) {
            return nullField();
        }
        BigDecimal v = value.scale() < 0 ? value.setScale(0) : value;
        int scale = v.scale();
        int sign = v.signum() < 0 ? 0x4000 : 0;
        BigInteger unscaled = v.unscaledValue();
        if (unscaled.bitLength() <= 50 && scale <= 1000) {
            return smallNumeric(Math.abs(unscaled.longValue()), scale, sign);
        }
        String digits = v.unscaledValue().abs().toString();
        int intLen = digits.length() - scale; // digits before the decimal point; <= 0 for 0.00x
        int intPadded = intLen > 0 ? (intLen + 3) / 4 * 4 : 0;
        int prefix = intPadded - intLen; // zeros before the digits, so groups align on the point
        int fracPadded = (scale + 3) / 4 * 4;
        int groups = (intPadded + fracPadded) / 4;
        int weight = intPadded / 4 - 1;
        // the groups' values, then without leading and trailing zero groups
        int[] g = new int[groups];
        for (int i = 0; i < groups * 4; i++) {
            int d = i - prefix;
            int digit = d >= 0 && d < digits.length() ? digits.charAt(d) - '0' : 0;
            g[i / 4] = g[i / 4] * 10 + digit;
        }
        int first = 0;
        while (first < groups && g[first] == 0) {
            first++;
            weight--;
        }
        int last = groups;
        while (last > first && g[last - 1] == 0) {
            last--;
        }
        int n = last - first;
        if (n == 0) {
            weight = 0;
            sign = 0;
        }
        int32(8 + 2 * n);
        int16(n).int16(weight).int16(sign).int16(scale);
        for (int i = first; i < last; i++) {
            int16(g[i]);
        }
        return this;
    }

    /**
     * {@link #numeric} for an unscaled value below 2^50: scaled up to a multiple of four decimal
     * places (at most ×1000, so it stays below 2^63), then cut into base-10000 groups.
     */
    private CopyBinary smallNumeric(long abs, int scale, int sign) {
        int pad = (4 - scale % 4) % 4;
        long u = abs;
        for (int i = 0; i < pad; i++) {
            u *= 10;
        }
        int fracGroups = (scale + pad) / 4;
        int[] g = new int[6]; // least significant first; 2^63 has 19 digits, 5 groups
        int n = 0;
        while (u != 0) {
            g[n++] = (int) (u % 10_000);
            u /= 10_000;
        }
        int low = 0; // trailing zero groups (least significant) are left out
        while (low < n && g[low] == 0) {
            low++;
        }
        int count = n - low;
        if (count == 0) {
            int32(8);
            return int16(0).int16(0).int16(0).int16(scale);
        }
        int weight = n - 1 - fracGroups;
        int32(8 + 2 * count);
        int16(count).int16(weight).int16(sign).int16(scale);
        for (int i = n - 1; i >= low; i--) {
            int16(g[i]);
        }
        return this;
    }

    /** Bytes buffered since the last {@link #drain()}. */
    int length() {
        return pos;
    }

    /** The buffered tuples, emptying the buffer. */
    byte[] drain() {
        byte[] out = Arrays.copyOf(buf, pos);
        pos = 0;
        return out;
    }

    // ---------------------------------------------------------------------------------------

    private CopyBinary bytes(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
        return this;
    }

    private CopyBinary int16(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    private CopyBinary int32(int v) {
        ensure(4);
        putInt(pos, v);
        pos += 4;
        return this;
    }

    private CopyBinary int64(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[pos++] = (byte) (v >>> shift);
        }
        return this;
    }

    private void putInt(int at, int v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }
}
