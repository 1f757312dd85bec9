package dev.purser.core.ingest;

import java.util.Arrays;

/**
 * One String instance per recently seen cell text, per column: bills repeat the same account,
 * service, region and unit row after row, so a cell that matches a recent one costs a comparison
 * instead of a new String, and everything downstream (the rollup's keys, the COPY encoder) meets
 * the same instance again, with its hash already computed and equality decided by identity.
 *
 * <p>Direct-mapped and bounded: {@value #SLOTS} slots per column, texts up to
 * {@value #MAX_CACHED} characters; a collision just replaces the slot. Not thread-safe.
 */
final class RecentStrings {

    static final int SLOTS = 64;
    static final int MAX_CACHED = 256;

    private final String[] slots;
    // each slot's text as characters, compared with the vectorised Arrays.equals
    private final char[][] texts;

    RecentStrings(int columns) {
        this.slots = new String[columns * SLOTS];
        this.texts = new char[columns * SLOTS][];
    }

    /** The text {@code chars[start, start + length)} of a cell of {@code column}; {@code length > 0}. */
    String of(int column, char[] chars, int start, int length) {
        if (length > MAX_CACHED) {
            return new String(chars, start, length);
        }
        int h = length * 31 + chars[start] * 7 + chars[start + (length >> 1)] * 131 + chars[start + length - 1];
        int at = column * SLOTS + (h & (SLOTS - 1));
        char[] text = texts[at];
        if (text != null && text.length == length && Arrays.equals(text, 0, length, chars, start, start + length)) {
            return slots[at];
        }
        String s = new String(chars, start, length);
        slots[at] = s;
        texts[at] = Arrays.copyOfRange(chars, start, start + length);
        return s;
    }
}
