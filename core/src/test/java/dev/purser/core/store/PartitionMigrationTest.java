package dev.purser.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.ingest.CostBatch;
import dev.purser.core.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * V14 on a database that already holds line items: every row moves into a leaf of its billing
 * month and import, the monthly rollup is the daily one summed, every new table moves the data
 * generation, and a later re-import replaces a moved month by dropping its leaf.
 */
class PartitionMigrationTest {

    @Test
    void existingLineItems_moveIntoLeavesPerMonthAndImport_andAReimportStillReplacesThem() throws SQLException {
        PGSimpleDataSource raw = new PGSimpleDataSource();
        raw.setURL(TestDatabase.freshJdbcUrl());
        raw.setUser("postgres");
        Flyway.configure().dataSource(raw).locations("classpath:db/migration").target("13").load().migrate();
        try (Connection c = raw.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO cost_import (id, source, file_name, imported_at) VALUES"
                    + " (1, 'focus', 'a.csv', now()), (2, 'focus', 'b.csv', now())");
            s.execute("INSERT INTO cost_import_coverage VALUES ('focus', 'acct-1', '2026-08-01', 1),"
                    + " ('focus', 'acct-1', '2026-09-01', 1), ('focus', 'acct-2', '2026-09-01', 2)");
            // import 1: acct-1 in August and September; import 2: acct-2 in September
            s.execute("""
                    INSERT INTO cost_line_item (import_id, source, billing_account_id, billing_period_start,
                        billing_period_end, charge_period_start, charge_period_end, charge_category, billed_cost,
                        effective_cost, billing_currency, service_name)
                    SELECT i, 'focus', a, date_trunc('month', d), date_trunc('month', d) + interval '1 month',
                           d, d + interval '1 day', 'Usage', 0.123456 * n, 0.123456 * n, 'USD', 'Droplets'
                    FROM (VALUES (1, 'acct-1'), (2, 'acct-2')) v(i, a),
                         generate_series(timestamptz '2026-08-20 00:00Z', timestamptz '2026-09-10 00:00Z',
                                         interval '1 day') WITH ORDINALITY g(d, n)
                    WHERE i = 1 OR d >= timestamptz '2026-09-01 00:00Z'""");
            s.execute("""
                    INSERT INTO cost_daily (day, source, billing_period_start, billing_currency, billing_account_id,
                        service_name, charge_category, billed, effective, list, list_missing, row_count, import_id)
                    SELECT (charge_period_start AT TIME ZONE 'UTC')::date, source,
                           (billing_period_start AT TIME ZONE 'UTC')::date, billing_currency, billing_account_id,
                           service_name, charge_category, sum(billed_cost), sum(effective_cost), 0, count(*), count(*),
                           import_id
                    FROM cost_line_item GROUP BY 1, 2, 3, 4, 5, 6, 7, 13""");
            s.execute("SELECT setval('cost_import_id_seq', 2)");
        }
        BigDecimal before = number(raw, "SELECT sum(billed_cost) FROM cost_line_item");
        long rowsBefore = number(raw, "SELECT count(*) FROM cost_line_item").longValue();

        try (PurserDatabase db = PurserDatabase.forDataSource(raw)) {
            assertThat(number(raw, "SELECT count(*) FROM cost_line_item").longValue()).isEqualTo(rowsBefore);
            assertThat(number(raw, "SELECT sum(billed_cost) FROM cost_line_item")).isEqualByComparingTo(before);
            assertThat(names(raw, "SELECT relname FROM pg_class WHERE relkind = 'r' AND relispartition"
                    + " AND relname LIKE 'cost\\_line\\_item\\_p%' ORDER BY 1"))
                    .containsExactly("cost_line_item_p202608_i1", "cost_line_item_p202609_i1", "cost_line_item_p202609_i2");
            assertThat(number(raw, "SELECT count(*) FROM (SELECT date_trunc('month', day)::date m, import_id, sum(billed) b"
                    + " FROM cost_daily GROUP BY 1, 2) d FULL JOIN (SELECT month m, import_id, sum(billed) b"
                    + " FROM cost_monthly GROUP BY 1, 2) x USING (m, import_id) WHERE d.b IS DISTINCT FROM x.b"))
                    .isZero();
            assertThat(names(raw, """
                    SELECT t.tablename FROM pg_tables t WHERE t.schemaname = current_schema()
                      AND t.tablename LIKE 'cost%' AND NOT EXISTS (SELECT 1 FROM pg_trigger g
                          JOIN pg_class k ON k.oid = g.tgrelid
                          WHERE k.relname = t.tablename AND g.tgfoid = 'purser_note_data_change'::regproc)"""))
                    .isEmpty();

            // acct-2's September again: import 2's leaf goes whole; import 1's leaves stay
            List<dev.purser.core.model.CostLineItem> rows = List.of(
                    Rows.charge("acct-2", LocalDate.of(2026, 9, 3), "5.00"));
            CostBatch.Landed again;
            try (CostLoad load = CostLoad.begin(db.dataSource(), "focus", "b2.csv", Instant.parse("2026-11-23T10:00:00Z"))) {
                rows.forEach(load::add);
                again = load.commit(null, 0, List.of());
            }
            assertThat(again.replacedRows()).isEqualTo(10);
            // the migrated imports keep one leaf each; a new one holds a leaf per COPY stream (V19)
            assertThat(names(raw, "SELECT relname FROM pg_class WHERE relkind IN ('r', 'p') AND relispartition"
                    + " AND relname ~ '^cost_line_item_p[0-9]{6}_i[0-9]+(_s[0-9]+)?$' ORDER BY 1"))
                    .containsExactly("cost_line_item_p202608_i1", "cost_line_item_p202609_i1",
                            "cost_line_item_p202609_i" + again.importId(),
                            "cost_line_item_p202609_i" + again.importId() + "_s0");
            assertThat(number(raw, "SELECT sum(billed_cost) FROM cost_line_item WHERE billing_account_id = 'acct-2'"))
                    .isEqualByComparingTo("5.00");
        }
    }

    private static BigDecimal number(PGSimpleDataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            BigDecimal v = rs.getBigDecimal(1);
            return v == null ? BigDecimal.ZERO : v;
        }
    }

    private static List<String> names(PGSimpleDataSource ds, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
