package dev.purser.core.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.purser.core.model.ChargeCategory;
import dev.purser.core.model.CostLineItem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FocusCsvWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void headers_exactlyTheAgreedColumnsInOrder() throws IOException {
        String csv = plain(List.of());
        assertThat(csv).isEqualTo("BillingAccountId,BillingAccountName,BillingPeriodStart,BillingPeriodEnd,"
                + "ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ChargeClass,ChargeDescription,BilledCost,"
                + "EffectiveCost,ListCost,ContractedCost,BillingCurrency,ProviderName,PublisherName,"
                + "InvoiceIssuerName,ServiceName,ServiceCategory,ResourceId,ResourceName,ResourceType,RegionId,"
                + "RegionName,AvailabilityZone,SubAccountId,SubAccountName,SkuId,PricingQuantity,PricingUnit,"
                + "ConsumedQuantity,ConsumedUnit,CommitmentDiscountId,Tags\n");
    }

    @Test
    void write_scenarioGzipped_roundTripsRowsAndExactSumsPerService(@TempDir Path dir) throws IOException {
        for (Scenario s : DemoScenarios.generate(LocalDate.of(2026, 11, 22))) {
            Path file = dir.resolve(s.name() + ".focus.csv.gz");
            FocusCsvWriter.write(s.lineItems(), file);
            List<List<String>> rows;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                rows = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            List<String> header = rows.get(0);
            assertThat(header).isEqualTo(FocusCsvWriter.HEADERS);
            List<List<String>> body = rows.subList(1, rows.size());
            assertThat(body).hasSize(s.lineItems().size());

            int service = header.indexOf("ServiceName");
            int billed = header.indexOf("BilledCost");
            Map<String, BigDecimal> read = new TreeMap<>();
            for (List<String> r : body) {
                assertThat(r).hasSize(header.size());
                read.merge(r.get(service), new BigDecimal(r.get(billed)), BigDecimal::add);
            }
            Map<String, BigDecimal> generated = new TreeMap<>();
            s.lineItems().forEach(i -> generated.merge(i.serviceName(), i.billedCost(), BigDecimal::add));
            assertThat(read.keySet()).isEqualTo(generated.keySet());
            generated.forEach((k, v) -> assertThat(read.get(k)).as(k).isEqualByComparingTo(v));
            System.out.println(s.name() + ": " + body.size() + " rows, BilledCost by service " + read);

            // a sample row, field by field
            CostLineItem first = s.lineItems().get(0);
            List<String> row = body.get(0);
            assertThat(row.get(header.indexOf("ChargePeriodStart"))).isEqualTo(first.chargePeriodStart().toString())
                    .endsWith("T00:00:00Z");
            assertThat(row.get(header.indexOf("ChargeCategory"))).isEqualTo(first.chargeCategory().focusValue());
            assertThat(JSON.readValue(row.get(header.indexOf("Tags")), new TypeReference<Map<String, String>>() {
            })).isEqualTo(first.tags());
        }
    }

    @Test
    void write_awkwardText_quotedPerRfc4180AndNullsEmpty() throws IOException {
        CostLineItem item = item("say \"hi\", then\nleave", Map.of("team", "a,b", "env", "prod"));
        List<List<String>> rows = parse(plain(List.of(item)));
        List<String> row = rows.get(1);
        assertThat(row.get(FocusCsvWriter.HEADERS.indexOf("ChargeDescription"))).isEqualTo("say \"hi\", then\nleave");
        assertThat(row.get(FocusCsvWriter.HEADERS.indexOf("ChargeClass"))).isEmpty();
        assertThat(row.get(FocusCsvWriter.HEADERS.indexOf("ListCost"))).isEmpty();
        assertThat(row.get(FocusCsvWriter.HEADERS.indexOf("BilledCost"))).isEqualTo("0.0000001");
        assertThat(row.get(FocusCsvWriter.HEADERS.indexOf("Tags"))).isEqualTo("{\"env\":\"prod\",\"team\":\"a,b\"}");
    }

    @Test
    void write_toStream_leavesItOpenAndGzipIsTimestampFree() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FocusCsvWriter.write(List.of(item("x", Map.of())), out, true);
        byte[] gz = out.toByteArray();
        assertThat(gz[4] | gz[5] | gz[6] | gz[7]).as("gzip MTIME").isZero();
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            assertThat(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8))).hasSize(2);
        }
        out.write('!'); // still open
        assertThat(out.size()).isEqualTo(gz.length + 1);
    }

    private static CostLineItem item(String description, Map<String, String> tags) {
        Instant day = Instant.parse("2026-11-01T00:00:00Z");
        return new CostLineItem("acct", null, day, Instant.parse("2026-12-01T00:00:00Z"), day,
                Instant.parse("2026-11-02T00:00:00Z"), ChargeCategory.USAGE, null, description,
                new BigDecimal("1E-7"), new BigDecimal("1E-7"), null, null, Currency.getInstance("USD"),
                "P", null, null, "S", "Other", null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, tags, null);
    }

    private static String plain(List<CostLineItem> items) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FocusCsvWriter.write(items, out, false);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A small RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        assertThat(field).isEmpty();
        assertThat(row).isEmpty();
        return rows;
    }
}
