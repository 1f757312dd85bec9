package dev.purser.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.ChargeCategory;
import dev.purser.core.model.CostLineItem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurCsvReaderTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final String LEGACY = "legacy-livyflow-2026-10.csv";
    private static final String CUR2 = "cur2-livyflow-2026-10.csv";

    @TempDir
    Path dir;

    @Test
    void read_legacyFile_totalsEqualTheFilesUnblendedSums() throws IOException {
        List<CostLineItem> rows = readAll(fixture(LEGACY));

        assertThat(rows).hasSize(13);
        assertSums(sumBy(rows, r -> r.billingCurrency().getCurrencyCode()), Map.of(
                "USD", "185.9224789012",
                "EUR", "8.4734567890"));
        assertSums(sumBy(rows, r -> r.billingCurrency().getCurrencyCode() + " " + r.serviceName()), Map.of(
                "USD Amazon Elastic Compute Cloud", "-23.0032000000",
                "USD Savings Plans for AWS Compute usage", "72.0000000000",
                "USD Amazon Relational Database Service", "119.0400000000",
                "USD Amazon Simple Storage Service", "-3.1000000000",
                "USD Amazon CloudFront", "12.3456789012",
                "USD AmazonEC2", "8.6400000000",
                "EUR Amazon Simple Storage Service", "7.1234567890",
                "EUR AmazonS3", "1.3500000000"));
    }

    @Test
    void read_legacyFile_mapsLineItemTypesToChargeCategories() throws IOException {
        List<CostLineItem> rows = readAll(fixture(LEGACY));

        assertThat(rows).extracting(r -> r.extras().get("x_LineItemType") + "=" + r.chargeCategory()
                        + (r.chargeClass() == null ? "" : "/" + r.chargeClass()))
                .containsExactly(
                        "Usage=USAGE", "SavingsPlanCoveredUsage=USAGE", "SavingsPlanNegation=USAGE",
                        "SavingsPlanRecurringFee=PURCHASE", "DiscountedUsage=USAGE", "RIFee=PURCHASE",
                        "Usage=USAGE", "Usage=USAGE", "Tax=TAX", "Credit=CREDIT", "Refund=CREDIT/Correction",
                        "Usage=USAGE", "Tax=TAX");
        assertThat(rows.get(9).billedCost()).isNegative();
    }

    @Test
    void read_legacyFile_effectiveCostIsAmortized() throws IOException {
        List<CostLineItem> rows = readAll(fixture(LEGACY));

        assertThat(rows).extracting(r -> r.effectiveCost().stripTrailingZeros().toPlainString())
                .containsExactly(
                        "1.9968",   // Usage: unblended
                        "2.9952",   // SP covered: SavingsPlanEffectiveCost
                        "0",        // SP negation: nothing
                        "11.5",     // SP recurring fee: unused commitment 72 - 60.5
                        "3.84",     // RI discounted usage: reservation/EffectiveCost
                        "4.32",     // RIFee: unused upfront 0 + unused recurring 4.32
                        "0",        // free tier
                        "12.3456789012",
                        "8.64", "-25", "-3.1", "7.123456789", "1.35");
        assertThat(rows.get(1).commitmentDiscountId()).isEqualTo("arn:aws:savingsplans::111111111111:savingsplan/sp-0a1b2c");
        assertThat(rows.get(4).listCost()).isEqualByComparingTo("6.24");
    }

    @Test
    void read_legacyFile_mapsAccountsPeriodsServiceRegionAndTags() throws IOException {
        List<CostLineItem> rows = readAll(fixture(LEGACY));
        CostLineItem first = rows.get(0);

        assertThat(first.billingAccountId()).isEqualTo("111111111111");
        assertThat(first.subAccountId()).isEqualTo("333333333333");
        assertThat(first.billingPeriodStart()).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
        assertThat(first.billingPeriodEnd()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(first.chargePeriodStart()).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
        assertThat(first.chargePeriodEnd()).isEqualTo(Instant.parse("2026-10-02T00:00:00Z"));
        assertThat(first.providerName()).isEqualTo("AWS");
        assertThat(first.invoiceIssuerName()).isEqualTo("AWS");
        assertThat(first.serviceName()).isEqualTo("Amazon Elastic Compute Cloud");
        assertThat(first.serviceCategory()).isEqualTo("Compute");
        assertThat(first.regionId()).isEqualTo("us-east-1");
        assertThat(first.regionName()).isEqualTo("US East (N. Virginia)");
        assertThat(first.availabilityZone()).isEqualTo("us-east-1a");
        assertThat(first.resourceId()).isEqualTo("i-0abc0000000000001");
        assertThat(first.skuId()).isEqualTo("SKU-T3L");
        assertThat(first.consumedQuantity()).isEqualByComparingTo("24");
        assertThat(first.pricingUnit()).isEqualTo("Hrs");
        assertThat(first.listCost()).isEqualByComparingTo("1.9968");
        assertThat(first.tags()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "env", "prod", "team", "api", "aws:createdBy", "IAMUser:AIDA:deploy"));
        assertThat(first.chargeDescription()).isEqualTo("$0.0832 per On Demand Linux, t3.large Instance Hour");
        assertThat(rows.get(7).chargeDescription()).isEqualTo("Data transfer \"out\", edge\nlocation US");
        assertThat(rows.get(8).serviceName()).as("tax rows have no product name").isEqualTo("AmazonEC2");
        assertThat(rows.get(11).billingAccountId()).isEqualTo("222222222222");
        assertThat(rows.get(11).billingCurrency()).isEqualTo(EUR);
    }

    @Test
    void read_gzipFile_readsTheSameRowsAsPlain() throws IOException {
        Path plain = fixture(LEGACY);
        Path gz = dir.resolve("legacy.csv.data");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(plain));
        }

        try (CurCsvReader reader = CurCsvReader.open(gz, false)) {
            List<CostLineItem> rows = drain(reader);
            assertThat(reader.gzip()).isTrue();
            assertThat(rows).isEqualTo(readAll(plain));
            assertThat(reader.sha256()).hasSize(64);
        }
    }

    @Test
    void read_cur2File_mapsJsonMapsAndTotals() throws IOException {
        List<CostLineItem> rows;
        try (CurCsvReader reader = CurCsvReader.open(fixture(CUR2), false)) {
            assertThat(reader.format()).isEqualTo(CurFormat.CUR2);
            assertThat(reader.source()).isEqualTo("cur");
            rows = drain(reader);
            assertThat(reader.tolerated()).containsExactly("2 timestamps without a zone read as UTC");
        }

        assertThat(rows).hasSize(8);
        assertSums(sumBy(rows, r -> r.billingCurrency().getCurrencyCode()), Map.of("USD", "3.2020000000"));
        assertSums(sumBy(rows, CostLineItem::serviceName), Map.of(
                "Amazon Elastic Compute Cloud", "1.6320000000",
                "Amazon Elastic Container Service for Kubernetes", "0.9000000000",
                "Amazon Simple Storage Service", "-0.2500000000",
                "AmazonEC2", "0.9200000000"));
        CostLineItem first = rows.get(0);
        assertThat(first.billingAccountName()).isEqualTo("livyflow-payer");
        assertThat(first.subAccountName()).isEqualTo("livyflow-prod");
        assertThat(first.invoiceIssuerName()).isEqualTo("Amazon Web Services, Inc.");
        assertThat(first.tags()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "env", "prod", "team", "api", "aws_created_by", "deploy"));
        assertThat(rows.get(1).effectiveCost()).isEqualByComparingTo("2.4024");
        assertThat(rows.get(2).effectiveCost()).isZero();
        assertThat(rows.get(3).serviceCategory()).isEqualTo("Compute");
        assertThat(rows.get(4).billedCost()).isZero();
        assertThat(rows.get(4).chargePeriodStart()).isEqualTo(Instant.parse("2026-10-05T00:00:00Z"));
        assertThat(rows.get(7).chargeCategory()).isEqualTo(ChargeCategory.CREDIT);
        assertThat(rows.get(7).chargeClass()).isEqualTo("Correction");
    }

    @Test
    void next_malformedCost_namesFileLineAndColumn() throws IOException {
        Path file = write("bad.csv", smallLegacy("1.50", "abc"));

        try (CurCsvReader reader = CurCsvReader.open(file, false)) {
            assertThat(reader.next().billedCost()).isEqualByComparingTo("1.50");
            assertThatThrownBy(reader::hasNext)
                    .isInstanceOf(PurserException.class)
                    .satisfies(e -> assertThat(((PurserException) e).code()).isEqualTo(ErrorCode.MALFORMED_FILE))
                    .hasMessage("bad.csv:3: lineItem/UnblendedCost: 'abc' is not a number"
                            + " (expected a plain decimal such as -12.345)");
        }
    }

    @Test
    void next_malformedRowInLenientMode_skipsAndListsIt() throws IOException {
        Path file = write("bad.csv", smallLegacy("1.50", "abc", "2.25"));

        try (CurCsvReader reader = CurCsvReader.open(file, true)) {
            List<CostLineItem> rows = drain(reader);
            assertThat(rows).extracting(CostLineItem::billedCost).containsExactly(new BigDecimal("1.50"), new BigDecimal("2.25"));
            assertThat(reader.skippedRows()).isEqualTo(1);
            assertThat(reader.skipped()).singleElement().asString().startsWith("bad.csv:3: lineItem/UnblendedCost: ");
        }
    }

    @Test
    void next_wrongFieldCount_saysSo() throws IOException {
        String text = smallLegacy("1.50") + "111111111111,extra\n";
        Path file = write("short.csv", text);

        try (CurCsvReader reader = CurCsvReader.open(file, false)) {
            reader.next();
            assertThatThrownBy(reader::next)
                    .hasMessage("short.csv:3: the row has 2 fields but the header has 9");
        }
    }

    @Test
    void next_unknownLineItemType_readsAsAdjustmentAndCountsIt() throws IOException {
        Path file = write("new.csv", smallLegacy("1.00").replace(",Usage,", ",SomeFutureType,"));

        try (CurCsvReader reader = CurCsvReader.open(file, false)) {
            assertThat(reader.next().chargeCategory()).isEqualTo(ChargeCategory.ADJUSTMENT);
            assertThat(reader.hasNext()).isFalse();
            assertThat(reader.tolerated()).singleElement().asString().startsWith("1 rows with a LineItemType");
        }
    }

    @Test
    void open_focusFile_saysToUseImportFocus() throws IOException {
        Path file = write("focus.csv", "BillingAccountId,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,"
                + "ChargePeriodEnd,ChargeCategory,BilledCost,EffectiveCost,BillingCurrency\n"
                + "1,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,2026-10-01T00:00:00Z,2026-10-02T00:00:00Z,Usage,1,1,USD\n");

        assertThatThrownBy(() -> CurCsvReader.open(file, false))
                .isInstanceOf(PurserException.class)
                .hasMessageContaining("focus.csv: this looks like a FOCUS file")
                .hasMessageContaining("use `import focus`")
                .satisfies(e -> assertThat(((PurserException) e).code()).isEqualTo(ErrorCode.MALFORMED_FILE));
    }

    @Test
    void open_missingRequiredColumn_namesBothSpellings() throws IOException {
        Path file = write("partial.csv", smallLegacy("1.00").replace("lineItem/CurrencyCode", "lineItem/Currency"));

        assertThatThrownBy(() -> CurCsvReader.open(file, false))
                .hasMessage("partial.csv:1: missing required CUR column lineItem/CurrencyCode"
                        + " (CUR 2.0: line_item_currency_code)");
    }

    @Test
    void open_notACur_showsTheFirstLine() throws IOException {
        Path file = write("notes.csv", "name,amount\nx,1\n");

        assertThatThrownBy(() -> CurCsvReader.open(file, false))
                .hasMessageContaining("no AWS Cost and Usage Report columns")
                .hasMessageContaining("'name,amount'");
    }

    @Test
    void open_missingFile_isFileNotFound() {
        assertThatThrownBy(() -> CurCsvReader.open(dir.resolve("nope.csv"), false))
                .satisfies(e -> assertThat(((PurserException) e).code()).isEqualTo(ErrorCode.FILE_NOT_FOUND));
    }

    @Test
    void chargeCategory_discountTypes_areCredits() {
        assertThat(CurCsvReader.chargeCategory("BundledDiscount")).isEqualTo(ChargeCategory.CREDIT);
        assertThat(CurCsvReader.chargeCategory("EdpDiscount")).isEqualTo(ChargeCategory.CREDIT);
        assertThat(CurCsvReader.chargeCategory("SavingsPlanUpfrontFee")).isEqualTo(ChargeCategory.PURCHASE);
        assertThat(CurCsvReader.chargeCategory("Nonsense")).isNull();
    }

    // ---------------------------------------------------------------------------------------

    private static String smallLegacy(String... costs) {
        StringBuilder b = new StringBuilder("bill/PayerAccountId,bill/BillingPeriodStartDate,bill/BillingPeriodEndDate,"
                + "lineItem/LineItemType,lineItem/UsageStartDate,lineItem/UsageEndDate,lineItem/UnblendedCost,"
                + "lineItem/CurrencyCode,lineItem/ProductCode\n");
        for (String cost : costs) {
            b.append("111111111111,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,Usage,2026-10-01T00:00:00Z,"
                    + "2026-10-02T00:00:00Z,").append(cost).append(",USD,AmazonEC2\n");
        }
        return b.toString();
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private Path fixture(String name) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            try (InputStream in = CurCsvReaderTest.class.getResourceAsStream("/aws/cur/" + name)) {
                assertThat(in).as("test resource /aws/cur/" + name).isNotNull();
                Files.copy(in, file);
            }
        }
        return file;
    }

    private static List<CostLineItem> readAll(Path file) {
        try (CurCsvReader reader = CurCsvReader.open(file, false)) {
            return drain(reader);
        }
    }

    private static List<CostLineItem> drain(CurCsvReader reader) {
        List<CostLineItem> rows = new ArrayList<>();
        reader.forEachRemaining(rows::add);
        return rows;
    }

    private static Map<String, BigDecimal> sumBy(List<CostLineItem> rows, Function<CostLineItem, String> key) {
        Map<String, BigDecimal> sums = new TreeMap<>();
        for (CostLineItem r : rows) {
            sums.merge(key.apply(r), r.billedCost(), BigDecimal::add);
        }
        return sums;
    }

    private static void assertSums(Map<String, BigDecimal> actual, Map<String, String> expected) {
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        // exact to the last digit the file carries, so certainly to the cent
        expected.forEach((k, v) -> assertThat(actual.get(k)).as(k).isEqualByComparingTo(v));
    }
}
