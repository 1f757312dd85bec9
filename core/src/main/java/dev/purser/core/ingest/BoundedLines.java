package dev.purser.core.ingest;

import java.io.IOException;
import java.io.Reader;

/**
 * Lines of a text file, each at most {@link InputLimits#MAX_LINE_CHARS} characters and free of NUL
 * characters; unlike {@link java.io.BufferedReader#readLine()}, a line without an end does not
 * grow until memory runs out. LF, CRLF and a lone CR end a line.
 */
final class BoundedLines {

    /** A line over the limit, or binary data; the message follows {@code file:line: }. */
    static final class TooLong extends Exception {
        private static final long serialVersionUID = 1L;

        TooLong(String message) {
            super(message, null, false, false);
        }
    }

    private final Reader in;
    private final int max;
    private final char[] buf = new char[8192];
    private final StringBuilder line = new StringBuilder(256);
    private int pos;
    private int limit;
    private boolean pendingCr;

    BoundedLines(Reader in, int max) {
        this.in = in;
        this.max = max;
    }

    /** The next line without its ending, or null at the end. */
    String next() throws IOException, TooLong {
        line.setLength(0);
        boolean any = false;
        while (true) {
            if (pos >= limit) {
                limit = in.read(buf, 0, buf.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any ? line.toString() : null;
                }
            }
            char c = buf[pos++];
            if (pendingCr) {
                pendingCr = false;
                if (c == '\n') {
                    continue;
                }
            }
            any = true;
            if (c == '\n') {
                return line.toString();
            }
            if (c == '\r') {
                pendingCr = true;
                return line.toString();
            }
            if (c == '\0') {
                throw new TooLong("binary data (a NUL character) where text was expected; this is not a text file");
            }
            if (line.length() >= max) {
                throw new TooLong("the line is longer than " + InputLimits.count(max) + " characters");
            }
            line.append(c);
        }
    }
}
