package dev.purser.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.core.ingest.CostBatch;
import dev.purser.core.ingest.DayRange;
import dev.purser.core.model.CostLineItem;
import dev.purser.core.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ImportIdentityTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final LocalDate OCT_1 = LocalDate.of(2026, 10, 1);

    private static PurserDatabase db;
    private static DataSource ds;

    @BeforeAll
    static void start() {
        db = TestDatabase.fresh();
        ds = db.dataSource();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @BeforeEach
    void clear() throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "TRUNCATE cost_line_item, cost_daily, cost_monthly, cost_import_coverage, cost_import")) {
            ps.execute();
        }
    }

    private static CostBatch.Landed land(CostLoad load, List<CostLineItem> rows) {
        try (load) {
            rows.forEach(load::add);
            return load.commit(null, 0, List.of());
        }
    }

    private static CostBatch.Landed byMonth(String source, CostLineItem... rows) {
        return land(CostLoad.begin(ds, source, "file.csv", NOW), List.of(rows));
    }

    private static CostBatch.Landed byDays(DayRange range, CostLineItem... rows) {
        return land(CostLoad.beginDays(ds, "aws-ce", "pull", NOW, range), List.of(rows));
    }

    private static BigDecimal sum(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            BigDecimal v = rs.getBigDecimal(1);
            return v == null ? BigDecimal.ZERO : v;
        }
    }

    @Test
    void coverage_sameAccountAndMonthAgain_replacesTheEarlierImport() throws SQLException {
        byMonth("focus", Rows.charge("acct-1", OCT_1.plusDays(4), "1.00"), Rows.charge("acct-1", OCT_1.plusDays(5), "2.00"));
        byMonth("focus", Rows.charge("acct-2", OCT_1.plusDays(4), "10.00"));

        CostBatch.Landed again = byMonth("focus", Rows.charge("acct-1", OCT_1.plusDays(6), "0.50"));

        assertThat(again.replacedRows()).isEqualTo(2);
        assertThat(sum("SELECT sum(billed_cost) FROM cost_line_item WHERE billing_account_id = 'acct-1'"))
                .isEqualByComparingTo("0.50");
        assertThat(sum("SELECT sum(billed) FROM cost_daily WHERE billing_account_id = 'acct-1'"))
                .isEqualByComparingTo("0.50");
        assertThat(sum("SELECT sum(billed_cost) FROM cost_line_item WHERE billing_account_id = 'acct-2'"))
                .as("another account's month stays").isEqualByComparingTo("10.00");
        assertThat(sum("SELECT count(*) FROM cost_import_coverage WHERE billing_account_id = 'acct-1'"
                + " AND import_id = " + again.importId())).isEqualByComparingTo("1");
    }

    @Test
    void coverage_otherSource_isNotReplaced() throws SQLException {
        byMonth("cur", Rows.charge("acct-1", OCT_1.plusDays(4), "3.00"));

        CostBatch.Landed focus = byMonth("focus", Rows.charge("acct-1", OCT_1.plusDays(4), "1.00"));

        assertThat(focus.replacedRows()).isZero();
        assertThat(sum("SELECT sum(billed_cost) FROM cost_line_item")).isEqualByComparingTo("4.00");
    }

    @Test
    void dayRange_overlappingWindows_holdWhatOnePullOfTheUnionWould() throws SQLException {
        byDays(new DayRange(Set.of("111"), OCT_1, OCT_1.plusDays(2)),
                Rows.charge("111", OCT_1, "1"), Rows.charge("111", OCT_1.plusDays(1), "1"),
                Rows.charge("111", OCT_1.plusDays(2), "1"));

        CostBatch.Landed second = byDays(new DayRange(Set.of("111"), OCT_1.plusDays(1), OCT_1.plusDays(3)),
                Rows.charge("111", OCT_1.plusDays(1), "5"), Rows.charge("111", OCT_1.plusDays(2), "5"),
                Rows.charge("111", OCT_1.plusDays(3), "5"));

        assertThat(second.replacedRows()).isEqualTo(2);
        assertThat(sum("SELECT sum(billed_cost) FROM cost_line_item")).isEqualByComparingTo("16");
        assertThat(sum("SELECT sum(billed) FROM cost_daily")).isEqualByComparingTo("16");
        assertThat(sum("SELECT count(*) FROM cost_import_coverage")).as("day loads claim no month").isZero();
    }

    @Test
    void dayRange_rowOutsideTheRange_isRefused() {
        DayRangeIdentity identity = new DayRangeIdentity(new DayRange(Set.of("111"), OCT_1, OCT_1.plusDays(2)));

        assertThatThrownBy(() -> identity.admit(Rows.charge("111", OCT_1.plusDays(3), "1"), OCT_1.plusDays(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2026-10-04");
        assertThatThrownBy(() -> identity.admit(Rows.charge("222", OCT_1, "1"), OCT_1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("222");
    }

    @Test
    void dayRange_loadRefusingARow_landsNothing() throws SQLException {
        try (CostLoad load = CostLoad.beginDays(ds, "aws-ce", "pull", NOW, new DayRange(Set.of("111"), OCT_1, OCT_1))) {
            load.add(Rows.charge("111", OCT_1, "1"));
            assertThatThrownBy(() -> load.add(Rows.charge("111", OCT_1.plusDays(1), "1")))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        assertThat(sum("SELECT count(*) FROM cost_line_item")).isZero();
    }
}
