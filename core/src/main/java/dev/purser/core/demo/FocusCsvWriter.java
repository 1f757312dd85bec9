package dev.purser.core.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.purser.core.model.CostLineItem;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes FOCUS rows as CSV: the fixed header below, timestamps as ISO-8601 instants with
 * {@code Z}, amounts as plain decimals, null as an empty field, Tags as a JSON object, and fields
 * quoted as RFC 4180 says (only when they hold a comma, quote, CR or LF). Lines end in LF.
 *
 * <p>Output is byte-stable: tag keys are written in sorted order (a record's map has no stable
 * iteration order across JVM runs) and the gzip header carries no timestamp.
 */
public final class FocusCsvWriter {

    /** The columns, in the order written. */
    public static final List<String> HEADERS = List.of(
            "BillingAccountId", "BillingAccountName", "BillingPeriodStart", "BillingPeriodEnd",
            "ChargePeriodStart", "ChargePeriodEnd", "ChargeCategory", "ChargeClass", "ChargeDescription",
            "BilledCost", "EffectiveCost", "ListCost", "ContractedCost", "BillingCurrency",
            "ProviderName", "PublisherName", "InvoiceIssuerName", "ServiceName", "ServiceCategory",
            "ResourceId", "ResourceName", "ResourceType", "RegionId", "RegionName", "AvailabilityZone",
            "SubAccountId", "SubAccountName", "SkuId", "PricingQuantity", "PricingUnit",
            "ConsumedQuantity", "ConsumedUnit", "CommitmentDiscountId", "Tags");

    private static final ObjectMapper JSON = new ObjectMapper();

    private FocusCsvWriter() {
    }

    /** Writes to {@code file}, gzipped when its name ends in {@code .gz}; replaces an existing file. */
    public static void write(Iterable<CostLineItem> items, Path file) throws IOException {
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        try (OutputStream out = Files.newOutputStream(file)) {
            write(items.iterator(), out, gzip);
        }
    }

    /** Writes to {@code out} (left open), gzipped if asked. */
    public static void write(Stream<CostLineItem> items, OutputStream out, boolean gzip) throws IOException {
        write(items.iterator(), out, gzip);
    }

    /** Writes to {@code out} (left open), gzipped if asked. */
    public static void write(Iterable<CostLineItem> items, OutputStream out, boolean gzip) throws IOException {
        write(items.iterator(), out, gzip);
    }

    /** Writes header and rows to {@code out} and flushes it; does not close it. */
    public static void write(Iterator<CostLineItem> items, Writer out) throws IOException {
        StringBuilder line = new StringBuilder(512);
        for (int i = 0; i < HEADERS.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(HEADERS.get(i));
        }
        out.write(line.append('\n').toString());
        while (items.hasNext()) {
            line.setLength(0);
            appendRow(line, items.next());
            out.write(line.toString());
        }
        out.flush();
    }

    private static void write(Iterator<CostLineItem> items, OutputStream out, boolean gzip) throws IOException {
        if (gzip) {
            GZIPOutputStream zip = new GZIPOutputStream(nonClosing(out), 64 * 1024);
            try (Writer w = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8), 64 * 1024)) {
                write(items, w);
            }
        } else {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            write(items, w);
        }
    }

    /** Lets the gzip stream finish (it must be closed to write its trailer) without closing the caller's stream. */
    private static OutputStream nonClosing(OutputStream out) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }

    private static void appendRow(StringBuilder b, CostLineItem r) {
        field(b, r.billingAccountId()).append(',');
        field(b, r.billingAccountName()).append(',');
        field(b, r.billingPeriodStart()).append(',');
        field(b, r.billingPeriodEnd()).append(',');
        field(b, r.chargePeriodStart()).append(',');
        field(b, r.chargePeriodEnd()).append(',');
        field(b, r.chargeCategory().focusValue()).append(',');
        field(b, r.chargeClass()).append(',');
        field(b, r.chargeDescription()).append(',');
        field(b, r.billedCost()).append(',');
        field(b, r.effectiveCost()).append(',');
        field(b, r.listCost()).append(',');
        field(b, r.contractedCost()).append(',');
        field(b, r.billingCurrency().getCurrencyCode()).append(',');
        field(b, r.providerName()).append(',');
        field(b, r.publisherName()).append(',');
        field(b, r.invoiceIssuerName()).append(',');
        field(b, r.serviceName()).append(',');
        field(b, r.serviceCategory()).append(',');
        field(b, r.resourceId()).append(',');
        field(b, r.resourceName()).append(',');
        field(b, r.resourceType()).append(',');
        field(b, r.regionId()).append(',');
        field(b, r.regionName()).append(',');
        field(b, r.availabilityZone()).append(',');
        field(b, r.subAccountId()).append(',');
        field(b, r.subAccountName()).append(',');
        field(b, r.skuId()).append(',');
        field(b, r.pricingQuantity()).append(',');
        field(b, r.pricingUnit()).append(',');
        field(b, r.consumedQuantity()).append(',');
        field(b, r.consumedUnit()).append(',');
        field(b, r.commitmentDiscountId()).append(',');
        field(b, tagsJson(r.tags())).append('\n');
    }

    private static String tagsJson(Map<String, String> tags) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(tags));
        } catch (JsonProcessingException e) {
            // a map of strings always serializes; reaching this is a bug, not bad input
            throw new UncheckedIOException(e);
        }
    }

    private static StringBuilder field(StringBuilder b, Instant value) {
        return value == null ? b : b.append(value.toString());
    }

    private static StringBuilder field(StringBuilder b, BigDecimal value) {
        return value == null ? b : b.append(value.toPlainString());
    }

    private static StringBuilder field(StringBuilder b, String value) {
        if (value == null || value.isEmpty()) {
            return b;
        }
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            return b.append(value);
        }
        b.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                b.append('"');
            }
            b.append(c);
        }
        return b.append('"');
    }
}
