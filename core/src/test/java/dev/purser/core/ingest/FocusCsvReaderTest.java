package dev.purser.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.ChargeCategory;
import dev.purser.core.model.CostLineItem;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FocusCsvReaderTest {

    @TempDir
    Path dir;

    private static List<CostLineItem> readAll(Path file, boolean lenient) {
        List<CostLineItem> rows = new ArrayList<>();
        try (FocusCsvReader reader = FocusCsvReader.open(file, lenient)) {
            while (reader.next()) {
                rows.add(reader.row());
            }
        }
        return rows;
    }

    private static PurserException failure(Path file) {
        try (FocusCsvReader reader = FocusCsvReader.open(file, false)) {
            while (reader.next()) {
                reader.row();
            }
        } catch (PurserException e) {
            return e;
        }
        throw new AssertionError("expected " + file.getFileName() + " to be rejected");
    }

    @Test
    void read_demoFixture_readsEveryColumnAndQuotedFields() {
        Path file = FocusFixtures.resource("demo-small.csv", dir);
        List<CostLineItem> rows = readAll(file, false);

        assertThat(rows).hasSize(7);
        CostLineItem first = rows.get(0);
        assertThat(first.billingAccountId()).isEqualTo("team-7f3a");
        assertThat(first.billingAccountName()).isEqualTo("mandible");
        assertThat(first.chargeDescription()).isEqualTo("Droplet api-1 (s-2vcpu-4gb, nyc3)");
        assertThat(first.billedCost()).isEqualByComparingTo("1.2345");
        assertThat(first.listCost()).isEqualByComparingTo("1.50");
        assertThat(first.chargePeriodStart()).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
        assertThat(first.pricingQuantity()).isEqualByComparingTo("24");
        assertThat(first.tags()).containsExactlyInAnyOrderEntriesOf(Map.of("env", "prod", "team", "api"));
        assertThat(rows.get(1).chargeDescription()).isEqualTo("Managed PostgreSQL \"mandible-prod\", 2 nodes");
        assertThat(rows.get(1).contractedCost()).isNull();
        assertThat(rows.get(4).chargeDescription()).isEqualTo("Droplet worker-1\nsecond line of the description");
        CostLineItem credit = rows.get(5);
        assertThat(credit.chargeCategory()).isEqualTo(ChargeCategory.CREDIT);
        assertThat(credit.billedCost()).isEqualByComparingTo("-2.5");
        assertThat(credit.resourceId()).isNull();
        assertThat(credit.tags()).isEmpty();
        assertThat(rows.get(6).serviceName()).isNull();
    }

    @Test
    void line_afterMultiLineField_isThePhysicalLine() {
        Path file = FocusFixtures.resource("demo-small.csv", dir);
        List<Long> lines = new ArrayList<>();
        try (FocusCsvReader reader = FocusCsvReader.open(file, false)) {
            while (reader.next()) {
                lines.add(reader.line());
            }
        }
        assertThat(lines).containsExactly(2L, 3L, 4L, 5L, 6L, 8L, 9L);
    }

    @Test
    void read_gzipWithoutGzName_isDetectedByMagicBytes() throws IOException {
        Path plain = FocusFixtures.resource("demo-small.csv", dir);
        Path gz = dir.resolve("export.csv");
        Files.delete(plain);
        FocusFixtures.demo().row().row("BilledCost", "2.50").writeGzip(gz);

        try (FocusCsvReader reader = FocusCsvReader.open(gz, false)) {
            assertThat(reader.gzip()).isTrue();
            int n = 0;
            while (reader.next()) {
                n++;
            }
            assertThat(n).isEqualTo(2);
            assertThat(reader.sha256()).hasSize(64);
        }
    }

    @Test
    void read_reorderedLowerCaseColumns_mapsByNameAndKeepsUnknownColumnsAsExtras() {
        List<String> headers = new ArrayList<>(FocusFixtures.DEMO_HEADERS);
        java.util.Collections.reverse(headers);
        headers.replaceAll(h -> h.equals("BilledCost") ? "billedcost" : h.equals("Tags") ? "TAGS" : h);
        headers.add(3, "x_Operation");
        Path file = FocusFixtures.withHeaders(headers)
                .row("billedcost", "3.25", "TAGS", "{\"env\":\"dev\"}", "x_Operation", "RunInstances")
                .write(dir.resolve("reordered.csv"));

        CostLineItem row = readAll(file, false).get(0);

        assertThat(row.billedCost()).isEqualByComparingTo("3.25");
        assertThat(row.tags()).containsEntry("env", "dev");
        assertThat(row.serviceName()).isEqualTo("Droplets");
        assertThat(row.extras()).containsExactly(Map.entry("x_Operation", "RunInstances"));
    }

    @Test
    void read_crlfAndBom_readLikeLf() {
        Path file = FocusFixtures.demo().bom().crlf()
                .row("ChargeDescription", "two\r\nlines")
                .row("BilledCost", "4.00")
                .write(dir.resolve("windows.csv"));
        List<Long> lines = new ArrayList<>();
        List<CostLineItem> rows = new ArrayList<>();
        try (FocusCsvReader reader = FocusCsvReader.open(file, false)) {
            while (reader.next()) {
                rows.add(reader.row());
                lines.add(reader.line());
            }
        }
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).billingAccountId()).isEqualTo("acct-1");
        assertThat(rows.get(0).chargeDescription()).isEqualTo("two\r\nlines");
        assertThat(rows.get(1).billedCost()).isEqualByComparingTo("4.00");
        assertThat(rows.get(1).tags()).containsEntry("env", "prod");
        assertThat(lines).containsExactly(2L, 4L);
    }

    @Test
    void read_emptyOptionalFields_becomeNull() {
        Path file = FocusFixtures.demo()
                .row("ListCost", "", "ServiceName", "", "Tags", "", "BillingAccountName", "", "PricingQuantity", "")
                .write(dir.resolve("sparse.csv"));
        CostLineItem row = readAll(file, false).get(0);
        assertThat(row.listCost()).isNull();
        assertThat(row.serviceName()).isNull();
        assertThat(row.billingAccountName()).isNull();
        assertThat(row.pricingQuantity()).isNull();
        assertThat(row.tags()).isEmpty();
    }

    @Test
    void read_tolerableDeviations_areReadAndCounted() {
        Path file = FocusFixtures.resource("tolerant.csv", dir);
        List<String> tolerated;
        List<CostLineItem> rows = new ArrayList<>();
        try (FocusCsvReader reader = FocusCsvReader.open(file, false)) {
            while (reader.next()) {
                rows.add(reader.row());
            }
            tolerated = reader.tolerated();
        }
        assertThat(rows).hasSize(2);
        CostLineItem first = rows.get(0);
        assertThat(first.chargeCategory()).isEqualTo(ChargeCategory.USAGE);
        assertThat(first.billingCurrency().getCurrencyCode()).isEqualTo("USD");
        assertThat(first.effectiveCost()).isEqualByComparingTo("10.00");
        assertThat(first.chargePeriodStart()).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
        assertThat(first.billingPeriodEnd()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(first.regionId()).isNull();
        assertThat(first.extras()).containsEntry("x_Operation", "RunInstances");
        assertThat(rows.get(1).chargeCategory()).isEqualTo(ChargeCategory.TAX);
        assertThat(rows.get(1).serviceName()).isNull();
        assertThat(tolerated).containsExactlyInAnyOrder(
                "4 timestamps without a zone read as UTC",
                "4 date-only timestamps read as midnight UTC",
                "3 literal NULL values read as empty",
                "2 ChargeCategory values not in FOCUS case read case-insensitively",
                "1 currency codes in lower case read as upper case",
                "2 rows without an EffectiveCost column given their BilledCost as EffectiveCost");
    }

    @Test
    void read_offsetsAndFractions_areExactInstants() {
        Path file = FocusFixtures.demo()
                .row("ChargePeriodStart", "2026-10-05T02:00:00+02:00", "ChargePeriodEnd", "2026-10-05T01:30:00.5Z")
                .write(dir.resolve("offsets.csv"));
        CostLineItem row = readAll(file, false).get(0);
        assertThat(row.chargePeriodStart()).isEqualTo(Instant.parse("2026-10-05T00:00:00Z"));
        assertThat(row.chargePeriodEnd()).isEqualTo(Instant.parse("2026-10-05T01:30:00.5Z"));
    }

    @Test
    void read_malformedDate_namesFileLineAndColumn() {
        Path file = FocusFixtures.demo().row().row().row("ChargePeriodStart", "2026-13-45T00:00:00Z")
                .write(dir.resolve("bad-date.csv"));
        PurserException e = failure(file);
        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_FILE);
        assertThat(e.getMessage()).startsWith("bad-date.csv:4: ChargePeriodStart: ").contains("'2026-13-45T00:00:00Z'");
    }

    @Test
    void read_malformedValues_eachNameTheirColumn() {
        assertRejected(new String[] {"BilledCost", "12,50"}, "BilledCost: '12,50' is not a number");
        assertRejected(new String[] {"ChargeCategory", "Fee"}, "ChargeCategory: 'Fee' is not a FOCUS charge category");
        assertRejected(new String[] {"BillingCurrency", "DOLLARS"}, "BillingCurrency: 'DOLLARS' is not an ISO 4217");
        assertRejected(new String[] {"BillingCurrency", "XQZ"}, "BillingCurrency: 'XQZ'");
        assertRejected(new String[] {"Tags", "env=prod"}, "Tags: 'env=prod' is not JSON");
        assertRejected(new String[] {"Tags", "[1,2]"}, "Tags: '[1,2]' is not a JSON object");
        assertRejected(new String[] {"BillingAccountId", ""}, "BillingAccountId: a value is required");
        assertRejected(new String[] {"EffectiveCost", "NULL"}, "EffectiveCost: a value is required but the cell is 'NULL'");
        assertRejected(new String[] {"ChargePeriodEnd", "2026-10-04T00:00:00Z"},
                "ChargePeriodEnd: '2026-10-04T00:00:00Z' is before ChargePeriodStart '2026-10-05T00:00:00Z'");
    }

    private void assertRejected(String[] override, String expected) {
        Path file = FocusFixtures.demo().row().row(override).write(dir.resolve("bad.csv"));
        PurserException e = failure(file);
        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_FILE);
        assertThat(e.getMessage()).startsWith("bad.csv:3: " + expected);
    }

    @Test
    void read_wrongFieldCount_isMalformed() throws IOException {
        Path file = FocusFixtures.demo().row().write(dir.resolve("short.csv"));
        Files.writeString(file, "acct-1,mandible,2026-10-01T00:00:00Z\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(failure(file).getMessage()).isEqualTo("short.csv:3: the row has 3 fields but the header has 34");
    }

    @Test
    void read_unclosedQuote_namesTheLineItStarts() throws IOException {
        Path file = FocusFixtures.demo().row().write(dir.resolve("quote.csv"));
        Files.writeString(file, "acct-1,\"mandible\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(failure(file).getMessage()).startsWith("quote.csv:3: a quoted field starting on line 3 is never closed");
    }

    @Test
    void read_lenient_skipsAndListsBadRows() {
        Path file = FocusFixtures.demo()
                .row()
                .row("BilledCost", "abc")
                .row("BilledCost", "2.00")
                .row("ChargeCategory", "Refund")
                .write(dir.resolve("mixed.csv"));
        try (FocusCsvReader reader = FocusCsvReader.open(file, true)) {
            List<BigDecimal> billed = new ArrayList<>();
            while (reader.next()) {
                billed.add(reader.row().billedCost());
            }
            assertThat(billed).extracting(BigDecimal::toPlainString).containsExactly("1.00", "2.00");
            assertThat(reader.skippedRows()).isEqualTo(2);
            assertThat(reader.skipped()).hasSize(2);
            assertThat(reader.skipped().get(0)).startsWith("mixed.csv:3: BilledCost: 'abc'");
            assertThat(reader.skipped().get(1)).startsWith("mixed.csv:5: ChargeCategory: 'Refund'");
        }
    }

    @Test
    void open_emptyFile_saysEmpty() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.csv"));
        assertThatThrownBy(() -> FocusCsvReader.open(file, false))
                .isInstanceOfSatisfying(PurserException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_FILE))
                .hasMessage("empty.csv: the file is empty");
    }

    @Test
    void open_corruptGzip_saysSo() throws IOException {
        Path good = FocusFixtures.demo().row().row().row().writeGzip(dir.resolve("good.csv.gz"));
        byte[] bytes = Files.readAllBytes(good);
        byte[] broken = Arrays.copyOf(bytes, bytes.length);
        for (int i = 12; i < broken.length - 8; i++) {
            broken[i] = (byte) (broken[i] ^ 0x5a);
        }
        Path corrupt = Files.write(dir.resolve("corrupt.csv.gz"), broken);
        PurserException e = failure(corrupt);
        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_FILE);
        assertThat(e.getMessage()).startsWith("corrupt.csv.gz: the gzip data is corrupt or truncated");

        Path truncated = Files.write(dir.resolve("truncated.csv.gz"), Arrays.copyOf(bytes, 5));
        assertThat(failure(truncated).getMessage()).startsWith("truncated.csv.gz: ");
    }

    @Test
    void open_curHeader_pointsToImportCur() {
        Path file = FocusFixtures.resource("cur-header.csv", dir);
        assertThatThrownBy(() -> FocusCsvReader.open(file, false))
                .hasMessageContaining("cur-header.csv: this looks like an AWS CUR file")
                .hasMessageContaining("use `import cur`");
    }

    @Test
    void open_doInvoiceHeader_pointsToImportDoInvoice() throws IOException {
        Path file = Files.writeString(dir.resolve("invoice.csv"),
                "product,group_description,description,hours,start,end,USD,project_name,category\n");
        assertThatThrownBy(() -> FocusCsvReader.open(file, false)).hasMessageContaining("DigitalOcean invoice");
    }

    @Test
    void open_missingRequiredColumns_namesThem() throws IOException {
        Path file = Files.writeString(dir.resolve("partial.csv"),
                "BillingAccountId,ChargePeriodStart,ChargePeriodEnd,BilledCost\nA,2026-10-01,2026-10-02,1\n");
        assertThatThrownBy(() -> FocusCsvReader.open(file, false)).hasMessage("partial.csv: missing required FOCUS "
                + "columns BillingPeriodStart, BillingPeriodEnd, ChargeCategory, BillingCurrency");
    }

    @Test
    void open_notACsv_saysSo() throws IOException {
        Path json = Files.writeString(dir.resolve("costs.json"), "{\"costs\": [1, 2, 3]}\n");
        assertThatThrownBy(() -> FocusCsvReader.open(json, false)).hasMessageStartingWith("costs.json: no FOCUS columns");
        Path binary = Files.write(dir.resolve("image.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, (byte) 0xff, (byte) 0xfe});
        assertThatThrownBy(() -> FocusCsvReader.open(binary, false)).hasMessageStartingWith("image.png: this is not a CSV text file");
        Path zip = Files.write(dir.resolve("export.zip"), new byte[] {'P', 'K', 3, 4, 0, 0});
        assertThatThrownBy(() -> FocusCsvReader.open(zip, false)).hasMessageContaining("zip archive");
    }

    @Test
    void open_missingFile_isFileNotFound() {
        assertThatThrownBy(() -> FocusCsvReader.open(dir.resolve("nope.csv"), false))
                .isInstanceOfSatisfying(PurserException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND));
    }

    @Test
    void sha256_isTheHashOfTheFileBytes() throws Exception {
        Path file = FocusFixtures.resource("demo-small.csv", dir);
        String expected = java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        try (FocusCsvReader reader = FocusCsvReader.open(file, false)) {
            while (reader.next()) {
                reader.row();
            }
            assertThat(reader.sha256()).isEqualTo(expected);
        }
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).startsWith("BillingAccountId");
    }
}
