package dev.purser.core.ingest;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A bill's CSV opened for reading: plain or gzip (told by magic bytes, not the name), UTF-8
 * strictly, header read. Zip archives, Parquet, binary and non-UTF-8 files are refused with a
 * message that says what to do; every importer of a CSV bill opens its file through here.
 *
 * @param gzip   whether the file was gzipped, for messages about corrupt data
 * @param stream the decompressed bytes, to close with the reader
 * @param header the header's cells as written
 */
record CsvInput(boolean gzip, InputStream stream, CsvTokenizer tokenizer, List<String> header) {

    CsvInput {
        header = List.copyOf(header);
    }

    /**
     * @param zipAdvice     what to do with a zip archive ("unzip it and import the CSV file inside")
     * @param parquetAdvice what to do with a Parquet file ("export … as CSV (plain or .gz) and import that")
     * @throws PurserException MALFORMED_FILE naming the file and what is wrong with it
     */
    static CsvInput open(String name, DigestInputStream digest, String zipAdvice, String parquetAdvice) {
        GuardedStreams.Counting counted = new GuardedStreams.Counting(digest);
        BufferedInputStream buffered = new BufferedInputStream(counted, 1 << 16);
        byte[] magic = new byte[4];
        int n;
        try {
            buffered.mark(4);
            n = buffered.readNBytes(magic, 0, 4);
            buffered.reset();
        } catch (IOException e) {
            throw new PurserException(ErrorCode.MALFORMED_FILE, name + ": cannot be read: " + e.getMessage(), e);
        }
        if (n == 0) {
            throw new PurserException(ErrorCode.MALFORMED_FILE, name + ": the file is empty");
        }
        boolean gzip = n >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
        if (n == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
            throw new PurserException(ErrorCode.MALFORMED_FILE, name + ": this is a zip archive; " + zipAdvice);
        }
        if (n == 4 && magic[0] == 'P' && magic[1] == 'A' && magic[2] == 'R' && magic[3] == '1') {
            throw new PurserException(ErrorCode.MALFORMED_FILE, name + ": this is a Parquet file; " + parquetAdvice);
        }
        InputStream stream = buffered;
        if (gzip) {
            try {
                stream = new GuardedStreams.Expansion(new GZIPInputStream(buffered, 1 << 16), counted);
            } catch (IOException e) {
                throw new PurserException(ErrorCode.MALFORMED_FILE,
                        name + ": starts like a gzip file but cannot be decompressed (" + e.getMessage() + ")", e);
            }
        }
        InputStreamReader reader = new InputStreamReader(stream, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
        CsvTokenizer tokenizer = new CsvTokenizer(reader);
        List<String> header = new ArrayList<>();
        try {
            tokenizer.skipByteOrderMark();
            if (!tokenizer.next()) {
                throw new PurserException(ErrorCode.MALFORMED_FILE, name + ": the file is empty"
                        + (gzip ? " (after decompressing)" : ""));
            }
            for (int i = 0; i < tokenizer.size(); i++) {
                header.add(tokenizer.get(i));
            }
        } catch (CharacterCodingException e) {
            throw new PurserException(ErrorCode.MALFORMED_FILE, name + ": this is not a CSV text file"
                    + " (its first line is not UTF-8 text)", e);
        } catch (IOException e) {
            throw readFailure(name, gzip, 1, e);
        } catch (CsvTokenizer.SyntaxException e) {
            throw new PurserException(ErrorCode.MALFORMED_FILE, name + ":" + e.line() + ": header: " + e.getMessage(), e);
        } catch (CsvTokenizer.LimitException e) {
            throw limit(name, e, null);
        }
        for (String cell : header) {
            if (cell.indexOf('\0') >= 0) {
                throw new PurserException(ErrorCode.MALFORMED_FILE,
                        name + ": this is not a CSV text file (its first line holds binary data)");
            }
        }
        return new CsvInput(gzip, stream, tokenizer, header);
    }

    /**
     * {@code file:line: column: what} for a record over a limit; the column is named from the
     * header when there is one and the fault is a field's.
     */
    static PurserException limit(String name, CsvTokenizer.LimitException e, List<String> header) {
        String column = "";
        if (e.field() > 0 && !e.getMessage().startsWith("binary")) {
            column = header == null ? "header: "
                    : e.field() <= header.size() ? header.get(e.field() - 1) + ": " : "field " + e.field() + ": ";
        }
        return new PurserException(ErrorCode.MALFORMED_FILE, name + ":" + e.line() + ": " + column + e.getMessage(), e);
    }

    /** A read that failed part-way: corrupt gzip data, or an I/O error after {@code line}. */
    static PurserException readFailure(String name, boolean gzip, long line, IOException e) {
        if (e instanceof GuardedStreams.LimitExceeded) {
            return new PurserException(ErrorCode.MALFORMED_FILE, name + ":" + line + ": " + e.getMessage(), e);
        }
        if (gzip) {
            return new PurserException(ErrorCode.MALFORMED_FILE, name + ": the gzip data is corrupt or truncated"
                    + (line > 1 ? " after line " + line : "") + " (" + e.getMessage() + ")", e);
        }
        return new PurserException(ErrorCode.MALFORMED_FILE, name + ": could not be read after line " + line
                + " (" + e.getMessage() + ")", e);
    }

    /** The digest an import's checksum is computed with, while the file streams. */
    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
