package dev.purser.core.store;

import dev.purser.core.model.CostLineItem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Encodes {@link CostLineItem}s as rows of {@link #COPY}, every row tagged with one import's id,
 * the COPY stream that sends it ({@code load_stream}, the partition key of its leaf) and source:
 * as binary tuples ({@link #encodeBinary}, what imports send since issue 10) or as COPY text
 * ({@link #encode}, the readable form that {@code CopyBinaryTest} holds the binary one to). Tags
 * and extras become JSON objects.
 *
 * <p>Speed: this is the per-row path of every import. Consecutive rows usually share their
 * periods and tag set, so the text of the last instant per column and the JSON of recent tag
 * maps are kept: readers hand out one map instance per distinct tag set, so an identity lookup
 * finds repeats without hashing the map; likewise one String per repeated cell text, so the UTF-8
 * bytes of a text column are reused while its value repeats. Not thread-safe.
 */
final class LineItemCopyEncoder {

    /** The statement whose input {@link #encode} writes. */
    static final String COPY = "COPY cost_line_item" + LineItemCopyEncoder.COLUMNS_AND_FROM;

    /** The column list and {@code FROM STDIN} of {@link #COPY}, for a COPY into one leaf. */
    static final String COLUMNS_AND_FROM = " (import_id, load_stream, source, billing_account_id,"
            + " billing_account_name, billing_period_start, billing_period_end, charge_period_start,"
            + " charge_period_end, charge_category, charge_class, charge_description, billed_cost, effective_cost,"
            + " list_cost, contracted_cost, billing_currency, provider_name, publisher_name, invoice_issuer_name,"
            + " service_name, service_category, resource_id, resource_name, resource_type, region_id, region_name,"
            + " availability_zone, sub_account_id, sub_account_name, sku_id, pricing_quantity, pricing_unit,"
            + " consumed_quantity, consumed_unit, commitment_discount_id, tags, extras) FROM STDIN";

    private static final int TAGS_JSON_CACHE = 4096;
    private static final int TEXT_SLOTS = 23;

    private final long importId;
    private final String importIdText;
    private final String sourceText;
    private final byte[] sourceUtf8;
    private final StringBuilder json = new StringBuilder(256);
    private final InstantText[] instantText = {new InstantText(), new InstantText(), new InstantText(), new InstantText()};
    private final Map<Map<String, String>, String> tagsJson = new IdentityHashMap<>();
    private final String[] lastText = new String[TEXT_SLOTS];
    private final byte[][] lastUtf8 = new byte[TEXT_SLOTS][];

    /**
     * @param importId the import every row belongs to
     * @param source   the import's source kind, written unescaped by the caller's choice of name
     */
    LineItemCopyEncoder(long importId, String source) {
        this.importId = importId;
        this.importIdText = Long.toString(importId);
        this.sourceText = CopyText.escape(source);
        this.sourceUtf8 = source.getBytes(StandardCharsets.UTF_8);
    }

    /** Appends one row bound for COPY stream {@code stream}, ended by a newline. */
    void encode(CostLineItem item, int stream, CopyText o) {
        o.raw(importIdText).tab().raw(Integer.toString(stream)).tab().raw(sourceText).tab();
        o.text(item.billingAccountId()).tab();
        o.text(item.billingAccountName()).tab();
        instant(o, 0, item.billingPeriodStart()).tab();
        instant(o, 1, item.billingPeriodEnd()).tab();
        instant(o, 2, item.chargePeriodStart()).tab();
        instant(o, 3, item.chargePeriodEnd()).tab();
        o.raw(item.chargeCategory().focusValue()).tab();
        o.text(item.chargeClass()).tab();
        o.text(item.chargeDescription()).tab();
        o.decimal(item.billedCost()).tab();
        o.decimal(item.effectiveCost()).tab();
        o.decimal(item.listCost()).tab();
        o.decimal(item.contractedCost()).tab();
        o.raw(item.billingCurrency().getCurrencyCode()).tab();
        o.text(item.providerName()).tab();
        o.text(item.publisherName()).tab();
        o.text(item.invoiceIssuerName()).tab();
        o.text(item.serviceName()).tab();
        o.text(item.serviceCategory()).tab();
        o.text(item.resourceId()).tab();
        o.text(item.resourceName()).tab();
        o.text(item.resourceType()).tab();
        o.text(item.regionId()).tab();
        o.text(item.regionName()).tab();
        o.text(item.availabilityZone()).tab();
        o.text(item.subAccountId()).tab();
        o.text(item.subAccountName()).tab();
        o.text(item.skuId()).tab();
        o.decimal(item.pricingQuantity()).tab();
        o.text(item.pricingUnit()).tab();
        o.decimal(item.consumedQuantity()).tab();
        o.text(item.consumedUnit()).tab();
        o.text(item.commitmentDiscountId()).tab();
        tags(o, item.tags()).tab();
        if (item.extras().isEmpty()) {
            o.raw("{}");
        } else {
            o.text(json(item.extras()));
        }
        o.endRow();
    }

    /** Fields per row of {@link #COLUMNS_AND_FROM}. */
    static final int FIELDS = 38;

    /**
     * Appends one row as a binary COPY tuple ({@link CopyBinary}), the columns of
     * {@link #COLUMNS_AND_FROM} in order: what {@link #encode} writes as text, with nothing for the
     * server to parse but the JSON of tags and extras.
     */
    void encodeBinary(CostLineItem item, int stream, CopyBinary o) {
        o.tuple(FIELDS);
        o.int8(importId);
        o.int2(stream);
        o.utf8(sourceUtf8);
        text(o, 0, item.billingAccountId());
        text(o, 1, item.billingAccountName());
        o.timestamptz(item.billingPeriodStart());
        o.timestamptz(item.billingPeriodEnd());
        o.timestamptz(item.chargePeriodStart());
        o.timestamptz(item.chargePeriodEnd());
        text(o, 21, item.chargeCategory().focusValue());
        text(o, 2, item.chargeClass());
        text(o, 3, item.chargeDescription());
        o.numeric(item.billedCost());
        o.numeric(item.effectiveCost());
        o.numeric(item.listCost());
        o.numeric(item.contractedCost());
        text(o, 22, item.billingCurrency().getCurrencyCode());
        text(o, 4, item.providerName());
        text(o, 5, item.publisherName());
        text(o, 6, item.invoiceIssuerName());
        text(o, 7, item.serviceName());
        text(o, 8, item.serviceCategory());
        text(o, 9, item.resourceId());
        text(o, 10, item.resourceName());
        text(o, 11, item.resourceType());
        text(o, 12, item.regionId());
        text(o, 13, item.regionName());
        text(o, 14, item.availabilityZone());
        text(o, 15, item.subAccountId());
        text(o, 16, item.subAccountName());
        text(o, 17, item.skuId());
        o.numeric(item.pricingQuantity());
        text(o, 18, item.pricingUnit());
        o.numeric(item.consumedQuantity());
        text(o, 19, item.consumedUnit());
        text(o, 20, item.commitmentDiscountId());
        o.jsonb(item.tags().isEmpty() ? "{}" : tagsJson(item.tags()));
        o.jsonb(item.extras().isEmpty() ? "{}" : json(item.extras()));
    }

    /**
     * Writes a text field, reusing the UTF-8 bytes of the previous row's value of the same slot
     * when it is the same instance (readers hand out one String per repeated cell text).
     */
    private void text(CopyBinary o, int slot, String s) {
        if (s == null) {
            o.nullField();
            return;
        }
        if (s != lastText[slot]) {
            lastText[slot] = s;
            lastUtf8[slot] = s.getBytes(StandardCharsets.UTF_8);
        }
        o.utf8(lastUtf8[slot]);
    }

    private String tagsJson(Map<String, String> tags) {
        String cached = tagsJson.get(tags);
        if (cached == null) {
            cached = json(tags);
            if (tagsJson.size() >= TAGS_JSON_CACHE) {
                tagsJson.clear();
            }
            tagsJson.put(tags, cached);
        }
        return cached;
    }

    private CopyText instant(CopyText o, int column, Instant value) {
        InstantText cache = instantText[column];
        if (!value.equals(cache.value)) {
            cache.value = value;
            cache.text = value.toString();
        }
        return o.raw(cache.text);
    }

    private CopyText tags(CopyText o, Map<String, String> tags) {
        if (tags.isEmpty()) {
            return o.raw("{}");
        }
        String cached = tagsJson.get(tags);
        if (cached == null) {
            cached = json(tags);
            if (tagsJson.size() >= TAGS_JSON_CACHE) {
                tagsJson.clear();
            }
            tagsJson.put(tags, cached);
        }
        return o.text(cached);
    }

    /** A flat string map as a JSON object. */
    String json(Map<String, String> map) {
        StringBuilder j = json;
        j.setLength(0);
        j.append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (!first) {
                j.append(',');
            }
            first = false;
            jsonString(j, e.getKey());
            j.append(':');
            jsonString(j, e.getValue());
        }
        j.append('}');
        return j.toString();
    }

    private static void jsonString(StringBuilder j, String s) {
        j.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> j.append("\\\"");
                case '\\' -> j.append("\\\\");
                case '\n' -> j.append("\\n");
                case '\r' -> j.append("\\r");
                case '\t' -> j.append("\\t");
                default -> {
                    if (c < 0x20) {
                        j.append(String.format("\\u%04x", (int) c));
                    } else {
                        j.append(c);
                    }
                }
            }
        }
        j.append('"');
    }

    private static final class InstantText {
        Instant value;
        String text;
    }
}
