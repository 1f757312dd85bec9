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
 * <p>Speed: fields are cut from a 64 KiB buffer; the only allocation per field is its String.
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
    private final StringBuilder field = new StringBuilder(64);
    private String[] fields = new String[64];
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

    String get(int index) {
        return fields[index];
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
        field.setLength(0);
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
            if (field.length() + (i - start) > InputLimits.MAX_FIELD_CHARS) {
                throw fieldTooLong();
            }
            if (i < end) {
                if (field.length() == 0) {
                    add(i == start ? "" : new String(b, start, i - start));
                } else {
                    field.append(b, start, i - start);
                    add(field.toString());
                }
                pos = i;
                return;
            }
            field.append(b, start, i - start);
            pos = i;
        }
        add(field.toString());
    }

    private void readQuoted() throws IOException, SyntaxException, LimitException {
        long startLine = line;
        field.setLength(0);
        while (true) {
            if (pos >= limit && !fill()) {
                throw new SyntaxException(startLine, count + 1, true, "a quoted field starting on line " + startLine
                        + " is never closed");
            }
            char ch = buf[pos++];
            if (ch == '\0') {
                throw binary();
            }
            if (ch == '"') {
                if (peek() == '"') {
                    pos++;
                    append('"');
                    continue;
                }
                add(field.toString());
                return;
            }
            if (ch == '\n') {
                line++;
            } else if (ch == '\r') {
                if (peek() != '\n') {
                    line++;
                }
            }
            append(ch);
        }
    }

    private void append(char ch) throws LimitException {
        if (field.length() >= InputLimits.MAX_FIELD_CHARS) {
            throw fieldTooLong();
        }
        field.append(ch);
    }

    private void consumeLineEnd(int c) throws IOException {
        pos++;
        if (c == '\r' && peek() == '\n') {
            pos++;
        }
        line++;
    }

    private void add(String value) throws LimitException {
        recordChars += value.length() + 1;
        if (recordChars > InputLimits.MAX_RECORD_CHARS) {
            throw new LimitException(recordLine, 0, "the record is longer than "
                    + InputLimits.count(InputLimits.MAX_RECORD_CHARS) + " characters; no bill has lines that long");
        }
        if (count == InputLimits.MAX_FIELDS) {
            throw new LimitException(recordLine, 0, "the record has more than "
                    + InputLimits.count(InputLimits.MAX_FIELDS) + " fields; no bill has that many columns");
        }
        if (count == fields.length) {
            fields = Arrays.copyOf(fields, count * 2);
        }
        fields[count++] = value;
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
