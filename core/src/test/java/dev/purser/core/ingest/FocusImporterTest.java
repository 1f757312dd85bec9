package dev.purser.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.store.JdbcCostSink;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FocusImporterTest {

    private static final Currency USD = Currency.getInstance("USD");

    @TempDir
    Path dir;

    private PurserDatabase db;
    private DataSource ds;
    private FocusImporter importer;

    @BeforeEach
    void setUp() {
        db = TestDatabase.fresh();
        ds = db.dataSource();
        importer = new FocusImporter(new JdbcCostSink(ds), Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void importFile_demoFixture_landsRowsRollupsAndExactTotals() throws SQLException {
        Path file = FocusFixtures.resource("demo-small.csv", dir);

        ImportResult result = importer.importFile(file, ImportOptions.STRICT);

        assertThat(importer.kind()).isEqualTo("focus");
        assertThat(result.rows()).isEqualTo(7);
        assertThat(result.source()).isEqualTo("focus");
        assertThat(result.fileName()).isEqualTo("demo-small.csv");
        assertThat(result.billedTotals()).containsOnlyKeys(USD);
        assertThat(result.billedTotals().get(USD)).isEqualByComparingTo("5.9500");
        assertThat(result.billingAccounts()).containsExactly("team-7f3a");
        assertThat(result.billingPeriods()).containsExactly(YearMonth.of(2026, 10));
        assertThat(result.firstChargeDay()).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(result.lastChargeDay()).isEqualTo(LocalDate.of(2026, 10, 3));
        assertThat(result.replacedRows()).isZero();
        assertThat(result.sha256()).hasSize(64);

        assertThat(scalar("SELECT count(*) FROM cost_line_item")).isEqualTo("7");
        assertThat(decimal("SELECT sum(billed_cost) FROM cost_line_item")).isEqualByComparingTo("5.95");
        assertThat(decimal("SELECT sum(billed) FROM cost_daily")).isEqualByComparingTo("5.95");
        assertThat(scalar("SELECT sum(row_count) FROM cost_daily")).isEqualTo("7");
        assertThat(scalar("SELECT tags->>'team' FROM cost_line_item WHERE resource_id = 'droplet-101' LIMIT 1")).isEqualTo("api");
        assertThat(scalar("SELECT charge_description FROM cost_line_item WHERE resource_id = 'droplet-102'"))
                .isEqualTo("Droplet worker-1\nsecond line of the description");
        assertThat(scalar("SELECT totals->>'USD' FROM cost_import")).isEqualTo("5.9500");
        assertThat(scalar("SELECT sha256 FROM cost_import")).isEqualTo(result.sha256());
        assertThat(scalar("SELECT billing_periods[1] FROM cost_import")).isEqualTo("2026-10-01");
        assertThat(scalar("SELECT count(*) FROM cost_import_coverage")).isEqualTo("1");
    }

    @Test
    void importFile_gzipCrlfBom_landsLikePlain() throws SQLException {
        Path gz = FocusFixtures.demo().bom().crlf()
                .row("BilledCost", "1.10")
                .row("BilledCost", "2.20", "ChargeDescription", "multi\r\nline, with comma")
                .writeGzip(dir.resolve("export.csv.gz"));

        ImportResult result = importer.importFile(gz, ImportOptions.STRICT);

        assertThat(result.billedTotals().get(USD)).isEqualByComparingTo("3.30");
        assertThat(scalar("SELECT count(*) FROM cost_line_item WHERE billing_account_id = 'acct-1'")).isEqualTo("2");
    }

    @Test
    void importFile_sameFileTwice_totalsUnchanged() throws SQLException {
        Path file = FocusFixtures.resource("demo-small.csv", dir);
        importer.importFile(file, ImportOptions.STRICT);

        ImportResult again = importer.importFile(file, ImportOptions.STRICT);

        assertThat(again.replacedRows()).isEqualTo(7);
        assertThat(scalar("SELECT count(*) FROM cost_line_item")).isEqualTo("7");
        assertThat(decimal("SELECT sum(billed_cost) FROM cost_line_item")).isEqualByComparingTo("5.95");
        assertThat(decimal("SELECT sum(billed) FROM cost_daily")).isEqualByComparingTo("5.95");
        assertThat(scalar("SELECT count(DISTINCT import_id) FROM cost_line_item")).isEqualTo("1");
        assertThat(scalar("SELECT min(import_id) FROM cost_line_item")).isEqualTo(String.valueOf(again.importId()));
        assertThat(scalar("SELECT import_id FROM cost_import_coverage")).isEqualTo(String.valueOf(again.importId()));
    }

    @Test
    void importFile_newerExportOfSameMonth_replacesOnlyThatIdentity() throws SQLException {
        importer.importFile(FocusFixtures.demo()
                .row("BilledCost", "1.00").row("BilledCost", "2.00").row("BilledCost", "3.00")
                .write(dir.resolve("oct-v1.csv")), ImportOptions.STRICT);
        importer.importFile(FocusFixtures.demo()
                .row("BillingAccountId", "acct-2", "BilledCost", "10.00")
                .write(dir.resolve("other-account.csv")), ImportOptions.STRICT);
        importer.importFile(FocusFixtures.demo()
                .row("BillingPeriodStart", "2026-11-01T00:00:00Z", "BillingPeriodEnd", "2026-12-01T00:00:00Z",
                        "ChargePeriodStart", "2026-11-02T00:00:00Z", "ChargePeriodEnd", "2026-11-03T00:00:00Z",
                        "BilledCost", "100.00")
                .write(dir.resolve("nov.csv")), ImportOptions.STRICT);

        ImportResult v2 = importer.importFile(FocusFixtures.demo()
                .row("BilledCost", "2.50").row("BilledCost", "2.50")
                .write(dir.resolve("oct-v2.csv")), ImportOptions.STRICT);

        assertThat(v2.replacedRows()).isEqualTo(3);
        assertThat(decimal("SELECT sum(billed_cost) FROM cost_line_item WHERE billing_account_id = 'acct-1'"
                + " AND charge_period_start < '2026-11-01'")).isEqualByComparingTo("5.00");
        assertThat(decimal("SELECT sum(billed_cost) FROM cost_line_item")).isEqualByComparingTo("115.00");
        assertThat(decimal("SELECT sum(billed) FROM cost_daily")).isEqualByComparingTo("115.00");
        assertThat(scalar("SELECT count(*) FROM cost_import_coverage")).isEqualTo("3");
    }

    @Test
    void importFile_malformedDate_landsNothing() throws SQLException {
        Path bad = FocusFixtures.demo().row().row().row().row("ChargePeriodStart", "2026-10-32T00:00:00Z")
                .write(dir.resolve("bad.csv"));

        assertThatThrownBy(() -> importer.importFile(bad, ImportOptions.STRICT))
                .isInstanceOfSatisfying(PurserException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_FILE))
                .hasMessageStartingWith("bad.csv:5: ChargePeriodStart: '2026-10-32T00:00:00Z'");

        assertThat(scalar("SELECT count(*) FROM cost_line_item")).isEqualTo("0");
        assertThat(scalar("SELECT count(*) FROM cost_daily")).isEqualTo("0");
        assertThat(scalar("SELECT count(*) FROM cost_import")).isEqualTo("0");
        assertThat(scalar("SELECT count(*) FROM cost_import_coverage")).isEqualTo("0");
    }

    @Test
    void importFile_malformedAfterGoodImport_leavesGoodDataAlone() throws Exception {
        importer.importFile(FocusFixtures.resource("demo-small.csv", dir), ImportOptions.STRICT);
        List<String> rows = new ArrayList<>(Files.readAllLines(dir.resolve("demo-small.csv")));
        rows.set(8, rows.get(8).replace("2026-10-03T00:00:00Z,2026-10-04T00:00:00Z,Tax", "2026-10-03T00:00:00Z,yesterday,Tax"));
        Path bad = Files.write(dir.resolve("demo-bad.csv"), rows);

        assertThatThrownBy(() -> importer.importFile(bad, ImportOptions.STRICT))
                .hasMessageStartingWith("demo-bad.csv:9: ChargePeriodEnd: 'yesterday'");

        assertThat(scalar("SELECT count(*) FROM cost_line_item")).isEqualTo("7");
        assertThat(decimal("SELECT sum(billed_cost) FROM cost_line_item")).isEqualByComparingTo("5.95");
        assertThat(decimal("SELECT sum(billed) FROM cost_daily")).isEqualByComparingTo("5.95");
        assertThat(scalar("SELECT count(*) FROM cost_import")).isEqualTo("1");
    }

    @Test
    void importFile_lenient_landsGoodRowsAndListsSkipped() throws SQLException {
        Path file = FocusFixtures.demo()
                .row("BilledCost", "1.00")
                .row("BilledCost", "one dollar")
                .row("BilledCost", "2.00", "ChargeCategory", "credit")
                .write(dir.resolve("mixed.csv"));

        ImportResult result = importer.importFile(file, new ImportOptions(true));

        assertThat(result.rows()).isEqualTo(2);
        assertThat(result.billedTotals().get(USD)).isEqualByComparingTo("3.00");
        assertThat(result.skipped()).containsExactly(
                "mixed.csv:3: BilledCost: 'one dollar' is not a number (expected a plain decimal such as -12.345)");
        assertThat(result.tolerated()).containsExactly("1 ChargeCategory values not in FOCUS case read case-insensitively");
        assertThat(scalar("SELECT skipped_rows FROM cost_import")).isEqualTo("1");
        assertThat(scalar("SELECT count(*) FROM cost_line_item")).isEqualTo("2");
    }

    @Test
    void importFile_headerOnly_saysNoRowsAndLandsNothing() throws SQLException {
        Path file = FocusFixtures.demo().write(dir.resolve("header.csv"));
        assertThatThrownBy(() -> importer.importFile(file, ImportOptions.STRICT))
                .hasMessage("header.csv: the file has a header but no rows");
        assertThat(scalar("SELECT count(*) FROM cost_import")).isEqualTo("0");
    }

    @Test
    void importFile_everyRowBadInLenientMode_landsNothing() throws SQLException {
        Path file = FocusFixtures.demo().row("BilledCost", "x").write(dir.resolve("all-bad.csv"));
        assertThatThrownBy(() -> importer.importFile(file, new ImportOptions(true)))
                .hasMessageStartingWith("all-bad.csv: all 1 rows are malformed");
        assertThat(scalar("SELECT count(*) FROM cost_import")).isEqualTo("0");
    }

    @Test
    void importFile_curFile_pointsToImportCur() {
        Path file = FocusFixtures.resource("cur-header.csv", dir);
        assertThatThrownBy(() -> importer.importFile(file, ImportOptions.STRICT))
                .hasMessageContaining("use `import cur`");
    }

    @Test
    void importFile_manyRows_rollupAgreesWithLineItemsExactly() throws SQLException {
        FocusFixtures csv = FocusFixtures.demo();
        Random random = new Random(42);
        String[] services = {"Droplets", "Spaces", "Managed Databases", "CDN", ""};
        String[] envs = {"prod", "staging", ""};
        String[] currencies = {"USD", "USD", "EUR"};
        for (int i = 0; i < 3000; i++) {
            int day = 1 + random.nextInt(31);
            String start = String.format("2026-10-%02dT%02d:00:00Z", day, random.nextInt(24));
            String env = envs[random.nextInt(envs.length)];
            csv.row("ChargePeriodStart", start, "ChargePeriodEnd", start,
                    "ServiceName", services[random.nextInt(services.length)],
                    "BillingAccountId", "acct-" + random.nextInt(3),
                    "BillingCurrency", currencies[random.nextInt(currencies.length)],
                    "BilledCost", new BigDecimal(random.nextInt(2_000_000) - 100_000).movePointLeft(6).toPlainString(),
                    "ListCost", random.nextInt(5) == 0 ? "" : "1.5",
                    "Tags", env.isEmpty() ? "" : "{\"env\":\"" + env + "\",\"n\":\"" + random.nextInt(50) + "\"}");
        }
        ImportResult result = importer.importFile(csv.write(dir.resolve("big.csv")), ImportOptions.STRICT);

        assertThat(result.rows()).isEqualTo(3000);
        String fromItems = rows("SELECT (charge_period_start AT TIME ZONE 'UTC')::date, billing_currency,"
                + " billing_account_id, coalesce(service_name, '-'), coalesce(tags->>'env', '-'),"
                + " sum(billed_cost), sum(effective_cost), sum(coalesce(list_cost, 0)), count(*),"
                + " count(*) FILTER (WHERE list_cost IS NULL)"
                + " FROM cost_line_item GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5");
        String fromDaily = rows("SELECT day, billing_currency, billing_account_id, coalesce(service_name, '-'),"
                + " coalesce(env, '-'), sum(billed), sum(effective), sum(list), sum(row_count), sum(list_missing)"
                + " FROM cost_daily GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5");
        assertThat(fromDaily).isEqualTo(fromItems);
        Map<Currency, BigDecimal> totals = result.billedTotals();
        assertThat(totals.get(Currency.getInstance("EUR")))
                .isEqualByComparingTo(decimal("SELECT sum(billed_cost) FROM cost_line_item WHERE billing_currency = 'EUR'"));
    }

    private String scalar(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private BigDecimal decimal(String sql) throws SQLException {
        return new BigDecimal(scalar(sql));
    }

    private String rows(String sql) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    sb.append(v instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : String.valueOf(v)).append('|');
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }
}
