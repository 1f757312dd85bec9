package dev.purser.core.store;

import dev.purser.core.ingest.DayRange;
import dev.purser.core.model.CostLineItem;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Identity by (source, billing account, charge day in a {@link DayRange}): for sources pulled
 * by charge day over any window (Cost Explorer). Replacing deletes every row and rollup that
 * earlier loads of the same source wrote for those accounts on those days, whichever load wrote
 * it, so two overlapping windows end up holding exactly what a single pull of their union would.
 *
 * <p>The monthly rollup of each import that lost rows is summed again from what stays of its
 * daily one in the months of the range, and a leaf (V14: one per billing month and import) left
 * without rows is dropped.
 *
 * <p>Such loads write no {@code cost_import_coverage} rows: that table's identity is the billing
 * month, and a month's days may come from several loads. Each row must be of one of the range's
 * accounts and start on one of its days, or it could never be replaced.
 */
final class DayRangeIdentity implements ImportIdentity {

    private final DayRange range;

    DayRangeIdentity(DayRange range) {
        this.range = Objects.requireNonNull(range, "range");
    }

    @Override
    public void admit(CostLineItem item, LocalDate chargeDay) {
        if (!range.contains(item.billingAccountId(), chargeDay)) {
            throw new IllegalArgumentException("row of account " + item.billingAccountId() + " on " + chargeDay
                    + " is outside this load's identity " + range.accounts() + " " + range.firstDay() + ".."
                    + range.lastDay());
        }
    }

    @Override
    public long replace(Connection connection, String source, long importId, Set<DailyRollup.Coverage> coverage)
            throws SQLException {
        Array accounts = connection.createArrayOf("text", range.accounts().toArray(new String[0]));
        long replaced;
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM cost_line_item"
                + " WHERE source = ? AND billing_account_id = ANY (?) AND import_id <> ?"
                + " AND charge_period_start >= (?::timestamp AT TIME ZONE 'UTC')"
                + " AND charge_period_start < (?::timestamp AT TIME ZONE 'UTC')")) {
            ps.setString(1, source);
            ps.setArray(2, accounts);
            ps.setLong(3, importId);
            ps.setObject(4, range.firstDay().atStartOfDay());
            ps.setObject(5, range.lastDay().plusDays(1).atStartOfDay());
            replaced = ps.executeLargeUpdate();
        }
        // the daily rollup of those rows, noting whose (import, billing month) lost some
        List<Long> touchedImports = new ArrayList<>();
        Set<CoverageIdentity.Leaf> touched = new TreeSet<>();
        try (PreparedStatement ps = connection.prepareStatement("WITH d AS (DELETE FROM cost_daily"
                + " WHERE source = ? AND billing_account_id = ANY (?) AND import_id <> ? AND day BETWEEN ? AND ?"
                + " RETURNING import_id, billing_period_start)"
                + " SELECT DISTINCT import_id, date_trunc('month', billing_period_start)::date FROM d")) {
            ps.setString(1, source);
            ps.setArray(2, accounts);
            ps.setLong(3, importId);
            ps.setObject(4, range.firstDay());
            ps.setObject(5, range.lastDay());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    touched.add(new CoverageIdentity.Leaf(rs.getObject(2, LocalDate.class), rs.getLong(1)));
                    if (!touchedImports.contains(rs.getLong(1))) {
                        touchedImports.add(rs.getLong(1));
                    }
                }
            }
        }
        if (touched.isEmpty()) {
            return replaced;
        }
        // their monthly rollup, summed again from what stays of their daily one in those months
        Array imports = connection.createArrayOf("bigint", touchedImports.toArray());
        LocalDate firstMonth = range.firstDay().withDayOfMonth(1);
        LocalDate afterLastMonth = range.lastDay().withDayOfMonth(1).plusMonths(1);
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM cost_monthly"
                + " WHERE import_id = ANY (?) AND month >= ? AND month < ?")) {
            ps.setArray(1, imports);
            ps.setObject(2, firstMonth);
            ps.setObject(3, afterLastMonth);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO cost_monthly"
                + " SELECT date_trunc('month', day)::date, source, billing_period_start, billing_currency,"
                + " billing_account_id, billing_account_name, provider_name, service_name, service_category,"
                + " sub_account_id, sub_account_name, region_id, charge_category, env, sum(billed), sum(effective),"
                + " sum(list), sum(list_missing), sum(row_count), import_id"
                + " FROM cost_daily WHERE import_id = ANY (?) AND day >= ? AND day < ?"
                + " GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 20")) {
            ps.setArray(1, imports);
            ps.setObject(2, firstMonth);
            ps.setObject(3, afterLastMonth);
            ps.executeUpdate();
        }
        // a leaf left without rows goes, so superseded pulls do not pile up empty tables
        for (CoverageIdentity.Leaf leaf : touched) {
            boolean empty;
            try (PreparedStatement ps = connection.prepareStatement("SELECT NOT EXISTS (SELECT 1 FROM cost_daily"
                    + " WHERE import_id = ? AND billing_period_start >= ? AND billing_period_start < ?)")) {
                ps.setLong(1, leaf.importId());
                ps.setObject(2, leaf.month());
                ps.setObject(3, leaf.month().plusMonths(1));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    empty = rs.getBoolean(1);
                }
            }
            if (empty && CoverageIdentity.exists(connection, leaf.name())) {
                try (PreparedStatement ps = connection.prepareStatement("DROP TABLE " + leaf.name())) {
                    ps.execute();
                }
            }
        }
        return replaced;
    }
}
