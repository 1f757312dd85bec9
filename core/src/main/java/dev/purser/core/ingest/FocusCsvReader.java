package dev.purser.core.ingest;

import static dev.purser.core.ingest.CsvRows.quote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.ingest.CsvRows.RowError;
import dev.purser.core.model.ChargeCategory;
import dev.purser.core.model.CostLineItem;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Streams the rows of a FOCUS 1.0–1.2 CSV file (plain or gzip, told apart by the file's first
 * bytes, not its name) as {@link CostLineItem}s. Memory stays flat in the file's size: one row
 * is held at a time.
 *
 * <p>Header: column names match case-insensitively and in any order; columns that are not
 * mapped onto a {@link CostLineItem} field are kept per row in {@code extras}. A file that lacks
 * a required column is rejected before any row is read, with a message that says what the file
 * looks like instead (an AWS CUR file, a DigitalOcean invoice) when it can tell.
 *
 * <p>Tolerance: real exports deviate from the spec in a few harmless ways (timestamps without a
 * zone or without a time, literal {@code NULL} for empty, {@code usage} for {@code Usage}, no
 * EffectiveCost column). Those rows are read, and each kind of deviation is counted and reported
 * by {@link #tolerated()}. Anything else wrong with a row is an error naming the file, the
 * row's 1-based physical line and the column; in lenient mode the row is skipped and listed.
 * The parse, the digest and that accounting are {@link CsvRows}'; this class maps the columns.
 *
 * <p>Use: {@link #open}, then {@link #next()} until it returns false, then {@link #sha256()}.
 * Not thread-safe.
 */
public final class FocusCsvReader implements AutoCloseable {

    /** At most this many skipped rows are listed one by one; the count stays exact. */
    public static final int MAX_LISTED_SKIPS = CsvRows.MAX_LISTED_SKIPS;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TAG_CACHE_SIZE = 4096;

    private enum Tolerance {
        NO_ZONE("timestamps without a zone read as UTC"),
        DATE_ONLY("date-only timestamps read as midnight UTC"),
        SPACE_SEPARATOR("timestamps with a space instead of 'T' between date and time"),
        NULL_LITERAL("literal NULL values read as empty"),
        CATEGORY_CASE("ChargeCategory values not in FOCUS case read case-insensitively"),
        CURRENCY_CASE("currency codes in lower case read as upper case"),
        NO_EFFECTIVE_COST("rows without an EffectiveCost column given their BilledCost as EffectiveCost");

        private final String text;

        Tolerance(String text) {
            this.text = text;
        }

        static String[] texts() {
            return Arrays.stream(values()).map(t -> t.text).toArray(String[]::new);
        }
    }

    private final CsvRows csv;
    private final CsvRows.RowMapper<CostLineItem> mapper = this::parseRow;
    private final String fileName;
    private final int headerSize;
    private final int[] index = new int[FocusColumn.values().length];
    private final int[] extraIndex;
    private final String[] extraName;
    private CostLineItem current;
    // the cell span() found last
    private int spanStart;
    private int spanEnd;

    // one-entry caches per column: exports repeat the same period, currency and tags row after row
    private final TimeCache billingStart = new TimeCache();
    private final TimeCache billingEnd = new TimeCache();
    private final TimeCache chargeStart = new TimeCache();
    private final TimeCache chargeEnd = new TimeCache();
    private String lastCurrencyText;
    private Currency lastCurrency;
    private int lastCurrencyTolerance = -1;
    private String lastCategoryText;
    private ChargeCategory lastCategory;
    private String lastTagsText;
    private Map<String, String> lastTags = Map.of();
    // a bill has few distinct tag sets, interleaved; parsing each JSON once makes tags nearly free
    private final Map<String, Map<String, String>> tagCache = new HashMap<>();
    private final RecentStrings recent = new RecentStrings(FocusColumn.values().length);

    private FocusCsvReader(CsvRows csv) {
        this.csv = csv;
        this.fileName = csv.fileName();
        List<String> header = csv.header();
        this.headerSize = header.size();
        Arrays.fill(index, -1);
        List<Integer> extras = new ArrayList<>();
        List<String> extraNames = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).trim();
            FocusColumn column = FocusColumn.byHeader(name);
            if (column == null) {
                extras.add(i);
                extraNames.add(name.isEmpty() ? "column" + (i + 1) : name);
            } else if (index[column.ordinal()] >= 0) {
                throw csv.malformed(1, column.header() + ": the column appears twice (columns "
                        + (index[column.ordinal()] + 1) + " and " + (i + 1) + ")");
            } else {
                index[column.ordinal()] = i;
            }
        }
        this.extraIndex = extras.stream().mapToInt(Integer::intValue).toArray();
        this.extraName = extraNames.toArray(new String[0]);
        requireColumns(header);
    }

    /**
     * Opens the file and reads its header.
     *
     * @param lenient skip malformed rows (listing them) instead of failing on the first
     * @throws PurserException FILE_NOT_FOUND, or MALFORMED_FILE when the file is empty, not a
     *         readable CSV, or lacks required FOCUS columns
     */
    public static FocusCsvReader open(Path file, boolean lenient) {
        CsvRows csv = CsvRows.open(file, "FOCUS CSV file",
                "unzip it and import the CSV file inside",
                "export the FOCUS data as CSV (plain or .gz) and import that", lenient, Tolerance.texts());
        try {
            return new FocusCsvReader(csv);
        } catch (RuntimeException e) {
            csv.closeAfter(e);
            throw e;
        }
    }

    /**
     * Advances to the next row that reads cleanly. In strict mode a malformed row throws; in
     * lenient mode it is skipped and listed in {@link #skipped()}.
     *
     * @return false at the end of the file
     * @throws PurserException MALFORMED_FILE with {@code file:line: Column: what was wrong}
     */
    public boolean next() {
        current = csv.next(mapper);
        return current != null;
    }

    /** The row {@link #next()} moved to. */
    public CostLineItem row() {
        if (current == null) {
            throw new IllegalStateException("no current row: call next() first");
        }
        return current;
    }

    /** The 1-based physical line of the current row. */
    public long line() {
        return csv.line();
    }

    public String fileName() {
        return fileName;
    }

    /** Whether the file was gzip-compressed. */
    public boolean gzip() {
        return csv.gzip();
    }

    /** Rows returned so far. */
    public long rowsRead() {
        return csv.rowsRead();
    }

    /** Rows skipped so far (lenient mode). */
    public long skippedRows() {
        return csv.skippedRows();
    }

    /**
     * {@code file:line: Column: reason} for the first {@link #MAX_LISTED_SKIPS} skipped rows,
     * then one line saying how many more were skipped.
     */
    public List<String> skipped() {
        return csv.skipped();
    }

    /** Deviations from the spec that were read anyway, with counts: "412 timestamps without a zone read as UTC". */
    public List<String> tolerated() {
        return csv.tolerated();
    }

    /** Hex SHA-256 of the file's bytes as stored (compressed if gzip); known once {@link #next()} returned false. */
    public String sha256() {
        return csv.sha256();
    }

    @Override
    public void close() {
        csv.close();
    }

    // ---------------------------------------------------------------------------------------

    private void requireColumns(List<String> header) {
        List<String> missing = new ArrayList<>();
        boolean anyFocus = false;
        for (FocusColumn c : FocusColumn.values()) {
            if (index[c.ordinal()] >= 0) {
                anyFocus = true;
            } else if (c.required()) {
                missing.add(c.header());
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String looksLike = recognise(header);
        if (looksLike != null) {
            throw new PurserException(ErrorCode.MALFORMED_FILE, fileName + ": " + looksLike);
        }
        if (!anyFocus) {
            throw new PurserException(ErrorCode.MALFORMED_FILE, fileName
                    + ": no FOCUS columns in the first line; a FOCUS CSV starts with a header such as "
                    + "BillingAccountId,BillingPeriodStart,ChargePeriodStart,ChargeCategory,BilledCost,... "
                    + "(the first line here is " + quote(String.join(",", header)) + ")");
        }
        throw new PurserException(ErrorCode.MALFORMED_FILE, fileName + ": missing required FOCUS column"
                + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing));
    }

    /** Names the format of a non-FOCUS bill this reader can recognise, with the command to use. */
    private static String recognise(List<String> header) {
        boolean doProduct = false;
        boolean doGroup = false;
        for (String raw : header) {
            String h = raw.trim().toLowerCase(Locale.ROOT);
            if (h.startsWith("lineitem/") || h.startsWith("bill/") || h.startsWith("line_item_")
                    || h.startsWith("bill_")) {
                return "this looks like an AWS CUR file (it has " + raw.trim()
                        + " instead of FOCUS columns); use `import cur`";
            }
            doProduct |= h.equals("product");
            doGroup |= h.equals("group_description");
        }
        if (doProduct && doGroup) {
            return "this looks like a DigitalOcean invoice CSV (product, group_description, ...), not FOCUS;"
                    + " use `import do-invoice`";
        }
        return null;
    }

    private CostLineItem parseRow() throws RowError {
        if (csv.size() != headerSize) {
            throw new RowError(null, "the row has " + csv.size() + " fields but the header has " + headerSize);
        }
        String accountId = required(FocusColumn.BILLING_ACCOUNT_ID);
        Instant billingPeriodStart = timestamp(FocusColumn.BILLING_PERIOD_START, billingStart);
        Instant billingPeriodEnd = timestamp(FocusColumn.BILLING_PERIOD_END, billingEnd);
        if (billingPeriodEnd.isBefore(billingPeriodStart)) {
            throw new RowError(FocusColumn.BILLING_PERIOD_END.header(), quote(raw(FocusColumn.BILLING_PERIOD_END))
                    + " is before BillingPeriodStart " + quote(raw(FocusColumn.BILLING_PERIOD_START)));
        }
        Instant chargePeriodStart = timestamp(FocusColumn.CHARGE_PERIOD_START, chargeStart);
        Instant chargePeriodEnd = timestamp(FocusColumn.CHARGE_PERIOD_END, chargeEnd);
        if (chargePeriodEnd.isBefore(chargePeriodStart)) {
            throw new RowError(FocusColumn.CHARGE_PERIOD_END.header(), quote(raw(FocusColumn.CHARGE_PERIOD_END))
                    + " is before ChargePeriodStart " + quote(raw(FocusColumn.CHARGE_PERIOD_START)));
        }
        ChargeCategory category = category();
        BigDecimal billed = requiredDecimal(FocusColumn.BILLED_COST);
        BigDecimal effective;
        if (index[FocusColumn.EFFECTIVE_COST.ordinal()] < 0) {
            effective = billed;
            csv.tolerate(Tolerance.NO_EFFECTIVE_COST.ordinal());
        } else {
            effective = requiredDecimal(FocusColumn.EFFECTIVE_COST);
        }
        Currency currency = currency();
        return new CostLineItem(
                accountId,
                value(FocusColumn.BILLING_ACCOUNT_NAME),
                billingPeriodStart,
                billingPeriodEnd,
                chargePeriodStart,
                chargePeriodEnd,
                category,
                value(FocusColumn.CHARGE_CLASS),
                value(FocusColumn.CHARGE_DESCRIPTION),
                billed,
                effective,
                decimal(FocusColumn.LIST_COST),
                decimal(FocusColumn.CONTRACTED_COST),
                currency,
                value(FocusColumn.PROVIDER_NAME),
                value(FocusColumn.PUBLISHER_NAME),
                value(FocusColumn.INVOICE_ISSUER_NAME),
                value(FocusColumn.SERVICE_NAME),
                value(FocusColumn.SERVICE_CATEGORY),
                value(FocusColumn.RESOURCE_ID),
                value(FocusColumn.RESOURCE_NAME),
                value(FocusColumn.RESOURCE_TYPE),
                value(FocusColumn.REGION_ID),
                value(FocusColumn.REGION_NAME),
                value(FocusColumn.AVAILABILITY_ZONE),
                value(FocusColumn.SUB_ACCOUNT_ID),
                value(FocusColumn.SUB_ACCOUNT_NAME),
                value(FocusColumn.SKU_ID),
                decimal(FocusColumn.PRICING_QUANTITY),
                value(FocusColumn.PRICING_UNIT),
                decimal(FocusColumn.CONSUMED_QUANTITY),
                value(FocusColumn.CONSUMED_UNIT),
                value(FocusColumn.COMMITMENT_DISCOUNT_ID),
                tags(),
                extras());
    }

    /** The cell as written (trimmed), or null when the column is absent. */
    private String raw(FocusColumn column) {
        int i = index[column.ordinal()];
        if (i < 0) {
            return null;
        }
        return csv.cell(i);
    }

    /**
     * The cell, or null when absent, empty or a literal NULL (counted).
     *
     * @throws RowError when a name, id or description is longer than {@link InputLimits#MAX_VALUE_CHARS}
     */
    private String value(FocusColumn column) throws RowError {
        return span(column) ? recent.of(column.ordinal(), csv.chars(), spanStart, spanEnd - spanStart) : null;
    }

    /**
     * Finds the cell without surrounding white space in {@link CsvRows#chars()} ({@link #spanStart},
     * {@link #spanEnd}) without making a String of it (numbers are parsed from the characters);
     * what {@link #value} returns null for is false here.
     */
    private boolean span(FocusColumn column) throws RowError {
        int i = index[column.ordinal()];
        if (i < 0) {
            return false;
        }
        char[] c = csv.chars();
        int s = csv.start(i);
        int e = csv.end(i);
        // String.trim's white space: every character up to U+0020
        while (s < e && c[s] <= ' ') {
            s++;
        }
        while (e > s && c[e - 1] <= ' ') {
            e--;
        }
        int len = e - s;
        if (len == 0) {
            return false;
        }
        if (len > InputLimits.MAX_VALUE_CHARS && column != FocusColumn.TAGS) {
            throw tooLong(column.header(), new String(c, s, len));
        }
        if (len == 4 && (c[s] | 0x20) == 'n' && (c[s + 1] | 0x20) == 'u' && (c[s + 2] | 0x20) == 'l'
                && (c[s + 3] | 0x20) == 'l') {
            csv.tolerate(Tolerance.NULL_LITERAL.ordinal());
            return false;
        }
        spanStart = s;
        spanEnd = e;
        return true;
    }

    static RowError tooLong(String column, String v) {
        return new RowError(column, InputLimits.count(v.length()) + " characters, more than the "
                + InputLimits.count(InputLimits.MAX_VALUE_CHARS) + " one name, id or description may hold");
    }

    private String required(FocusColumn column) throws RowError {
        String v = value(column);
        if (v == null) {
            throw requiredMissing(column);
        }
        return v;
    }

    private RowError requiredMissing(FocusColumn column) {
        String raw = raw(column);
        return new RowError(column.header(), raw == null || raw.isEmpty()
                ? "a value is required but the cell is empty"
                : "a value is required but the cell is " + quote(raw));
    }

    private BigDecimal requiredDecimal(FocusColumn column) throws RowError {
        if (!span(column)) {
            throw requiredMissing(column);
        }
        return parseDecimal(column, csv.chars(), spanStart, spanEnd);
    }

    private BigDecimal decimal(FocusColumn column) throws RowError {
        return span(column) ? parseDecimal(column, csv.chars(), spanStart, spanEnd) : null;
    }

    /**
     * What {@code new BigDecimal(text)} makes of the characters: a plain decimal of up to 18
     * digits ({@code -0.00754338}) without a String or the general parser, anything else
     * (exponents, a leading {@code +}, longer numbers) through {@link BigDecimal#BigDecimal(char[], int, int)}.
     */
    static BigDecimal parseDecimal(FocusColumn column, char[] c, int s, int e) throws RowError {
        int k = s;
        boolean negative = k < e && c[k] == '-';
        if (negative) {
            k++;
        }
        long unscaled = 0;
        int digits = 0;
        int scale = 0;
        boolean point = false;
        boolean plain = k < e;
        for (; k < e; k++) {
            char ch = c[k];
            if (ch >= '0' && ch <= '9') {
                unscaled = unscaled * 10 + (ch - '0');
                digits++;
                if (point) {
                    scale++;
                }
            } else if (ch == '.' && !point && digits > 0) {
                point = true;
            } else {
                plain = false;
                break;
            }
        }
        if (plain && digits <= 18 && (!point || scale > 0)) {
            return BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
        }
        try {
            return new BigDecimal(c, s, e - s);
        } catch (NumberFormatException ex) {
            throw new RowError(column.header(), quote(new String(c, s, e - s))
                    + " is not a number (expected a plain decimal such as -12.345)");
        }
    }

    private Instant timestamp(FocusColumn column, TimeCache cache) throws RowError {
        String v = required(column);
        if (!v.equals(cache.text)) {
            cache.tolerance = -1;
            cache.value = parseTimestamp(column, v, cache);
            cache.text = v;
        }
        if (cache.tolerance >= 0) {
            csv.tolerate(cache.tolerance);
        }
        return cache.value;
    }

    private static Instant parseTimestamp(FocusColumn column, String v, TimeCache cache) throws RowError {
        Instant fast = parseCanonical(v);
        if (fast != null) {
            return fast;
        }
        try {
            if (v.length() == 10) {
                cache.tolerance = Tolerance.DATE_ONLY.ordinal();
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            String t = v;
            boolean space = t.length() > 10 && t.charAt(10) == ' ';
            if (space) {
                t = t.substring(0, 10) + 'T' + t.substring(11);
            }
            int offsetAt = offsetStart(t);
            if (offsetAt < 0) {
                cache.tolerance = Tolerance.NO_ZONE.ordinal();
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            }
            if (space) {
                cache.tolerance = Tolerance.SPACE_SEPARATOR.ordinal();
            }
            LocalDateTime local = LocalDateTime.parse(t.substring(0, offsetAt).trim());
            String offset = t.substring(offsetAt);
            return local.toInstant(offset.equalsIgnoreCase("Z") ? ZoneOffset.UTC : ZoneOffset.of(offset));
        } catch (DateTimeException | IndexOutOfBoundsException e) {
            throw new RowError(column.header(), quote(v) + " is not a timestamp (expected ISO 8601 such as 2026-10-01T00:00:00Z)");
        }
    }

    /**
     * The spec's own form {@code yyyy-MM-ddTHH:mm:ssZ} without a formatter, since most rows
     * carry a new charge hour; null for any other form, which the general path then reads.
     */
    private static Instant parseCanonical(String v) {
        if (v.length() != 20 || v.charAt(4) != '-' || v.charAt(7) != '-' || v.charAt(10) != 'T'
                || v.charAt(13) != ':' || v.charAt(16) != ':' || v.charAt(19) != 'Z') {
            return null;
        }
        int year = digits(v, 0, 4);
        int month = digits(v, 5, 2);
        int day = digits(v, 8, 2);
        int hour = digits(v, 11, 2);
        int minute = digits(v, 14, 2);
        int second = digits(v, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        if (day > 28 && day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3_600L + minute * 60L + second);
    }

    /** The non-negative number in {@code length} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int length) {
        int n = 0;
        for (int i = from; i < from + length; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** Where a zone designator starts after the time part ({@code Z}, {@code +hh:mm}, {@code -hhmm}), or -1. */
    private static int offsetStart(String t) {
        int last = t.length() - 1;
        if (t.charAt(last) == 'Z' || t.charAt(last) == 'z') {
            return last;
        }
        for (int i = 11; i <= last; i++) {
            char c = t.charAt(i);
            if (c == '+' || c == '-') {
                return i;
            }
        }
        return -1;
    }

    private ChargeCategory category() throws RowError {
        String v = required(FocusColumn.CHARGE_CATEGORY);
        if (!v.equals(lastCategoryText)) {
            ChargeCategory c = ChargeCategory.fromFocus(v).orElseThrow(() -> new RowError(
                    FocusColumn.CHARGE_CATEGORY.header(), quote(v)
                    + " is not a FOCUS charge category (Usage, Purchase, Tax, Credit, Adjustment)"));
            lastCategory = c;
            lastCategoryText = v;
        }
        if (!lastCategory.focusValue().equals(v)) {
            csv.tolerate(Tolerance.CATEGORY_CASE.ordinal());
        }
        return lastCategory;
    }

    private Currency currency() throws RowError {
        String v = required(FocusColumn.BILLING_CURRENCY);
        if (!v.equals(lastCurrencyText)) {
            String upper = v.toUpperCase(Locale.ROOT);
            Currency c = null;
            if (upper.length() == 3 && upper.chars().allMatch(ch -> ch >= 'A' && ch <= 'Z')) {
                try {
                    c = Currency.getInstance(upper);
                } catch (IllegalArgumentException e) {
                    c = null;
                }
            }
            if (c == null) {
                throw new RowError(FocusColumn.BILLING_CURRENCY.header(), quote(v)
                        + " is not an ISO 4217 currency code (expected three letters such as USD)");
            }
            lastCurrency = c;
            lastCurrencyText = v;
            lastCurrencyTolerance = upper.equals(v) ? -1 : Tolerance.CURRENCY_CASE.ordinal();
        }
        if (lastCurrencyTolerance >= 0) {
            csv.tolerate(lastCurrencyTolerance);
        }
        return lastCurrency;
    }

    private Map<String, String> tags() throws RowError {
        String v = value(FocusColumn.TAGS);
        if (v == null || v.equals("{}")) {
            return Map.of();
        }
        if (v.equals(lastTagsText)) {
            return lastTags;
        }
        Map<String, String> known = tagCache.get(v);
        if (known != null) {
            lastTagsText = v;
            lastTags = known;
            return known;
        }
        JsonNode node;
        try {
            node = JSON.readTree(v);
        } catch (JsonProcessingException e) {
            throw new RowError(FocusColumn.TAGS.header(), quote(v) + " is not JSON (expected an object such as {\"env\":\"prod\"})");
        }
        if (node == null || !node.isObject()) {
            throw new RowError(FocusColumn.TAGS.header(), quote(v) + " is not a JSON object (expected {\"key\":\"value\", ...})");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode value = e.getValue();
            // FOCUS: a valueless tag is true; a key may carry null before finalization
            String text = value.isNull() ? "" : value.isValueNode() ? value.asText() : value.toString();
            tags.put(e.getKey(), text);
        }
        lastTags = Map.copyOf(tags);
        lastTagsText = v;
        if (tagCache.size() >= TAG_CACHE_SIZE) {
            tagCache.clear();
        }
        tagCache.put(v, lastTags);
        return lastTags;
    }

    private Map<String, String> extras() {
        Map<String, String> extras = null;
        for (int k = 0; k < extraIndex.length; k++) {
            if (csv.end(extraIndex[k]) > csv.start(extraIndex[k])) {
                String v = csv.get(extraIndex[k]);
                if (extras == null) {
                    extras = new LinkedHashMap<>();
                }
                extras.put(extraName[k], v);
            }
        }
        return extras == null ? Map.of() : extras;
    }

    private static final class TimeCache {
        String text;
        Instant value;
        int tolerance = -1;
    }
}
