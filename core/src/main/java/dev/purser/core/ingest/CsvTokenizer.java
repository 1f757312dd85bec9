package dev.purser.core.ingest;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * RFC 4180 records from a character stream, one record at a time, with the physical line each
 * record starts on.
 *
 * <p>Line numbers: a record's line is the 1-based line of the file where its first character
 * sits. Newlines inside quoted fields move the count on, so the record after a multi-line field
 * reports the line a text editor shows. CRLF, LF and a lone CR each end one line. Blank lines
 * between records are skipped (they still count as lines).
 *
 * <p>Speed: fields are cut from a 64 KiB buffer into one character array per record
 * ({@link #chars()}, with each field's {@link #start} and {@link #end}); a field becomes a String
 * only when {@link #get} asks for it, so a reader that parses numbers or reuses repeated values
 * straight from the characters allocates nothing for them.
 */
final class CsvTokenizer {

    /** A record the tokenizer cannot cut: an unterminated quote or text after a closing quote. */
    static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;
        private final long line;
        private final int field;
        private final boolean unclosed;

        SyntaxException(long line, int field, boolean unclosed, String message) {
            super(message);
            this.line = line;
            this.field = field;
            this.unclosed = unclosed;
        }

        /** The line the fault is on: where the unclosed quote opens, or where the stray text is. */
        long line() {
            return line;
        }

        /** The 1-based field of the record the fault is in. */
        int field() {
            return field;
        }

        /** True for a quote never closed, false for text after a closing quote. */
        boolean unclosed() {
            return unclosed;
        }
    }

    /**
     * A record that holds more than a bill can ({@link InputLimits}) or binary data: reading stops
     * there, with no more than the limit buffered.
     */
    static final class LimitException extends Exception {
        private static final long serialVersionUID = 1L;
        private final long line;
        private final int field;

        LimitException(long line, int field, String message) {
            super(message, null, false, false);
            this.line = line;
            this.field = field;
        }

        /** The line the fault is on. */
        long line() {
            return line;
        }

        /** The 1-based field of the record the fault is in; 0 when it is the record's own. */
        int field() {
            return field;
        }
    }

    private static final int EOF = -1;

    private final Reader in;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int limit;
    private long line = 1;
    private long recordLine;
    // the current record's fields, back to back; field i is rec[starts[i] .. ends[i])
    private char[] rec = new char[4096];
    private int recLen;
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    // fields made Strings so far, by get
    private String[] strings = new String[64];
    private int count;
    // characters of the current record taken so far, separators included
    private long recordChars;

    CsvTokenizer(Reader in) {
        this.in = in;
    }

    /**
     * Reads the next record; false at the end of input.
     *
     * @throws LimitException when a field or the record is longer than {@link InputLimits} allows,
     *                        has too many fields, or holds a NUL character (binary data)
     */
    boolean next() throws IOException, SyntaxException, LimitException {
        count = 0;
        recLen = 0;
        recordChars = 0;
        int c = peek();
        while (c == '\n' || c == '\r') {
            consumeLineEnd(c);
            c = peek();
        }
        if (c == EOF) {
            return false;
        }
        recordLine = line;
        while (true) {
            c = peek();
            if (c == '"') {
                pos++;
                readQuoted();
            } else {
                readUnquoted();
            }
            c = peek();
            if (c == ',') {
                pos++;
                continue;
            }
            if (c == '\n' || c == '\r') {
                consumeLineEnd(c);
                return true;
            }
            if (c == EOF) {
                return true;
            }
            throw new SyntaxException(line, count, false, "unexpected character '" + (char) c
                    + "' after a closing quote; a quote inside a quoted field is written \"\"");
        }
    }

    /** Skips a UTF-8 byte order mark at the very start of the input. */
    void skipByteOrderMark() throws IOException {
        if (peek() == '\uFEFF') {
            pos++;
        }
    }

    /** Fields of the current record. */
    int size() {
        return count;
    }

    /** A field of the current record as a String (made once per record and field). */
    String get(int index) {
        String s = strings[index];
        if (s == null) {
            int start = starts[index];
            s = ends[index] == start ? "" : new String(rec, start, ends[index] - start);
            strings[index] = s;
        }
        return s;
    }

    /**
     * The current record's characters; field {@code i} is {@code chars()[start(i) .. end(i))}.
     * Valid until the next {@link #next()}.
     */
    char[] chars() {
        return rec;
    }

    /** Where field {@code index} of the current record starts in {@link #chars()}. */
    int start(int index) {
        return starts[index];
    }

    /** Where field {@code index} of the current record ends (exclusive) in {@link #chars()}. */
    int end(int index) {
        return ends[index];
    }

    /** The 1-based physical line where the current record starts. */
    long recordLine() {
        return recordLine;
    }

    /** The line the tokenizer has reached, for errors that stop reading (a broken gzip stream). */
    long currentLine() {
        return line;
    }

    private void readUnquoted() throws IOException, LimitException {
        int fieldStart = recLen;
        while (true) {
            if (pos >= limit && !fill()) {
                break;
            }
            int start = pos;
            int i = pos;
            int end = limit;
            char[] b = buf;
            while (i < end) {
                char ch = b[i];
                // one comparison for the common case: every stop character is at or below ','
                if (ch <= ',' && (ch == ',' || ch == '\n' || ch == '\r' || ch == '\0')) {
                    break;
                }
                i++;
            }
            if (i < end && b[i] == '\0') {
                throw binary();
            }
            if (recLen - fieldStart + (i - start) > InputLimits.MAX_FIELD_CHARS) {
                throw fieldTooLong();
            }
            put(b, start, i - start);
            pos = i;
            if (i < end) {
                break;
            }
        }
        add(fieldStart);
    }

    private void readQuoted() throws IOException, SyntaxException, LimitException {
        long startLine = line;
        int fieldStart = recLen;
        while (true) {
            if (pos >= limit && !fill()) {
                throw new SyntaxException(startLine, count + 1, true, "a quoted field starting on line " + startLine
                        + " is never closed");
            }
            // a run of plain characters in one copy
            int start = pos;
            int i = pos;
            int end = limit;
            char[] b = buf;
            while (i < end) {
                char ch = b[i];
                if (ch == '"' || ch == '\n' || ch == '\r' || ch == '\0') {
                    break;
                }
                i++;
            }
            if (i > start) {
                if (recLen - fieldStart + (i - start) > InputLimits.MAX_FIELD_CHARS) {
                    // as one character at a time would: the field is too long at its limit
                    throw fieldTooLong();
                }
                put(b, start, i - start);
                pos = i;
                continue;
            }
            char ch = buf[pos++];
            if (ch == '\0') {
                throw binary();
            }
            if (ch == '"') {
                if (peek() == '"') {
                    pos++;
                    append('"', fieldStart);
                    continue;
                }
                add(fieldStart);
                return;
            }
            if (ch == '\n') {
                line++;
            } else if (ch == '\r') {
                if (peek() != '\n') {
                    line++;
                }
            }
            append(ch, fieldStart);
        }
    }

    private void append(char ch, int fieldStart) throws LimitException {
        if (recLen - fieldStart >= InputLimits.MAX_FIELD_CHARS) {
            throw fieldTooLong();
        }
        if (recLen == rec.length) {
            rec = Arrays.copyOf(rec, rec.length * 2);
        }
        rec[recLen++] = ch;
    }

    private void put(char[] b, int from, int n) {
        if (recLen + n > rec.length) {
            rec = Arrays.copyOf(rec, Math.max(rec.length * 2, recLen + n));
        }
        System.arraycopy(b, from, rec, recLen, n);
        recLen += n;
    }

    private void consumeLineEnd(int c) throws IOException {
        pos++;
        if (c == '\r' && peek() == '\n') {
            pos++;
        }
        line++;
    }

    private void add(int fieldStart) throws LimitException {
        recordChars += recLen - fieldStart + 1;
        if (recordChars > InputLimits.MAX_RECORD_CHARS) {
            throw new LimitException(recordLine, 0, "the record is longer than "
                    + InputLimits.count(InputLimits.MAX_RECORD_CHARS) + " characters; no bill has lines that long");
        }
        if (count == InputLimits.MAX_FIELDS) {
            throw new LimitException(recordLine, 0, "the record has more than "
                    + InputLimits.count(InputLimits.MAX_FIELDS) + " fields; no bill has that many columns");
        }
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
            strings = Arrays.copyOf(strings, count * 2);
        }
        starts[count] = fieldStart;
        ends[count] = recLen;
        strings[count] = null;
        count++;
    }

    private LimitException binary() {
        return new LimitException(line, count + 1, "binary data (a NUL character) where CSV text was expected;"
                + " this is not a CSV text file");
    }

    private LimitException fieldTooLong() {
        return new LimitException(recordLine, count + 1, "a field is longer than "
                + InputLimits.count(InputLimits.MAX_FIELD_CHARS) + " characters; no bill has cells that long");
    }

    private int peek() throws IOException {
        if (pos >= limit && !fill()) {
            return EOF;
        }
        return buf[pos];
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            pos = 0;
            limit = 0;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }
}
