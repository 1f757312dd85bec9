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
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * Streams an AWS Cost and Usage Report CSV (plain or gzip, told apart by the first bytes) as
 * FOCUS {@link CostLineItem}s, one row in memory at a time. Both header styles are read: the
 * legacy CUR ({@code lineItem/UnblendedCost}) and CUR 2.0 ({@code line_item_unblended_cost}),
 * matched case-insensitively and in any order; {@link #format()} says which one the file uses.
 *
 * <h2>Mapping (CUR → FOCUS)</h2>
 *
 * <table>
 * <caption>How each FOCUS column is filled; CUR 2.0 names in brackets</caption>
 * <tr><th>FOCUS column</th><th>from the CUR</th></tr>
 * <tr><td>BillingAccountId</td><td>bill/PayerAccountId [bill_payer_account_id] (required)</td></tr>
 * <tr><td>BillingAccountName</td><td>bill_payer_account_name (CUR 2.0 only)</td></tr>
 * <tr><td>BillingPeriodStart / End</td><td>bill/BillingPeriodStartDate / EndDate (required)</td></tr>
 * <tr><td>ChargePeriodStart / End</td><td>lineItem/UsageStartDate / UsageEndDate (required)</td></tr>
 * <tr><td>ChargeCategory</td><td>lineItem/LineItemType: Usage, DiscountedUsage, SavingsPlanCoveredUsage,
 *     SavingsPlanNegation → Usage; Fee, RIFee, SavingsPlanUpfrontFee, SavingsPlanRecurringFee → Purchase;
 *     Tax → Tax; Credit, Refund and every *Discount type (Discount, BundledDiscount, EdpDiscount,
 *     PrivateRateDiscount, ...) → Credit; any other type → Adjustment, counted in {@link #tolerated()}</td></tr>
 * <tr><td>ChargeClass</td><td>{@code Correction} for Refund rows (a refund corrects charges already
 *     invoiced; FOCUS defines no other ChargeClass value, so "Adjustment" is not used), else empty</td></tr>
 * <tr><td>ChargeDescription</td><td>lineItem/LineItemDescription</td></tr>
 * <tr><td>BilledCost</td><td>lineItem/UnblendedCost (required), exact</td></tr>
 * <tr><td>EffectiveCost</td><td>the amortized cost, as AWS's own amortized-cost queries compute it:
 *     SavingsPlanCoveredUsage → savingsPlan/SavingsPlanEffectiveCost;
 *     SavingsPlanNegation → 0 (the discount is already in the covered rows' effective cost);
 *     SavingsPlanUpfrontFee → 0 (amortized into the covered rows);
 *     SavingsPlanRecurringFee → savingsPlan/TotalCommitmentToDate − savingsPlan/UsedCommitment (the unused commitment);
 *     DiscountedUsage → reservation/EffectiveCost;
 *     RIFee → reservation/UnusedAmortizedUpfrontFeeForBillingPeriod + reservation/UnusedRecurringFee;
 *     Fee with a reservation/ReservationARN (an RI's upfront fee) → 0;
 *     everything else → UnblendedCost.
 *     When a needed column is missing or empty the row gets its UnblendedCost and the fallback is
 *     counted in {@link #tolerated()}.</td></tr>
 * <tr><td>ListCost</td><td>pricing/publicOnDemandCost, empty when the CUR leaves it empty</td></tr>
 * <tr><td>BillingCurrency</td><td>lineItem/CurrencyCode (required; rows of one file may differ)</td></tr>
 * <tr><td>ProviderName</td><td>{@code AWS}</td></tr>
 * <tr><td>PublisherName</td><td>lineItem/LegalEntity</td></tr>
 * <tr><td>InvoiceIssuerName</td><td>bill/InvoicingEntity, else bill/BillingEntity</td></tr>
 * <tr><td>ServiceName</td><td>product/ProductName [product_product_name, or {@code product_name} in the
 *     {@code product} JSON map], else lineItem/ProductCode</td></tr>
 * <tr><td>ServiceCategory</td><td>from lineItem/ProductCode by a small table (AmazonEC2 → Compute,
 *     AmazonRDS → Databases, AmazonS3 → Storage, AmazonCloudFront → Networking, ...), else {@code Other}</td></tr>
 * <tr><td>ResourceId</td><td>lineItem/ResourceId</td></tr>
 * <tr><td>RegionId / RegionName</td><td>product/region [product_region_code] / product/location [product_location]</td></tr>
 * <tr><td>AvailabilityZone</td><td>lineItem/AvailabilityZone</td></tr>
 * <tr><td>SubAccountId / SubAccountName</td><td>lineItem/UsageAccountId / line_item_usage_account_name</td></tr>
 * <tr><td>SkuId</td><td>product/sku</td></tr>
 * <tr><td>ConsumedQuantity / PricingQuantity</td><td>lineItem/UsageAmount (both)</td></tr>
 * <tr><td>ConsumedUnit / PricingUnit</td><td>pricing/unit (both)</td></tr>
 * <tr><td>CommitmentDiscountId</td><td>reservation/ReservationARN, else savingsPlan/SavingsPlanARN</td></tr>
 * <tr><td>Tags</td><td>legacy: each {@code resourceTags/user:KEY} column → {@code KEY}, other
 *     {@code resourceTags/aws:KEY} columns keep their {@code aws:} prefix; CUR 2.0: the
 *     {@code resource_tags} JSON map, or {@code resource_tags_user_KEY} columns, with the
 *     {@code user_} prefix dropped. Empty values are no tag.</td></tr>
 * <tr><td>extras</td><td>{@code x_LineItemType}, {@code x_UsageType}, {@code x_Operation},
 *     {@code x_ProductCode} when present, so the CUR's own detail survives the mapping</td></tr>
 * </table>
 *
 * <p>Because BilledCost is the UnblendedCost of every row, the sum of BilledCost per service and
 * in total equals the sum of {@code lineItem/UnblendedCost} in the file, to the last digit.
 *
 * <h2>Errors</h2>
 * A malformed row is {@link ErrorCode#MALFORMED_FILE} with {@code file:line: column: reason}
 * (the column as the file spells it); in lenient mode it is skipped and listed in
 * {@link #skipped()}. A FOCUS file or DigitalOcean invoice given to this reader is rejected
 * before any row is read, with the {@code import} kind to use instead. The parse, the digest
 * and that accounting are {@link CsvRows}'; this class maps the columns.
 *
 * <p>Use: {@link #open}, then {@link #hasNext()}/{@link #next()} to the end, then {@link #sha256()}.
 * Not thread-safe.
 */
public final class CurCsvReader implements Iterator<CostLineItem>, AutoCloseable {

    /** The source kind, as typed after {@code import} and stored with every row. */
    public static final String SOURCE = "cur";

    /** At most this many skipped rows are listed one by one; the count stays exact. */
    public static final int MAX_LISTED_SKIPS = CsvRows.MAX_LISTED_SKIPS;

    private static final String PROVIDER = "AWS";
    private static final String CORRECTION = "Correction";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String ZIP_ADVICE = "unzip it and import the CUR CSV inside";
    private static final String PARQUET_ADVICE = "export the CUR as CSV (plain or .gz) and import that";

    private static final Map<String, String> SERVICE_CATEGORY = Map.ofEntries(
            Map.entry("amazonec2", "Compute"),
            Map.entry("awslambda", "Compute"),
            Map.entry("amazoneks", "Compute"),
            Map.entry("amazonecs", "Compute"),
            Map.entry("amazonlightsail", "Compute"),
            Map.entry("amazonrds", "Databases"),
            Map.entry("amazondynamodb", "Databases"),
            Map.entry("amazonelasticache", "Databases"),
            Map.entry("amazonredshift", "Databases"),
            Map.entry("amazons3", "Storage"),
            Map.entry("amazonefs", "Storage"),
            Map.entry("amazonglacier", "Storage"),
            Map.entry("awsbackup", "Storage"),
            Map.entry("amazoncloudfront", "Networking"),
            Map.entry("amazonvpc", "Networking"),
            Map.entry("amazonroute53", "Networking"),
            Map.entry("awselb", "Networking"),
            Map.entry("awsdatatransfer", "Networking"),
            Map.entry("amazoncloudwatch", "Management and Governance"),
            Map.entry("awscloudtrail", "Management and Governance"),
            Map.entry("awsconfig", "Management and Governance"),
            Map.entry("amazones", "Analytics"),
            Map.entry("amazonathena", "Analytics"),
            Map.entry("awsglue", "Analytics"),
            Map.entry("awskms", "Security"),
            Map.entry("awssecretsmanager", "Security"),
            Map.entry("awswaf", "Security"));

    private enum Tolerance {
        UNKNOWN_TYPE("rows with a LineItemType this reader does not know read as ChargeCategory Adjustment"),
        NO_AMORTIZATION("rows without the reservation/savingsPlan columns their amortized cost needs"
                + " given their UnblendedCost as EffectiveCost"),
        NO_ZONE("timestamps without a zone read as UTC"),
        DATE_ONLY("date-only timestamps read as midnight UTC");

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
    private final CurFormat format;
    private final int headerSize;
    private final int[] index = new int[CurColumn.values().length];
    private final int[] tagIndex;
    private final String[] tagKey;

    private CostLineItem pending;
    private boolean finished;

    // one-entry caches: a CUR repeats periods, currencies, products and tag maps row after row
    private final TimeCache billingStart = new TimeCache();
    private final TimeCache billingEnd = new TimeCache();
    private final TimeCache usageStart = new TimeCache();
    private final TimeCache usageEnd = new TimeCache();
    private String lastCurrencyText;
    private Currency lastCurrency;
    private String lastTagsText;
    private Map<String, String> lastTags = Map.of();
    private String lastProductText;
    private String lastProductName;

    private CurCsvReader(CsvRows csv) {
        this.csv = csv;
        this.fileName = csv.fileName();
        List<String> header = csv.header();
        this.headerSize = header.size();
        String looksLike = recognise(header);
        if (looksLike != null) {
            throw new PurserException(ErrorCode.MALFORMED_FILE, fileName + ": " + looksLike);
        }
        this.format = header.stream().anyMatch(h -> h.indexOf('/') >= 0) ? CurFormat.LEGACY : CurFormat.CUR2;
        Arrays.fill(index, -1);
        List<Integer> tags = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).trim();
            CurColumn column = CurColumn.byHeader(name);
            if (column != null) {
                if (index[column.ordinal()] >= 0) {
                    throw csv.malformed(1, column.header(format) + ": the column appears twice (columns "
                            + (index[column.ordinal()] + 1) + " and " + (i + 1) + ")");
                }
                index[column.ordinal()] = i;
                continue;
            }
            String key = tagKeyOf(name);
            if (key != null) {
                tags.add(i);
                keys.add(key);
            }
        }
        this.tagIndex = tags.stream().mapToInt(Integer::intValue).toArray();
        this.tagKey = keys.toArray(new String[0]);
        requireColumns(header);
    }

    /**
     * Opens the file and reads its header.
     *
     * @param lenient skip malformed rows (listing them) instead of failing on the first
     * @throws PurserException FILE_NOT_FOUND, or MALFORMED_FILE when the file is empty, not a
     *         CSV, a FOCUS or DigitalOcean file, or lacks a required CUR column
     */
    public static CurCsvReader open(Path file, boolean lenient) {
        return mapped(CsvRows.open(file, "CUR CSV file", ZIP_ADVICE, PARQUET_ADVICE, lenient, Tolerance.texts()));
    }

    /**
     * Reads a CUR from a stream (closed by {@link #close()}); {@code fileName} is used in messages.
     *
     * @throws PurserException MALFORMED_FILE as for {@link #open(Path, boolean)}
     */
    public static CurCsvReader open(String fileName, InputStream in, boolean lenient) {
        return mapped(CsvRows.open(fileName, in, ZIP_ADVICE, PARQUET_ADVICE, lenient, Tolerance.texts()));
    }

    private static CurCsvReader mapped(CsvRows csv) {
        try {
            return new CurCsvReader(csv);
        } catch (RuntimeException e) {
            csv.closeAfter(e);
            throw e;
        }
    }

    /**
     * Whether another row reads cleanly; reads ahead to find out. In strict mode a malformed row
     * throws here; in lenient mode it is skipped and listed in {@link #skipped()}.
     *
     * @throws PurserException MALFORMED_FILE with {@code file:line: column: reason}
     */
    @Override
    public boolean hasNext() {
        if (pending != null) {
            return true;
        }
        if (finished) {
            return false;
        }
        pending = csv.next(mapper);
        finished = pending == null;
        return pending != null;
    }

    /**
     * The next row.
     *
     * @throws NoSuchElementException at the end of the file
     * @throws PurserException MALFORMED_FILE as for {@link #hasNext()}
     */
    @Override
    public CostLineItem next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more rows in " + fileName);
        }
        CostLineItem row = pending;
        pending = null;
        return row;
    }

    /** The source kind, {@value #SOURCE}. */
    public String source() {
        return SOURCE;
    }

    /** The file's header style. */
    public CurFormat format() {
        return format;
    }

    public String fileName() {
        return fileName;
    }

    /** Whether the file was gzip-compressed. */
    public boolean gzip() {
        return csv.gzip();
    }

    /** Rows read cleanly so far. */
    public long rowsRead() {
        return csv.rowsRead();
    }

    /** Rows skipped so far (lenient mode). */
    public long skippedRows() {
        return csv.skippedRows();
    }

    /**
     * {@code file:line: column: reason} for the first {@link #MAX_LISTED_SKIPS} skipped rows,
     * then one line saying how many more were skipped.
     */
    public List<String> skipped() {
        return csv.skipped();
    }

    /** What was read in a way the reader had to choose, with counts ("3 rows without ... given ..."). */
    public List<String> tolerated() {
        return csv.tolerated();
    }

    /** Hex SHA-256 of the bytes as stored (compressed if gzip); known once {@link #hasNext()} returned false. */
    public String sha256() {
        return csv.sha256();
    }

    @Override
    public void close() {
        csv.close();
    }

    // ---------------------------------------------------------------------------------------

    private CostLineItem parseRow() throws RowError {
        if (csv.size() != headerSize) {
            throw new RowError(null, "the row has " + csv.size() + " fields but the header has " + headerSize);
        }
        String payer = required(CurColumn.PAYER_ACCOUNT_ID);
        Instant billingPeriodStart = timestamp(CurColumn.BILLING_PERIOD_START, billingStart);
        Instant billingPeriodEnd = timestamp(CurColumn.BILLING_PERIOD_END, billingEnd);
        if (billingPeriodEnd.isBefore(billingPeriodStart)) {
            throw new RowError(header(CurColumn.BILLING_PERIOD_END), quote(raw(CurColumn.BILLING_PERIOD_END))
                    + " is before the billing period start " + quote(raw(CurColumn.BILLING_PERIOD_START)));
        }
        Instant chargeStart = timestamp(CurColumn.USAGE_START, usageStart);
        Instant chargeEnd = timestamp(CurColumn.USAGE_END, usageEnd);
        if (chargeEnd.isBefore(chargeStart)) {
            throw new RowError(header(CurColumn.USAGE_END), quote(raw(CurColumn.USAGE_END))
                    + " is before the usage start " + quote(raw(CurColumn.USAGE_START)));
        }
        String type = required(CurColumn.LINE_ITEM_TYPE);
        ChargeCategory category = chargeCategory(type);
        if (category == null) {
            csv.tolerate(Tolerance.UNKNOWN_TYPE.ordinal());
            category = ChargeCategory.ADJUSTMENT;
        }
        BigDecimal billed = decimal(CurColumn.UNBLENDED_COST, required(CurColumn.UNBLENDED_COST));
        BigDecimal effective = effectiveCost(type, billed);
        Currency currency = currency();
        String productCode = value(CurColumn.PRODUCT_CODE);
        String serviceName = productName();
        if (serviceName == null) {
            serviceName = productCode;
        }
        String commitment = value(CurColumn.RI_ARN);
        if (commitment == null) {
            commitment = value(CurColumn.SP_ARN);
        }
        String invoiceIssuer = value(CurColumn.INVOICING_ENTITY);
        if (invoiceIssuer == null) {
            invoiceIssuer = value(CurColumn.BILLING_ENTITY);
        }
        BigDecimal usage = optionalDecimal(CurColumn.USAGE_AMOUNT);
        String unit = value(CurColumn.PRICING_UNIT);
        return new CostLineItem(
                payer,
                value(CurColumn.PAYER_ACCOUNT_NAME),
                billingPeriodStart,
                billingPeriodEnd,
                chargeStart,
                chargeEnd,
                category,
                type.equalsIgnoreCase("Refund") ? CORRECTION : null,
                value(CurColumn.DESCRIPTION),
                billed,
                effective,
                optionalDecimal(CurColumn.PUBLIC_ON_DEMAND_COST),
                null,
                currency,
                PROVIDER,
                value(CurColumn.LEGAL_ENTITY),
                invoiceIssuer,
                serviceName,
                serviceCategory(productCode),
                value(CurColumn.RESOURCE_ID),
                null,
                null,
                value(CurColumn.REGION),
                value(CurColumn.LOCATION),
                value(CurColumn.AVAILABILITY_ZONE),
                value(CurColumn.USAGE_ACCOUNT_ID),
                value(CurColumn.USAGE_ACCOUNT_NAME),
                value(CurColumn.SKU),
                usage,
                unit,
                usage,
                unit,
                commitment,
                tags(),
                extras(type, productCode));
    }

    /** FOCUS ChargeCategory for a CUR LineItemType; null when the type is not known. */
    static ChargeCategory chargeCategory(String lineItemType) {
        String t = lineItemType.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "usage":
            case "discountedusage":
            case "savingsplancoveredusage":
            case "savingsplannegation":
                return ChargeCategory.USAGE;
            case "fee":
            case "rifee":
            case "savingsplanupfrontfee":
            case "savingsplanrecurringfee":
                return ChargeCategory.PURCHASE;
            case "tax":
                return ChargeCategory.TAX;
            case "credit":
            case "refund":
                return ChargeCategory.CREDIT;
            default:
                return t.endsWith("discount") ? ChargeCategory.CREDIT : null;
        }
    }

    private BigDecimal effectiveCost(String type, BigDecimal billed) throws RowError {
        switch (type.trim().toLowerCase(Locale.ROOT)) {
            case "savingsplancoveredusage":
                return amortized(billed, CurColumn.SP_EFFECTIVE_COST);
            case "savingsplannegation":
            case "savingsplanupfrontfee":
                return BigDecimal.ZERO;
            case "savingsplanrecurringfee": {
                BigDecimal total = optionalDecimal(CurColumn.SP_TOTAL_COMMITMENT_TO_DATE);
                BigDecimal used = optionalDecimal(CurColumn.SP_USED_COMMITMENT);
                if (total == null || used == null) {
                    csv.tolerate(Tolerance.NO_AMORTIZATION.ordinal());
                    return billed;
                }
                return total.subtract(used);
            }
            case "discountedusage":
                return amortized(billed, CurColumn.RI_EFFECTIVE_COST);
            case "rifee": {
                BigDecimal upfront = optionalDecimal(CurColumn.RI_UNUSED_AMORTIZED_UPFRONT);
                BigDecimal recurring = optionalDecimal(CurColumn.RI_UNUSED_RECURRING_FEE);
                if (upfront == null && recurring == null) {
                    csv.tolerate(Tolerance.NO_AMORTIZATION.ordinal());
                    return billed;
                }
                return (upfront == null ? BigDecimal.ZERO : upfront).add(recurring == null ? BigDecimal.ZERO : recurring);
            }
            case "fee":
                // an RI's upfront fee is spread over the reservation's DiscountedUsage rows
                return value(CurColumn.RI_ARN) != null ? BigDecimal.ZERO : billed;
            default:
                return billed;
        }
    }

    private BigDecimal amortized(BigDecimal billed, CurColumn column) throws RowError {
        BigDecimal v = optionalDecimal(column);
        if (v == null) {
            csv.tolerate(Tolerance.NO_AMORTIZATION.ordinal());
            return billed;
        }
        return v;
    }

    private static String serviceCategory(String productCode) {
        if (productCode == null) {
            return null;
        }
        return SERVICE_CATEGORY.getOrDefault(productCode.toLowerCase(Locale.ROOT), "Other");
    }

    private String productName() throws RowError {
        String name = value(CurColumn.PRODUCT_NAME);
        if (name != null) {
            return name;
        }
        String map = value(CurColumn.PRODUCT_MAP);
        if (map == null || map.equals("{}")) {
            return null;
        }
        if (!map.equals(lastProductText)) {
            JsonNode node = jsonObject(CurColumn.PRODUCT_MAP, map);
            JsonNode productName = node.get("product_name");
            lastProductName = productName == null || productName.isNull() || productName.asText().isBlank()
                    ? null : productName.asText();
            lastProductText = map;
        }
        return lastProductName;
    }

    private Map<String, String> tags() throws RowError {
        Map<String, String> tags = null;
        String json = value(CurColumn.RESOURCE_TAGS);
        if (json != null && !json.equals("{}")) {
            if (!json.equals(lastTagsText)) {
                JsonNode node = jsonObject(CurColumn.RESOURCE_TAGS, json);
                Map<String, String> parsed = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    JsonNode v = e.getValue();
                    String text = v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString();
                    if (!text.isEmpty()) {
                        parsed.put(stripUserPrefix(e.getKey(), "user_"), text);
                    }
                }
                lastTags = Map.copyOf(parsed);
                lastTagsText = json;
            }
            if (tagIndex.length == 0) {
                return lastTags;
            }
            tags = new TreeMap<>(lastTags);
        }
        for (int k = 0; k < tagIndex.length; k++) {
            String v = csv.cell(tagIndex[k]);
            if (!v.isEmpty()) {
                if (tags == null) {
                    tags = new TreeMap<>();
                }
                tags.put(tagKey[k], v);
            }
        }
        return tags == null ? Map.of() : tags;
    }

    private JsonNode jsonObject(CurColumn column, String text) throws RowError {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new RowError(header(column), quote(text) + " is not JSON (expected an object such as {\"user_env\":\"prod\"})");
        }
        if (node == null || !node.isObject()) {
            throw new RowError(header(column), quote(text) + " is not a JSON object (expected {\"key\":\"value\", ...})");
        }
        return node;
    }

    private Map<String, String> extras(String type, String productCode) throws RowError {
        Map<String, String> extras = new LinkedHashMap<>();
        extras.put("x_LineItemType", type);
        String usageType = value(CurColumn.USAGE_TYPE);
        if (usageType != null) {
            extras.put("x_UsageType", usageType);
        }
        String operation = value(CurColumn.OPERATION);
        if (operation != null) {
            extras.put("x_Operation", operation);
        }
        if (productCode != null) {
            extras.put("x_ProductCode", productCode);
        }
        return extras;
    }

    /** The tag key a header names ({@code resourceTags/user:env} → {@code env}), or null when it is no tag column. */
    private static String tagKeyOf(String header) {
        String lower = header.toLowerCase(Locale.ROOT);
        if (lower.startsWith("resourcetags/") && header.length() > "resourceTags/".length()) {
            return stripUserPrefix(header.substring("resourceTags/".length()), "user:");
        }
        if (lower.startsWith("resource_tags_") && header.length() > "resource_tags_".length()) {
            return stripUserPrefix(header.substring("resource_tags_".length()), "user_");
        }
        return null;
    }

    private static String stripUserPrefix(String key, String prefix) {
        return key.length() > prefix.length() && key.regionMatches(true, 0, prefix, 0, prefix.length())
                ? key.substring(prefix.length()) : key;
    }

    // ---------------------------------------------------------------------------------------

    private String header(CurColumn column) {
        return column.header(format);
    }

    /** The cell as written (trimmed), or null when the column is absent. */
    private String raw(CurColumn column) {
        int i = index[column.ordinal()];
        return i < 0 ? null : csv.cell(i);
    }

    /**
     * The cell, or null when the column is absent or the cell is empty.
     *
     * @throws RowError when a name, id or description is longer than {@link InputLimits#MAX_VALUE_CHARS}
     */
    private String value(CurColumn column) throws RowError {
        String v = raw(column);
        if (v != null && v.length() > InputLimits.MAX_VALUE_CHARS) {
            throw FocusCsvReader.tooLong(header(column), v);
        }
        return v == null || v.isEmpty() ? null : v;
    }

    private String required(CurColumn column) throws RowError {
        String v = value(column);
        if (v == null) {
            throw new RowError(header(column), "a value is required but the cell is empty");
        }
        return v;
    }

    private BigDecimal optionalDecimal(CurColumn column) throws RowError {
        String v = value(column);
        return v == null ? null : decimal(column, v);
    }

    private BigDecimal decimal(CurColumn column, String v) throws RowError {
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw new RowError(header(column), quote(v) + " is not a number (expected a plain decimal such as -12.345)");
        }
    }

    private Currency currency() throws RowError {
        String v = required(CurColumn.CURRENCY);
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
                throw new RowError(header(CurColumn.CURRENCY), quote(v)
                        + " is not an ISO 4217 currency code (expected three letters such as USD)");
            }
            lastCurrency = c;
            lastCurrencyText = v;
        }
        return lastCurrency;
    }

    private Instant timestamp(CurColumn column, TimeCache cache) throws RowError {
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

    /**
     * The CUR writes {@code 2026-10-01T00:00:00Z}; CUR 2.0 CSV exports also write
     * {@code 2026-10-01T00:00:00.000Z} or {@code 2026-10-01 00:00:00} (UTC by definition).
     */
    private Instant parseTimestamp(CurColumn column, String v, TimeCache cache) throws RowError {
        try {
            if (v.length() == 10) {
                cache.tolerance = Tolerance.DATE_ONLY.ordinal();
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            String t = v.length() > 10 && v.charAt(10) == ' ' ? v.substring(0, 10) + 'T' + v.substring(11) : v;
            char last = t.charAt(t.length() - 1);
            if (last == 'Z' || last == 'z' || hasOffset(t)) {
                return OffsetDateTime.parse(t.replace('z', 'Z')).toInstant();
            }
            cache.tolerance = Tolerance.NO_ZONE.ordinal();
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException | IndexOutOfBoundsException e) {
            throw new RowError(header(column), quote(v) + " is not a timestamp (expected ISO 8601 such as 2026-10-01T00:00:00Z)");
        }
    }

    private static boolean hasOffset(String t) {
        for (int i = 11; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '+' || c == '-') {
                return true;
            }
        }
        return false;
    }

    private void requireColumns(List<String> header) {
        List<String> missing = new ArrayList<>();
        boolean anyCur = false;
        for (CurColumn c : CurColumn.values()) {
            if (index[c.ordinal()] >= 0) {
                anyCur = true;
            } else if (c.required()) {
                missing.add(c.bothHeaders());
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        if (!anyCur) {
            throw new PurserException(ErrorCode.MALFORMED_FILE, fileName
                    + ": no AWS Cost and Usage Report columns in the first line; a CUR starts with a header such as "
                    + "identity/LineItemId,bill/PayerAccountId,lineItem/UnblendedCost,... or, for CUR 2.0, "
                    + "bill_payer_account_id,line_item_unblended_cost,... (the first line here is "
                    + quote(String.join(",", header)) + ")");
        }
        throw new PurserException(ErrorCode.MALFORMED_FILE, fileName + ":1: missing required CUR column"
                + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing));
    }

    /** Names the format of a bill that is not a CUR but that Purser can import, with the command to use. */
    private static String recognise(List<String> header) {
        boolean billedCost = false;
        boolean chargePeriod = false;
        boolean doProduct = false;
        boolean doGroup = false;
        for (String raw : header) {
            String h = raw.trim().toLowerCase(Locale.ROOT);
            billedCost |= h.equals("billedcost");
            chargePeriod |= h.equals("chargeperiodstart") || h.equals("billingaccountid");
            doProduct |= h.equals("product");
            doGroup |= h.equals("group_description");
        }
        if (billedCost && chargePeriod) {
            return "this looks like a FOCUS file (it has BilledCost and ChargePeriodStart columns, not CUR ones);"
                    + " use `import focus`";
        }
        if (doProduct && doGroup) {
            return "this looks like a DigitalOcean invoice CSV (product, group_description, ...), not an AWS CUR;"
                    + " use `import do-invoice`";
        }
        return null;
    }

    private static final class TimeCache {
        String text;
        Instant value;
        int tolerance = -1;
    }
}
