package dev.purser.core.ingest;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The skeleton every CSV bill reader shares: the streaming parse with each record's physical
 * line ({@link CsvTokenizer}), the header, the SHA-256 of the bytes as stored, and the
 * accounting of what a read skipped and tolerated. A reader on top of it only maps the cells
 * of the current record to a row ({@link RowMapper}).
 *
 * <p>Errors: a row the mapper refuses is {@code file:line: column: what} ({@link RowError});
 * in strict mode it fails the read with {@link ErrorCode#MALFORMED_FILE}, in lenient mode it
 * is counted and the first {@link #MAX_LISTED_SKIPS} are listed. A record the tokenizer cannot
 * cut (an unclosed quote) fails the read in both modes, since nothing after it can be trusted;
 * so does a record over one of the {@link InputLimits} (a field, the record, binary data), which
 * is refused as soon as the limit is passed, without buffering the rest.
 *
 * <p>Tolerances: a mapper calls {@link #tolerate(int)} for each deviation from the format it
 * reads anyway; the counts of a row are kept only if the row is returned, so a skipped row's
 * deviations are not reported.
 *
 * <p>Speed: nothing is allocated per row here; the mapper is a field of its reader, not a lambda
 * made per call. Not thread-safe.
 */
final class CsvRows implements Closeable {

    /** At most this many skipped rows are listed one by one; the count stays exact. */
    static final int MAX_LISTED_SKIPS = 1000;

    private static final int QUOTE_LIMIT = 60;

    /** A malformed row; cheap to throw (no stack trace), since lenient mode may throw one per row. */
    static final class RowError extends Exception {
        private static final long serialVersionUID = 1L;
        private final String column;

        /**
         * @param column the column as the file spells it, or null when the fault is the row's own
         *               (a wrong number of fields)
         */
        RowError(String column, String message) {
            super(message, null, false, false);
            this.column = column;
        }

        String column() {
            return column;
        }
    }

    /** Maps the current record ({@link #get}, {@link #cell}) to a row. */
    @FunctionalInterface
    interface RowMapper<T> {
        /**
         * @return the row, or null for a record that holds none (a line of spaces), which is
         *         passed over without being counted as skipped
         * @throws RowError when a cell is wrong
         */
        T map() throws RowError;
    }

    /** How a reader phrases a record the tokenizer cannot cut; the text follows {@code file:line: }. */
    @FunctionalInterface
    interface SyntaxMessage {
        SyntaxMessage PLAIN = CsvTokenizer.SyntaxException::getMessage;

        String describe(CsvTokenizer.SyntaxException e);
    }

    private final String fileName;
    private final boolean lenient;
    private final boolean gzip;
    // null when reading text that the caller hashed itself
    private final DigestInputStream digest;
    private final Closeable source;
    private final CsvTokenizer tokenizer;
    private final List<String> header;
    private final SyntaxMessage syntax;
    private final String[] toleranceTexts;
    private final long[] tolerated;
    private final long[] rowTolerated;
    private final List<String> skipped = new ArrayList<>();
    private long skippedRows;
    private long rows;
    private boolean finished;
    private String sha256;

    private CsvRows(String fileName, boolean lenient, boolean gzip, DigestInputStream digest, Closeable source,
                    CsvTokenizer tokenizer, List<String> header, SyntaxMessage syntax, String[] toleranceTexts) {
        this.fileName = fileName;
        this.lenient = lenient;
        this.gzip = gzip;
        this.digest = digest;
        this.source = source;
        this.tokenizer = tokenizer;
        this.header = List.copyOf(header);
        this.syntax = syntax;
        this.toleranceTexts = toleranceTexts.clone();
        this.tolerated = new long[toleranceTexts.length];
        this.rowTolerated = new long[toleranceTexts.length];
    }

    /**
     * Opens a bill file (plain or gzip) and reads its header, hashing the bytes as they stream.
     *
     * @param what           the format, for the message about a directory ("FOCUS CSV file")
     * @param zipAdvice      what to do with a zip archive
     * @param parquetAdvice  what to do with a Parquet file
     * @param toleranceTexts what each tolerance index counts ("timestamps without a zone read as UTC")
     * @throws PurserException FILE_NOT_FOUND, or MALFORMED_FILE when the file is empty or not a CSV
     */
    static CsvRows open(Path file, String what, String zipAdvice, String parquetAdvice, boolean lenient,
                        String... toleranceTexts) {
        Objects.requireNonNull(file, "file");
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (Files.isDirectory(file)) {
            throw new PurserException(ErrorCode.FILE_NOT_FOUND, file + " is a directory, not a " + what);
        }
        InputStream raw;
        try {
            raw = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new PurserException(ErrorCode.FILE_NOT_FOUND, "no such file: " + file, e);
        } catch (IOException e) {
            throw new PurserException(ErrorCode.FILE_NOT_FOUND, "cannot read " + file + ": " + e.getMessage(), e);
        }
        return open(name, raw, zipAdvice, parquetAdvice, lenient, toleranceTexts);
    }

    /**
     * As {@link #open(Path, String, String, String, boolean, String...)}, from a stream that
     * {@link #close()} closes; {@code fileName} is used in messages.
     */
    static CsvRows open(String fileName, InputStream in, String zipAdvice, String parquetAdvice, boolean lenient,
                        String... toleranceTexts) {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(in, "in");
        DigestInputStream digest = new DigestInputStream(in, CsvInput.sha256Digest());
        try {
            CsvInput input = CsvInput.open(fileName, digest, zipAdvice, parquetAdvice);
            return new CsvRows(fileName, lenient, input.gzip(), digest, input.stream(), input.tokenizer(),
                    input.header(), SyntaxMessage.PLAIN, toleranceTexts);
        } catch (RuntimeException e) {
            closeAfter(digest, e);
            throw e;
        }
    }

    /**
     * Reads text that is already decoded (and hashed, if it needs to be, by the caller). The
     * header is empty when the text is; what that means is the reader's to say.
     *
     * @throws PurserException MALFORMED_FILE when the header line cannot be cut
     * @throws PurserException MALFORMED_FILE when reading fails (not UTF-8, over a limit)
     */
    static CsvRows read(Reader in, String fileName, boolean lenient, SyntaxMessage syntax, String... toleranceTexts) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(fileName, "fileName");
        CsvTokenizer tokenizer = new CsvTokenizer(in);
        List<String> header = new ArrayList<>();
        try {
            tokenizer.skipByteOrderMark();
            if (tokenizer.next()) {
                for (int i = 0; i < tokenizer.size(); i++) {
                    header.add(tokenizer.get(i));
                }
            }
        } catch (CharacterCodingException e) {
            throw new PurserException(ErrorCode.MALFORMED_FILE, fileName + ":" + tokenizer.currentLine()
                    + ": this line is not UTF-8 text", e);
        } catch (GuardedStreams.LimitExceeded e) {
            throw new PurserException(ErrorCode.MALFORMED_FILE, fileName + ":" + tokenizer.currentLine() + ": "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + fileName + " failed", e);
        } catch (CsvTokenizer.SyntaxException e) {
            throw new PurserException(ErrorCode.MALFORMED_FILE, fileName + ":" + e.line() + ": " + syntax.describe(e), e);
        } catch (CsvTokenizer.LimitException e) {
            throw CsvInput.limit(fileName, e, null);
        }
        return new CsvRows(fileName, lenient, false, null, in, tokenizer, header, syntax, toleranceTexts);
    }

    /**
     * Moves to the next record the mapper turns into a row. A record the mapper refuses throws
     * in strict mode and is skipped and listed in lenient mode.
     *
     * @return the row, or null at the end of the file (the digest is then known)
     * @throws PurserException MALFORMED_FILE naming file, line and column
     */
    <T> T next(RowMapper<T> mapper) {
        if (finished) {
            return null;
        }
        while (true) {
            if (!advance()) {
                finish();
                return null;
            }
            Arrays.fill(rowTolerated, 0);
            T row;
            try {
                row = mapper.map();
            } catch (RowError e) {
                skip(e);
                continue;
            }
            if (row == null) {
                continue;
            }
            for (int i = 0; i < rowTolerated.length; i++) {
                tolerated[i] += rowTolerated[i];
            }
            rows++;
            return row;
        }
    }

    /** Counts one deviation of the current row, of the kind {@code toleranceTexts[index]} names. */
    void tolerate(int index) {
        rowTolerated[index]++;
    }

    /** The header's cells as written. */
    List<String> header() {
        return header;
    }

    /** Fields of the current record. */
    int size() {
        return tokenizer.size();
    }

    /** A field of the current record as written. */
    String get(int index) {
        return tokenizer.get(index);
    }

    /** A field of the current record without surrounding white space. */
    String cell(int index) {
        return trim(tokenizer.get(index));
    }

    /**
     * The current record's characters: field {@code i} is {@code chars()[start(i) .. end(i))}, as
     * written. Valid until the next record; for readers that parse or reuse cells without a String.
     */
    char[] chars() {
        return tokenizer.chars();
    }

    /** Where field {@code index} starts in {@link #chars()}. */
    int start(int index) {
        return tokenizer.start(index);
    }

    /** Where field {@code index} ends (exclusive) in {@link #chars()}. */
    int end(int index) {
        return tokenizer.end(index);
    }

    /** The 1-based physical line the current record starts on. */
    long line() {
        return tokenizer.recordLine();
    }

    String fileName() {
        return fileName;
    }

    boolean gzip() {
        return gzip;
    }

    /** Rows returned so far. */
    long rowsRead() {
        return rows;
    }

    /** Rows skipped so far (lenient mode). */
    long skippedRows() {
        return skippedRows;
    }

    /**
     * {@code file:line: column: what} for the first {@link #MAX_LISTED_SKIPS} skipped rows, then
     * one line saying how many more were skipped.
     */
    List<String> skipped() {
        List<String> list = new ArrayList<>(skipped);
        if (skippedRows > skipped.size()) {
            list.add("... and " + (skippedRows - skipped.size()) + " more skipped rows");
        }
        return Collections.unmodifiableList(list);
    }

    /** Deviations read anyway, with counts ("412 timestamps without a zone read as UTC"). */
    List<String> tolerated() {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < tolerated.length; i++) {
            if (tolerated[i] > 0) {
                list.add(tolerated[i] + " " + toleranceTexts[i]);
            }
        }
        return list;
    }

    /**
     * Hex SHA-256 of the bytes as stored (compressed if gzip).
     *
     * @throws IllegalStateException before the end of the file, or for text the caller hashed
     */
    String sha256() {
        if (digest == null) {
            throw new IllegalStateException(fileName + " was read as text; its reader did not hash it");
        }
        if (sha256 == null) {
            throw new IllegalStateException("the file has not been read to its end");
        }
        return sha256;
    }

    /** {@code file:line: message}, for faults of the header. */
    PurserException malformed(long line, String message) {
        return new PurserException(ErrorCode.MALFORMED_FILE, fileName + ":" + line + ": " + message);
    }

    @Override
    public void close() {
        try {
            source.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes after a failure while opening, keeping the failure as the one thrown. */
    void closeAfter(RuntimeException failure) {
        closeAfter(source, failure);
    }

    /** The value without surrounding white space; the value itself (no copy) when it has none. */
    static String trim(String s) {
        int len = s.length();
        if (len == 0 || (s.charAt(0) > ' ' && s.charAt(len - 1) > ' ')) {
            return s;
        }
        return s.trim();
    }

    /** A cell quoted for a message, cut at 60 characters, line breaks shown as {@code \n}. */
    static String quote(String v) {
        if (v == null) {
            return "''";
        }
        String shown = v.length() > QUOTE_LIMIT ? v.substring(0, QUOTE_LIMIT) + "..." : v;
        return "'" + shown.replace("\n", "\\n").replace("\r", "\\r") + "'";
    }

    // ---------------------------------------------------------------------------------------

    private boolean advance() {
        try {
            return tokenizer.next();
        } catch (CharacterCodingException e) {
            throw new PurserException(ErrorCode.MALFORMED_FILE, fileName + ":" + tokenizer.currentLine()
                    + ": this line is not UTF-8 text", e);
        } catch (IOException e) {
            throw readFailure(e);
        } catch (CsvTokenizer.SyntaxException e) {
            throw new PurserException(ErrorCode.MALFORMED_FILE, fileName + ":" + e.line() + ": " + syntax.describe(e));
        } catch (CsvTokenizer.LimitException e) {
            // in lenient mode too: the record was not read to its end, so nothing after it can be trusted
            throw CsvInput.limit(fileName, e, header);
        }
    }

    private void skip(RowError e) {
        String message = fileName + ":" + tokenizer.recordLine() + ": "
                + (e.column() == null ? "" : e.column() + ": ") + e.getMessage();
        if (!lenient) {
            throw new PurserException(ErrorCode.MALFORMED_FILE, message);
        }
        skippedRows++;
        if (skipped.size() < MAX_LISTED_SKIPS) {
            skipped.add(message);
        }
    }

    private void finish() {
        finished = true;
        if (digest == null) {
            return;
        }
        try {
            byte[] sink = new byte[8192];
            while (digest.read(sink) >= 0) {
                // reading to the end so the hash covers every byte of the file
            }
        } catch (IOException e) {
            throw readFailure(e);
        }
        sha256 = HexFormat.of().formatHex(digest.getMessageDigest().digest());
    }

    private RuntimeException readFailure(IOException e) {
        if (e instanceof GuardedStreams.LimitExceeded) {
            return new PurserException(ErrorCode.MALFORMED_FILE, fileName + ":" + tokenizer.currentLine() + ": "
                    + e.getMessage(), e);
        }
        if (e instanceof CharacterCodingException) {
            return new PurserException(ErrorCode.MALFORMED_FILE, fileName + ":" + tokenizer.currentLine()
                    + ": this line is not UTF-8 text", e);
        }
        return CsvInput.readFailure(fileName, gzip, tokenizer.currentLine(), e);
    }

    private static void closeAfter(Closeable c, RuntimeException failure) {
        try {
            c.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
