package dev.purser.core.ingest;

/**
 * What one file handed to Purser may hold, so that memory stays flat whatever a file contains: a
 * hostile or broken file is refused with {@code file:line: what was wrong} instead of being
 * buffered whole. The numbers are generous for real bills; the README states them.
 *
 * <ul>
 * <li>{@link #MAX_FIELD_CHARS}: the largest real cells are tag maps (FOCUS {@code Tags}: AWS allows
 *     50 tags of 128 + 256 characters, Azure 50 of 512 + 256, about 40,000 characters as JSON);
 *     64 Ki characters is half again as much.</li>
 * <li>{@link #MAX_RECORD_CHARS}: one record (a line, or several when a quoted field holds line
 *     breaks); a CUR with hundreds of tag columns stays far below 1 Mi characters.</li>
 * <li>{@link #MAX_FIELDS}: a CUR has a few hundred columns plus one per activated tag key
 *     (at most 500 cost allocation tags); 16,384 leaves room and keeps a line of commas from
 *     becoming a million empty strings.</li>
 * <li>{@link #MAX_VALUE_CHARS}: one FOCUS or CUR name, id, unit or description (ServiceName,
 *     ResourceId: an ARN is at most 2,048 characters); tag and extension columns are exempt.</li>
 * <li>{@link #MAX_EXPANSION_RATIO} after {@link #EXPANSION_GRACE_BYTES}: bills compress with gzip
 *     from about 4 times (the CUR and FOCUS test fixtures) to 46-59 times (the demo's generated
 *     FOCUS exports, measured with {@code gzip -9}); DEFLATE's ceiling is about 1,032 to 1, which
 *     bombs reach (runs of one byte, one row repeated). 200 to 1 is over three times the most
 *     compressible bill measured and five times below a bomb; the first 16 MiB are never refused,
 *     so a small, very repetitive file still imports, and a bomb costs at most 16 MiB, or 200
 *     times what was read, of decompression before it is refused. Memory does not depend on it:
 *     decompressed text streams through; the ratio stops a bomb from running for minutes and
 *     filling the database with copies of one row.</li>
 * <li>NUL characters: no bill holds one, and a run of zeros is the cheapest bomb, so the first one
 *     refuses the file at once.</li>
 * </ul>
 */
public final class InputLimits {

    public static final int MAX_FIELD_CHARS = 65_536;
    public static final int MAX_RECORD_CHARS = 1_048_576;
    public static final int MAX_FIELDS = 16_384;
    public static final int MAX_VALUE_CHARS = 4_096;
    public static final int MAX_EXPANSION_RATIO = 200;
    public static final long EXPANSION_GRACE_BYTES = 16L << 20;
    /** One line of a line-oriented file ({@code docker stats} JSON lines). */
    public static final int MAX_LINE_CHARS = 65_536;
    /** A file read whole, such as a compose file given to {@code rightsize}. */
    public static final long MAX_WHOLE_FILE_BYTES = 1L << 20;
    /** A DigitalOcean invoice, decompressed: one row per resource and month, so a few MiB at most. */
    public static final long MAX_INVOICE_BYTES = 64L << 20;

    private InputLimits() {
    }

    /** {@code 5,000,000} for messages. */
    static String count(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }

    /** {@code 16.0 MiB} for messages. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " bytes";
        }
        if (n < 1L << 20) {
            return String.format(java.util.Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        if (n < 1L << 30) {
            return String.format(java.util.Locale.ROOT, "%.1f MiB", n / (double) (1L << 20));
        }
        return String.format(java.util.Locale.ROOT, "%.2f GiB", n / (double) (1L << 30));
    }
}
