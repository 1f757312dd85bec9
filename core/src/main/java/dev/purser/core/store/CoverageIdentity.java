package dev.purser.core.store;

import dev.purser.core.model.CostLineItem;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Set;

/**
 * Identity by (source, billing account, billing month): a bill file holds whole months, and a
 * newer export of a month supersedes the older one entirely.
 *
 * <p>Replacing: the earlier imports that cover the new load's (account, month) pairs are found
 * through {@code cost_import_coverage}; their line items are deleted within the old import's
 * charge-day range, which bounds a range scan on the {@code charge_period_start} index (line
 * items have no {@code import_id} index); their rollups go too, and coverage then points at the
 * new import. Any row is admitted: whatever month it bills becomes part of the identity.
 */
final class CoverageIdentity implements ImportIdentity {

    static final CoverageIdentity INSTANCE = new CoverageIdentity();

    private static final String COVERED = "unnest(?::text[], ?::date[]) AS n(account, period)";

    private CoverageIdentity() {
    }

    @Override
    public void admit(CostLineItem item, LocalDate chargeDay) {
        // every (account, month) a row bills joins the identity, so no row can fall outside it
    }

    @Override
    public long replace(Connection connection, String source, long importId, Set<DailyRollup.Coverage> coverage)
            throws SQLException {
        String[] accounts = new String[coverage.size()];
        String[] periods = new String[coverage.size()];
        int i = 0;
        for (DailyRollup.Coverage cov : coverage) {
            accounts[i] = cov.account();
            periods[i] = cov.period().toString();
            i++;
        }
        long replaced;
        try (PreparedStatement ps = connection.prepareStatement(
                "DELETE FROM cost_line_item li USING cost_import_coverage c JOIN " + COVERED
                        + " ON c.billing_account_id = n.account AND c.billing_period_start = n.period"
                        + " JOIN cost_import i ON i.id = c.import_id"
                        + " WHERE c.source = ? AND li.import_id = c.import_id AND li.billing_account_id = n.account"
                        + " AND (li.billing_period_start AT TIME ZONE 'UTC')::date = n.period"
                        + " AND li.charge_period_start >= (i.first_charge_day::timestamp AT TIME ZONE 'UTC')"
                        + " AND li.charge_period_start < ((i.last_charge_day + 1)::timestamp AT TIME ZONE 'UTC')")) {
            bind(connection, ps, 1, accounts, periods);
            ps.setString(3, source);
            replaced = ps.executeLargeUpdate();
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "DELETE FROM cost_daily d USING cost_import_coverage c JOIN " + COVERED
                        + " ON c.billing_account_id = n.account AND c.billing_period_start = n.period"
                        + " WHERE c.source = ? AND d.import_id = c.import_id AND d.billing_account_id = n.account"
                        + " AND d.billing_period_start = n.period")) {
            bind(connection, ps, 1, accounts, periods);
            ps.setString(3, source);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "DELETE FROM cost_import_coverage c USING " + COVERED
                        + " WHERE c.source = ? AND c.billing_account_id = n.account AND c.billing_period_start = n.period")) {
            bind(connection, ps, 1, accounts, periods);
            ps.setString(3, source);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO cost_import_coverage (source, billing_account_id, billing_period_start, import_id)"
                        + " SELECT ?, n.account, n.period, ? FROM " + COVERED)) {
            ps.setString(1, source);
            ps.setLong(2, importId);
            bind(connection, ps, 3, accounts, periods);
            ps.executeUpdate();
        }
        return replaced;
    }

    private static void bind(Connection connection, PreparedStatement ps, int first, String[] accounts,
                             String[] periods) throws SQLException {
        Array a = connection.createArrayOf("text", accounts);
        Array p = connection.createArrayOf("text", periods);
        ps.setArray(first, a);
        ps.setArray(first + 1, p);
    }
}
