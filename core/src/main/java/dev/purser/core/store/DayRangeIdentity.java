package dev.purser.core.store;

import dev.purser.core.ingest.DayRange;
import dev.purser.core.model.CostLineItem;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * Identity by (source, billing account, charge day in a {@link DayRange}): for sources pulled
 * by charge day over any window (Cost Explorer). Replacing deletes every row and rollup that
 * earlier loads of the same source wrote for those accounts on those days, whichever load wrote
 * it, so two overlapping windows end up holding exactly what a single pull of their union would.
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
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM cost_daily"
                + " WHERE source = ? AND billing_account_id = ANY (?) AND import_id <> ? AND day BETWEEN ? AND ?")) {
            ps.setString(1, source);
            ps.setArray(2, accounts);
            ps.setLong(3, importId);
            ps.setObject(4, range.firstDay());
            ps.setObject(5, range.lastDay());
            ps.executeUpdate();
        }
        return replaced;
    }
}
