package dev.purser.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.store.JdbcCostSink;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Currency;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurImporterTest {

    @TempDir
    Path dir;

    private PurserDatabase db;
    private CurImporter importer;

    @BeforeEach
    void setUp() {
        db = TestDatabase.fresh();
        importer = new CurImporter(new JdbcCostSink(db.dataSource()), Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void importFile_legacyCur_landsExactTotalsPerCurrency() throws Exception {
        ImportResult result = importer.importFile(fixture("legacy-livyflow-2026-10.csv"), ImportOptions.STRICT);

        assertThat(importer.kind()).isEqualTo("cur");
        assertThat(result.source()).isEqualTo("cur");
        assertThat(result.rows()).isEqualTo(13);
        assertThat(result.billedTotals().get(Currency.getInstance("USD"))).isEqualByComparingTo("185.9224789012");
        assertThat(result.billedTotals().get(Currency.getInstance("EUR"))).isEqualByComparingTo("8.4734567890");
        assertThat(result.billingAccounts()).containsExactlyInAnyOrder("111111111111", "222222222222");
        assertThat(result.billingPeriods()).containsExactly(YearMonth.of(2026, 10));
        assertThat(decimal("SELECT sum(billed_cost) FROM cost_line_item WHERE billing_currency = 'USD'"))
                .isEqualByComparingTo("185.9224789012");
        assertThat(decimal("SELECT sum(billed_cost) FROM cost_line_item WHERE charge_category = 'Credit'"))
                .isEqualByComparingTo("-28.1");
    }

    @Test
    void importFile_sameFileTwice_replacesInsteadOfDoubling() throws Exception {
        Path file = fixture("cur2-livyflow-2026-10.csv");
        importer.importFile(file, ImportOptions.STRICT);

        ImportResult second = importer.importFile(file, ImportOptions.STRICT);

        assertThat(second.replacedRows()).isEqualTo(8);
        assertThat(decimal("SELECT sum(billed_cost) FROM cost_line_item")).isEqualByComparingTo("3.2020000000");
    }

    @Test
    void importFile_malformedRow_landsNothing() throws Exception {
        String text = Files.readString(fixture("cur2-livyflow-2026-10.csv")).replace(",0.9200000000,", ",0.92x,");
        Path file = dir.resolve("bad-cur2.csv");
        Files.writeString(file, text);

        assertThatThrownBy(() -> importer.importFile(file, ImportOptions.STRICT))
                .isInstanceOf(PurserException.class)
                .satisfies(e -> assertThat(((PurserException) e).code()).isEqualTo(ErrorCode.MALFORMED_FILE))
                .hasMessageStartingWith("bad-cur2.csv:7: line_item_unblended_cost: '0.92x' is not a number");
        assertThat(decimal("SELECT coalesce(sum(billed_cost), 0) FROM cost_line_item")).isZero();
    }

    private Path fixture(String name) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            try (InputStream in = CurImporterTest.class.getResourceAsStream("/aws/cur/" + name)) {
                assertThat(in).as(name).isNotNull();
                Files.copy(in, file);
            }
        }
        return file;
    }

    private BigDecimal decimal(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getBigDecimal(1);
        }
    }
}
