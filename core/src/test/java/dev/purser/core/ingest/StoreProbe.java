package dev.purser.core.ingest;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/** Reads back what the cost store holds, for tests that land rows and check them to the cent. */
public final class StoreProbe {

    private static final String[] TABLES = {"cost_import", "cost_import_coverage", "cost_line_item", "cost_daily",
        "cost_monthly"};

    private final DataSource dataSource;

    public StoreProbe(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Empties the cost tables, so one database can serve a whole test class. */
    public void clear() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "TRUNCATE cost_line_item, cost_daily, cost_monthly, cost_import_coverage, cost_import")) {
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("truncating the cost tables", e);
        }
    }

    /** The first column of the first row, as a decimal (null when SQL NULL). */
    public BigDecimal decimal(String sql, Object... params) {
        return query(sql, params, rs -> rs.next() ? rs.getBigDecimal(1) : null);
    }

    public long count(String sql, Object... params) {
        return query(sql, params, rs -> rs.next() ? rs.getLong(1) : 0L);
    }

    /**
     * Every row of every cost table, hashed in a canonical order: equal before and after means the
     * store holds exactly the same rows.
     */
    public Map<String, String> snapshot() {
        Map<String, String> out = new TreeMap<>();
        for (String table : TABLES) {
            out.put(table, query("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '')"
                    + " FROM " + table + " t", new Object[0], rs -> rs.next() ? rs.getString(1) : ""));
        }
        // the line items' partitions too: a failed import must not leave a leaf of its own behind
        out.put("cost_line_item partitions", query("SELECT coalesce(string_agg(relname, ',' ORDER BY relname), '')"
                + " FROM pg_class WHERE relname LIKE 'cost\\_line\\_item\\_p%' AND relkind IN ('r', 'p')",
                new Object[0], rs -> rs.next() ? rs.getString(1) : ""));
        return out;
    }

    /**
     * The line items and daily rollup of {@code source}, hashed without the import id: equal
     * after a re-import means the re-import changed no row.
     */
    public String contentHash(String source) {
        StringBuilder out = new StringBuilder();
        for (String table : new String[] {"cost_line_item", "cost_daily"}) {
            String hash = query("SELECT count(*) || ':' || coalesce(md5(string_agg((to_jsonb(t) - 'import_id')::text, '|'"
                    + " ORDER BY (to_jsonb(t) - 'import_id')::text)), '') FROM " + table + " t WHERE source = ?",
                    new Object[] {source}, rs -> rs.next() ? rs.getString(1) : "");
            out.append(hash).append(' ');
        }
        return out.toString().trim();
    }

    /** {@code service|currency} → BilledCost sum over the line items of {@code source}. */
    public Map<String, BigDecimal> lineItemTotalsByService(String source) {
        return grouped("SELECT coalesce(service_name, '') || '|' || billing_currency, sum(billed_cost)"
                + " FROM cost_line_item WHERE source = ? GROUP BY 1", source);
    }

    /** {@code service|currency} → BilledCost sum over the daily rollup of {@code source}. */
    public Map<String, BigDecimal> dailyTotalsByService(String source) {
        return grouped("SELECT coalesce(service_name, '') || '|' || billing_currency, sum(billed)"
                + " FROM cost_daily WHERE source = ? GROUP BY 1", source);
    }

    /** {@code currency} → BilledCost sum over the line items of {@code source}. */
    public Map<String, BigDecimal> lineItemTotals(String source) {
        return grouped("SELECT billing_currency, sum(billed_cost) FROM cost_line_item WHERE source = ? GROUP BY 1",
                source);
    }

    private Map<String, BigDecimal> grouped(String sql, String source) {
        return query(sql, new Object[] {source}, rs -> {
            Map<String, BigDecimal> out = new TreeMap<>();
            while (rs.next()) {
                out.put(rs.getString(1), rs.getBigDecimal(2));
            }
            return out;
        });
    }

    private interface Reading<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T query(String sql, Object[] params, Reading<T> reading) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return reading.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
