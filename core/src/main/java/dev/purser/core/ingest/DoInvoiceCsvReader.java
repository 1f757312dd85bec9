package dev.purser.core.ingest;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.ingest.CsvRows.RowError;
import dev.purser.core.model.ChargeCategory;
import dev.purser.core.model.CostLineItem;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Streams the rows of a DigitalOcean invoice CSV (what
 * {@code GET /v2/customers/my/invoices/{uuid}/csv} returns, and what the control panel's
 * "Download CSV" saves) as FOCUS {@link CostLineItem}s, one row at a time.
 *
 * <p>The file looks like:
 * <pre>
 * product,group_description,description,hours,start,end,USD,project_name,category
 * Floating IPs,,Unused Floating IP - 1.1.1.1,100,2020-07-01 00:00:00 +0000,2020-07-22 18:14:39 +0000,$3.11,,iaas
 * Taxes,,STATE SALES TAX (6.25%),,2020-07-01 00:00:00 +0000,2020-07-31 23:59:59 +0000,$0.16,,iaas
 * </pre>
 * The amount column is named after the invoice's currency ({@code USD}). Header names match
 * case-insensitively in any order; {@code product}, {@code description}, {@code start},
 * {@code end} and the currency column are required, the rest optional. RFC 4180 quoting
 * (commas, quotes and line breaks inside quotes), CRLF or LF line ends and a UTF-8 byte-order
 * mark are accepted.
 *
 * <h2>Column mapping</h2>
 * <table>
 * <caption>DigitalOcean invoice CSV to FOCUS</caption>
 * <tr><th>FOCUS column</th><th>from</th></tr>
 * <tr><td>ProviderName, PublisherName, InvoiceIssuerName</td><td>{@code DigitalOcean}</td></tr>
 * <tr><td>BillingAccountId, BillingAccountName</td><td>the invoice's team/account ({@link Invoice}), not in the file</td></tr>
 * <tr><td>BillingPeriodStart/End</td><td>the invoice month, first day 00:00 UTC to the next month's first day</td></tr>
 * <tr><td>ChargePeriodStart</td><td>{@code start} ({@code 2020-07-01 00:00:00 +0000}); the billing period start when empty</td></tr>
 * <tr><td>ChargePeriodEnd</td><td>{@code end}; DigitalOcean writes month ends inclusively as {@code 23:59:59}, which is
 *     moved to the next midnight because FOCUS ends are exclusive; the billing period end when empty</td></tr>
 * <tr><td>BilledCost, EffectiveCost</td><td>the currency column ({@code $3.11}, {@code -$5.00}, {@code ($5.00)},
 *     {@code "$1,234.56"}), exact</td></tr>
 * <tr><td>ListCost</td><td>the same amount for Usage rows (DigitalOcean has no negotiated discounts); empty otherwise</td></tr>
 * <tr><td>BillingCurrency</td><td>the currency column's name</td></tr>
 * <tr><td>ChargeCategory</td><td>{@code Tax} when the product is a tax ({@code Taxes}); {@code Adjustment} when it is an
 *     adjustment; {@code Credit} when it is a credit or the amount is negative; otherwise {@code Usage}</td></tr>
 * <tr><td>ChargeDescription</td><td>{@code description}</td></tr>
 * <tr><td>ServiceName</td><td>{@code product} ({@code Droplets}, {@code Managed Databases}, {@code Spaces Subscription}, ...)</td></tr>
 * <tr><td>ServiceCategory</td><td>from the product: databases → {@code Databases}; volumes, Spaces, snapshots, backups,
 *     container registry → {@code Storage}; droplets, Kubernetes, App Platform, functions → {@code Compute};
 *     IPs, load balancers, bandwidth, CDN, VPC, NAT → {@code Networking}; monitoring → {@code Management and Governance};
 *     taxes, credits and anything else → {@code Other}</td></tr>
 * <tr><td>ResourceName</td><td>{@code group_description} when set, else {@code description}; empty for Tax and Credit rows</td></tr>
 * <tr><td>ConsumedQuantity, PricingQuantity (unit {@code Hours})</td><td>{@code hours}, when set</td></tr>
 * <tr><td>Tags</td><td>{@code project} = {@code project_name}, when set</td></tr>
 * <tr><td>extras</td><td>{@code invoice_id}, {@code category} ({@code iaas}, ...), {@code group_description}, and any
 *     column not named above</td></tr>
 * </table>
 * ResourceId, RegionId, SubAccountId and SkuId are not in the file and stay empty.
 *
 * <p>Errors: a malformed row fails the whole read with {@link ErrorCode#MALFORMED_FILE} and the
 * message {@code <file>:<line>: <column>: <reason>}, the line being the 1-based physical line the
 * row starts on; in lenient mode it is skipped and listed in {@link #skipped()} instead. A bad
 * header or an unclosed quote fails in both modes, because no row after it can be trusted.
 * Callers land nothing of a file that fails. The parse and that accounting are
 * {@link CsvRows}'; this class maps the columns.
 *
 * <p>Use: {@link #open}, then {@link #next()} until it returns false; or {@link #readAll}.
 * Invoice files are small and already decoded by the caller, which also hashes them.
 */
public final class DoInvoiceCsvReader implements AutoCloseable {

    /** FOCUS ProviderName of every row. */
    public static final String PROVIDER = "DigitalOcean";

    /**
     * What the file itself does not say: whose invoice it is and which month it bills.
     *
     * @param billingAccountId   the DigitalOcean team/customer the invoice belongs to
     * @param billingAccountName a display name for it; may be null
     * @param invoiceId          DigitalOcean's invoice id, kept in each row's extras
     * @param billingPeriod      the month the invoice bills
     */
    public record Invoice(String billingAccountId, String billingAccountName, String invoiceId, YearMonth billingPeriod) {
        public Invoice {
            Objects.requireNonNull(billingAccountId, "billingAccountId");
            Objects.requireNonNull(invoiceId, "invoiceId");
            Objects.requireNonNull(billingPeriod, "billingPeriod");
            if (billingAccountId.isBlank()) {
                throw new IllegalArgumentException("billingAccountId must not be blank");
            }
        }
    }

    private static final Set<String> KNOWN = Set.of("product", "group_description", "description", "hours", "start",
            "end", "project_name", "category");
    private static final List<String> REQUIRED = List.of("product", "description", "start", "end");
    private static final DateTimeFormatter DO_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss[ xx][ XXX]",
            Locale.ROOT);

    // DigitalOcean's own wording for a record that cannot be cut, naming the field
    private static final CsvRows.SyntaxMessage SYNTAX = e -> "field " + e.field() + ": " + (e.unclosed()
            ? "a quoted value is never closed"
            : "text after a closing quote; a quote inside a quoted value is written \"\"");

    private final CsvRows csv;
    private final CsvRows.RowMapper<CostLineItem> mapper = this::toItem;
    private final String file;
    private final Invoice invoice;
    private final Instant periodStart;
    private final Instant periodEnd;
    private final Map<String, Integer> index = new LinkedHashMap<>();
    private List<String> header;
    private String currencyColumn;
    private Currency currency;
    private CostLineItem current;

    private DoInvoiceCsvReader(CsvRows csv, Invoice invoice) {
        this.csv = csv;
        this.file = csv.fileName();
        this.invoice = invoice;
        this.periodStart = invoice.billingPeriod().atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        this.periodEnd = invoice.billingPeriod().plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (csv.header().isEmpty()) {
            throw error(1, "header", "the file is empty; expected a DigitalOcean invoice CSV header"
                    + " (product,group_description,description,hours,start,end,USD,...)");
        }
        readHeader(csv.header());
    }

    /**
     * Reads the header of an invoice CSV.
     *
     * @param fileName the name errors are reported against
     * @param lenient  skip malformed rows (listing them) instead of failing on the first
     * @throws PurserException {@link ErrorCode#MALFORMED_FILE} when the header is missing or wrong
     * @throws UncheckedIOException when reading fails
     */
    public static DoInvoiceCsvReader open(Reader in, String fileName, Invoice invoice, boolean lenient) {
        Objects.requireNonNull(invoice, "invoice");
        CsvRows csv = CsvRows.read(in, fileName, lenient, SYNTAX);
        try {
            return new DoInvoiceCsvReader(csv, invoice);
        } catch (RuntimeException e) {
            csv.closeAfter(e);
            throw e;
        }
    }

    /** Reads the whole file into a list (invoice files are small: one row per resource and month). */
    public static List<CostLineItem> readAll(Reader in, String fileName, Invoice invoice) {
        List<CostLineItem> out = new ArrayList<>();
        read(in, fileName, invoice, out::add);
        return out;
    }

    /**
     * Streams the rows into {@code sink} in file order and returns how many there were.
     *
     * @param fileName the name errors are reported against
     * @throws PurserException {@link ErrorCode#MALFORMED_FILE} naming file, line and column
     * @throws UncheckedIOException when reading fails
     */
    public static long read(Reader in, String fileName, Invoice invoice, Consumer<CostLineItem> sink) {
        Objects.requireNonNull(sink, "sink");
        try (DoInvoiceCsvReader reader = open(in, fileName, invoice, false)) {
            while (reader.next()) {
                sink.accept(reader.row());
            }
            return reader.rowsRead();
        }
    }

    /**
     * Advances to the next row that reads cleanly. In strict mode a malformed row (wrong field
     * count, a bad amount, time or number of hours) throws; in lenient mode it is skipped and
     * listed in {@link #skipped()}.
     *
     * @return false at the end of the file
     * @throws PurserException MALFORMED_FILE with {@code file:line: column: reason}
     * @throws UncheckedIOException when reading fails
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

    public String fileName() {
        return file;
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
     * {@code file:line: column: reason} for the first {@value CsvRows#MAX_LISTED_SKIPS} skipped
     * rows, then one line saying how many more were skipped.
     */
    public List<String> skipped() {
        return csv.skipped();
    }

    @Override
    public void close() {
        csv.close();
    }

    private void readHeader(List<String> names) {
        header = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            String raw = names.get(i).trim();
            String n = raw.toLowerCase(Locale.ROOT);
            header.add(raw);
            if (index.putIfAbsent(n, i) != null) {
                throw error(csv.line(), raw, "the column appears twice in the header");
            }
            if (!KNOWN.contains(n) && currencyColumn == null && raw.length() == 3) {
                try {
                    currency = Currency.getInstance(raw.toUpperCase(Locale.ROOT));
                    currencyColumn = n;
                } catch (IllegalArgumentException notACurrency) {
                    // an extra column with a three-letter name: kept in extras
                }
            }
        }
        for (String required : REQUIRED) {
            if (!index.containsKey(required)) {
                throw error(csv.line(), "header", "missing column '" + required
                        + "': this does not look like a DigitalOcean invoice CSV (columns are " + header + ")");
            }
        }
        if (currencyColumn == null) {
            throw error(csv.line(), "header", "no amount column named after a currency (such as USD)"
                    + ": this does not look like a DigitalOcean invoice CSV (columns are " + header + ")");
        }
    }

    private CostLineItem toItem() throws RowError {
        if (csv.size() == 1 && csv.get(0).isBlank()) {
            return null;
        }
        if (csv.size() != header.size()) {
            throw new RowError("row", "has " + csv.size() + " fields but the header has " + header.size()
                    + "; a comma inside a value must be quoted");
        }
        String product = value("product");
        String description = value("description");
        String group = value("group_description");
        String project = value("project_name");
        String category = value("category");
        if (product == null) {
            throw new RowError(column("product"), "is empty; every invoice row names its product");
        }
        BigDecimal amount = amount();
        Instant start = time("start", false);
        Instant end = time("end", true);
        if (end.isBefore(start)) {
            throw new RowError(column("end"), "'" + value("end") + "' is before start '" + value("start") + "'");
        }
        BigDecimal hours = hours();
        ChargeCategory charge = chargeCategory(product, amount);
        boolean usage = charge == ChargeCategory.USAGE;

        Map<String, String> extras = new LinkedHashMap<>();
        extras.put("invoice_id", invoice.invoiceId());
        if (category != null) {
            extras.put("category", category);
        }
        if (group != null) {
            extras.put("group_description", group);
        }
        for (Map.Entry<String, Integer> e : index.entrySet()) {
            if (!KNOWN.contains(e.getKey()) && !e.getKey().equals(currencyColumn)) {
                String v = csv.cell(e.getValue());
                if (!v.isEmpty()) {
                    extras.put(header.get(e.getValue()), v);
                }
            }
        }
        Map<String, String> tags = project == null ? Map.of() : Map.of("project", project);
        String resourceName = usage || charge == ChargeCategory.ADJUSTMENT ? (group != null ? group : description) : null;
        return new CostLineItem(
                invoice.billingAccountId(), invoice.billingAccountName(), periodStart, periodEnd, start, end,
                charge, null, description, amount, amount, usage ? amount : null, null, currency,
                PROVIDER, PROVIDER, PROVIDER, product, serviceCategory(product, charge),
                null, resourceName, null, null, null, null, null, null, null,
                hours, hours == null ? null : "Hours", hours, hours == null ? null : "Hours", null,
                tags, extras);
    }

    private BigDecimal amount() throws RowError {
        String raw = value(currencyColumn);
        String col = column(currencyColumn);
        if (raw == null) {
            throw new RowError(col, "is empty; expected an amount like $3.11");
        }
        String s = raw.replace(" ", "");
        boolean negative = false;
        if (s.startsWith("(") && s.endsWith(")")) {
            negative = true;
            s = s.substring(1, s.length() - 1);
        }
        if (s.startsWith("-")) {
            negative = !negative;
            s = s.substring(1);
        }
        String symbol = currency.getSymbol(Locale.US);
        if (s.startsWith(symbol)) {
            s = s.substring(symbol.length());
        } else if (s.startsWith("$")) {
            s = s.substring(1);
        }
        if (s.startsWith("-")) {
            negative = !negative;
            s = s.substring(1);
        }
        s = s.replace(",", "");
        if (s.isEmpty() || !s.matches("\\d+(\\.\\d+)?|\\.\\d+")) {
            throw new RowError(col, "'" + raw + "' is not an amount like $3.11");
        }
        BigDecimal v = new BigDecimal(s);
        return negative ? v.negate() : v;
    }

    private Instant time(String name, boolean isEnd) throws RowError {
        String raw = value(name);
        if (raw == null) {
            return isEnd ? periodEnd : periodStart;
        }
        Instant t;
        try {
            if (raw.length() == 10) {
                LocalDate d = LocalDate.parse(raw);
                return (isEnd ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant();
            } else if (raw.indexOf('T') == 10) {
                t = OffsetDateTime.parse(raw).toInstant();
            } else {
                t = parseDoTime(raw);
            }
        } catch (DateTimeException e) {
            throw new RowError(column(name), "'" + raw + "' is not a time like 2020-07-01 00:00:00 +0000");
        }
        // DigitalOcean closes a month at 23:59:59 (inclusive); FOCUS ends are exclusive.
        if (isEnd && t.atOffset(ZoneOffset.UTC).toLocalTime().equals(LocalTime.of(23, 59, 59))) {
            t = t.plusSeconds(1);
        }
        return t;
    }

    private static Instant parseDoTime(String raw) {
        var parsed = DO_TIME.parseBest(raw, OffsetDateTime::from, LocalDateTime::from);
        if (parsed instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    }

    private BigDecimal hours() throws RowError {
        String raw = value("hours");
        if (raw == null) {
            return null;
        }
        BigDecimal h;
        try {
            h = new BigDecimal(raw.replace(",", ""));
        } catch (NumberFormatException e) {
            throw new RowError(column("hours"), "'" + raw + "' is not a number of hours");
        }
        if (h.signum() < 0) {
            throw new RowError(column("hours"), "'" + raw + "' is negative");
        }
        return h;
    }

    /** The trimmed value, or null when the column is absent or the value empty. */
    private String value(String name) {
        Integer i = index.get(name);
        if (i == null) {
            return null;
        }
        String v = csv.cell(i);
        return v.isEmpty() ? null : v;
    }

    private String column(String name) {
        Integer i = index.get(name);
        return i == null ? name : header.get(i);
    }

    private PurserException error(long line, String column, String reason) {
        return new PurserException(ErrorCode.MALFORMED_FILE, file + ":" + line + ": " + column + ": " + reason);
    }

    static ChargeCategory chargeCategory(String product, BigDecimal amount) {
        String p = product.toLowerCase(Locale.ROOT);
        if (p.contains("tax")) {
            return ChargeCategory.TAX;
        }
        if (p.contains("adjustment")) {
            return ChargeCategory.ADJUSTMENT;
        }
        if (p.contains("credit") || amount.signum() < 0) {
            return ChargeCategory.CREDIT;
        }
        return ChargeCategory.USAGE;
    }

    static String serviceCategory(String product, ChargeCategory charge) {
        if (charge == ChargeCategory.TAX || charge == ChargeCategory.CREDIT) {
            return "Other";
        }
        String p = product.toLowerCase(Locale.ROOT);
        if (p.contains("database")) {
            return "Databases";
        }
        if (containsAny(p, "volume", "spaces", "snapshot", "backup", "container registry", "block storage")) {
            return "Storage";
        }
        if (containsAny(p, "droplet", "kubernetes", "app platform", "apps", "function", "gpu")) {
            return "Compute";
        }
        if (containsAny(p, " ip", "ip ", "load balancer", "bandwidth", "cdn", "vpc", "nat gateway", "networking")) {
            return "Networking";
        }
        if (containsAny(p, "monitoring", "uptime")) {
            return "Management and Governance";
        }
        return "Other";
    }

    private static boolean containsAny(String s, String... parts) {
        String padded = " " + s + " ";
        for (String part : parts) {
            if (padded.contains(part)) {
                return true;
            }
        }
        return false;
    }
}
