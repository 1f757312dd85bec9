package dev.purser.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.store.JdbcCostSink;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoInvoiceImporterTest {

    static final String NAME = "DigitalOcean Invoice 2026 Oct (6173678-418071234).csv";
    static final String CSV = String.join("\r\n",
            "product,group_description,description,hours,start,end,USD,project_name,category",
            "Droplets,mandible-api,\"mandible-api (s-2vcpu-4gb, nyc3)\",744,2026-10-01 00:00:00 +0000,2026-10-31 23:59:59 +0000,$24.00,mandible,iaas",
            "Managed Databases,mandible-prod,\"mandible-prod (db-s-2vcpu-4gb, 2 nodes)\",744,2026-10-01 00:00:00 +0000,2026-10-31 23:59:59 +0000,\"$1,120.50\",mandible,dbaas",
            "Spaces Subscription,,Spaces (250 GiB),,2026-10-01 00:00:00 +0000,2026-10-31 23:59:59 +0000,$5.00,,iaas",
            "Credits,,\"Promo credit \"\"WELCOME\"\"\",,2026-10-01 00:00:00 +0000,2026-10-31 23:59:59 +0000,-$10.00,,iaas",
            "Taxes,,STATE SALES TAX (6.25%),,2026-10-01 00:00:00 +0000,2026-10-31 23:59:59 +0000,$0.31,,iaas",
            "");

    @TempDir
    Path dir;

    private static PurserDatabase db;
    private static StoreProbe store;
    private DoInvoiceImporter importer;

    @BeforeAll
    static void openDatabase() {
        db = TestDatabase.fresh();
        store = new StoreProbe(db.dataSource());
    }

    @AfterAll
    static void closeDatabase() {
        db.close();
    }

    @BeforeEach
    void setUp() {
        store.clear();
        importer = new DoInvoiceImporter(new JdbcCostSink(db.dataSource()), Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void importFile_nameAsDigitalOceanServesIt_landsUnderCustomerAndMonth() throws IOException {
        ImportResult result = importer.importFile(write(NAME, CSV), ImportOptions.STRICT);

        assertThat(importer.kind()).isEqualTo("do-invoice");
        assertThat(result.rows()).isEqualTo(5);
        assertThat(result.billedTotals()).containsExactly(Map.entry(Currency.getInstance("USD"), new BigDecimal("1139.81")));
        assertThat(result.billingAccounts()).containsExactly("6173678");
        assertThat(result.billingPeriods()).containsExactly(YearMonth.of(2026, 10));
        assertThat(result.firstChargeDay()).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(result.sha256()).hasSize(64);
        assertThat(store.decimal("SELECT sum(billed_cost) FROM cost_line_item WHERE source = 'do-invoice'"
                + " AND billing_account_id = '6173678'")).isEqualByComparingTo("1139.81");
        assertThat(store.decimal("SELECT billed_cost FROM cost_line_item WHERE charge_category = 'Credit'"))
                .isEqualByComparingTo("-10.00");
        assertThat(store.count("SELECT count(*) FROM cost_line_item WHERE extras->>'invoice_id' = '418071234'"))
                .isEqualTo(5);
        assertThat(store.decimal("SELECT sum(billed) FROM cost_daily")).isEqualByComparingTo("1139.81");
    }

    @Test
    void importFile_sameFileTwice_replacesAndChangesNothing() throws IOException {
        Path file = write(NAME, CSV);
        importer.importFile(file, ImportOptions.STRICT);
        Map<String, BigDecimal> before = store.lineItemTotalsByService("do-invoice");

        ImportResult again = importer.importFile(file, ImportOptions.STRICT);

        assertThat(again.replacedRows()).isEqualTo(5);
        assertThat(store.lineItemTotalsByService("do-invoice")).isEqualTo(before);
        assertThat(store.dailyTotalsByService("do-invoice")).isEqualTo(before);
        assertThat(store.count("SELECT count(*) FROM cost_line_item")).isEqualTo(5);
    }

    @Test
    void importFile_gzip_readsTheSameRows() throws IOException {
        Path file = dir.resolve(NAME + ".gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(CSV.getBytes(StandardCharsets.UTF_8));
        }

        ImportResult result = importer.importFile(file, ImportOptions.STRICT);

        assertThat(result.rows()).isEqualTo(5);
        assertThat(result.billingAccounts()).containsExactly("6173678");
    }

    @Test
    void importFile_malformedRow_landsNothing() throws IOException {
        Path file = write(NAME, CSV.replace("$5.00", "five dollars"));

        assertThatThrownBy(() -> importer.importFile(file, ImportOptions.STRICT))
                .isInstanceOfSatisfying(PurserException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_FILE);
                    assertThat(e.getMessage()).startsWith(NAME + ":4: USD: 'five dollars'");
                });
        assertThat(store.snapshot()).containsEntry("cost_line_item", "0:").containsEntry("cost_import", "0:");
    }

    @Test
    void importFile_malformedRowLenient_skipsAndListsIt() throws IOException {
        Path file = write(NAME, CSV.replace("$5.00", "five dollars"));

        ImportResult result = importer.importFile(file, new ImportOptions(true));

        assertThat(result.rows()).isEqualTo(4);
        assertThat(result.skipped()).singleElement().asString().startsWith(NAME + ":4: USD:");
        assertThat(store.count("SELECT skipped_rows FROM cost_import")).isEqualTo(1);
    }

    @Test
    void importFile_nameWithoutCustomer_refusedSayingHowToNameIt() throws IOException {
        Path file = write("october.csv", CSV);

        assertThatThrownBy(() -> importer.importFile(file, ImportOptions.STRICT))
                .isInstanceOfSatisfying(PurserException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
                    assertThat(e.getMessage()).contains("october.csv", DoInvoiceImporter.EXAMPLE_NAME, "--account");
                });
        assertThat(store.count("SELECT count(*) FROM cost_import")).isZero();
    }

    @Test
    void importFile_accountGivenMonthFromRows_lands() throws IOException {
        ImportResult result = importer.importFile(write("october.csv", CSV), new ImportOptions(false, "team-42", null));

        assertThat(result.billingAccounts()).containsExactly("team-42");
        assertThat(result.billingPeriods()).containsExactly(YearMonth.of(2026, 10));
    }

    @Test
    void importFile_rowsInTwoMonthsAndNoMonth_refusedAskingForMonth() throws IOException {
        Path file = write("mixed.csv", CSV.replace("Spaces (250 GiB),,2026-10-01", "Spaces (250 GiB),,2026-09-01"));

        assertThatThrownBy(() -> importer.importFile(file, new ImportOptions(false, "team-42", null)))
                .isInstanceOfSatisfying(PurserException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
                    assertThat(e.getMessage()).contains("2 different months", "--month");
                });
        ImportResult given = importer.importFile(file, new ImportOptions(false, "team-42", YearMonth.of(2026, 10)));
        assertThat(given.billingPeriods()).containsExactly(YearMonth.of(2026, 10));
    }

    @Test
    void parseName_variants() {
        assertThat(DoInvoiceImporter.parseName(NAME)).hasValueSatisfying(p -> {
            assertThat(p.month()).isEqualTo(YearMonth.of(2026, 10));
            assertThat(p.customer()).isEqualTo("6173678");
            assertThat(p.invoice()).isEqualTo("418071234");
        });
        assertThat(DoInvoiceImporter.parseName("DigitalOcean_Invoice_2020_July_(1-2) (1).csv"))
                .hasValueSatisfying(p -> assertThat(p.month()).isEqualTo(YearMonth.of(2020, 7)));
        assertThat(DoInvoiceImporter.parseName("DigitalOcean Invoice 2020 Jux (1-2).csv")).isEmpty();
        assertThat(DoInvoiceImporter.parseName("invoice.csv")).isEmpty();
    }
}
