package dev.purser.core.store;

import dev.purser.core.model.CostLineItem;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Identity by (source, billing account, billing month): a bill file holds whole months, and a
 * newer export of a month supersedes the older one entirely.
 *
 * <p>Replacing: the earlier imports that cover the new load's (account, month) pairs are found
 * through {@code cost_import_coverage}. Line items live in one leaf per (billing month, import)
 * (see V14): when every claim an earlier import has in that month is taken over, which is the
 * usual re-import, its leaf is dropped without reading it; otherwise (a new file covers only some
 * of the accounts an earlier one held) only that leaf is searched for the taken accounts. Either
 * way no other month or import is read. Their rollups go too, and coverage then points at the new
 * import. Any row is admitted: whatever month it bills becomes part of the identity.
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
        // the earlier imports' claims that the new load takes over, per (import, billing month):
        // the accounts taken, and whether any claim of that import in that month stays
        Map<Leaf, List<String[]>> taken = new TreeMap<>();
        Set<Leaf> partlyKept = new HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT c.import_id, date_trunc('month', c.billing_period_start)::date, c.billing_account_id,"
                        + " n.account IS NULL, c.billing_period_start"
                        + " FROM cost_import_coverage c"
                        + " LEFT JOIN " + COVERED + " ON c.billing_account_id = n.account AND c.billing_period_start = n.period"
                        + " WHERE c.source = ? AND c.import_id IN (SELECT c2.import_id FROM cost_import_coverage c2 JOIN "
                        + COVERED.replace(" n(", " n2(")
                        + " ON c2.billing_account_id = n2.account AND c2.billing_period_start = n2.period"
                        + " WHERE c2.source = ?)")) {
            bind(connection, ps, 1, accounts, periods);
            ps.setString(3, source);
            bind(connection, ps, 4, accounts, periods);
            ps.setString(6, source);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Leaf leaf = new Leaf(rs.getObject(2, LocalDate.class), rs.getLong(1));
                    if (rs.getBoolean(4)) {
                        partlyKept.add(leaf);
                    } else {
                        taken.computeIfAbsent(leaf, x -> new ArrayList<>())
                                .add(new String[] {rs.getString(3), rs.getObject(5, LocalDate.class).toString()});
                    }
                }
            }
        }
        long replaced = 0;
        for (Map.Entry<Leaf, List<String[]>> e : taken.entrySet()) {
            Leaf leaf = e.getKey();
            if (!exists(connection, leaf.name())) {
                continue;
            }
            if (partlyKept.contains(leaf)) {
                // other claims of that import stay: search that one leaf, no other
                String[] takenAccounts = e.getValue().stream().map(a -> a[0]).toArray(String[]::new);
                String[] takenPeriods = e.getValue().stream().map(a -> a[1]).toArray(String[]::new);
                try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + leaf.name() + " li USING "
                        + COVERED + " WHERE li.billing_account_id = n.account"
                        + " AND (li.billing_period_start AT TIME ZONE 'UTC')::date = n.period")) {
                    bind(connection, ps, 1, takenAccounts, takenPeriods);
                    replaced += ps.executeLargeUpdate();
                }
            } else {
                // the whole leaf is replaced: its row count from the rollup, then drop it unread
                try (PreparedStatement ps = connection.prepareStatement("SELECT coalesce(sum(row_count), 0)"
                        + " FROM cost_monthly WHERE import_id = ? AND billing_period_start >= ?"
                        + " AND billing_period_start < ?")) {
                    ps.setLong(1, leaf.importId());
                    ps.setObject(2, leaf.month());
                    ps.setObject(3, leaf.month().plusMonths(1));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        replaced += rs.getLong(1);
                    }
                }
                try (PreparedStatement ps = connection.prepareStatement("DROP TABLE " + leaf.name())) {
                    ps.execute();
                }
            }
        }
        for (String rollup : new String[] {"cost_daily", "cost_monthly"}) {
            try (PreparedStatement ps = connection.prepareStatement(
                    "DELETE FROM " + rollup + " d USING cost_import_coverage c JOIN " + COVERED
                            + " ON c.billing_account_id = n.account AND c.billing_period_start = n.period"
                            + " WHERE c.source = ? AND d.import_id = c.import_id AND d.billing_account_id = n.account"
                            + " AND d.billing_period_start = n.period")) {
                bind(connection, ps, 1, accounts, periods);
                ps.setString(3, source);
                ps.executeUpdate();
            }
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

    static boolean exists(Connection connection, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** One import's leaf of one billing month, in (month, import) order: the order leaves are locked in. */
    record Leaf(LocalDate month, long importId) implements Comparable<Leaf> {

        String name() {
            return LineItemStreams.leafName(importId, month);
        }

        @Override
        public int compareTo(Leaf o) {
            int c = month.compareTo(o.month);
            return c != 0 ? c : Long.compare(importId, o.importId);
        }
    }

    private static void bind(Connection connection, PreparedStatement ps, int first, String[] accounts,
                             String[] periods) throws SQLException {
        Array a = connection.createArrayOf("text", accounts);
        Array p = connection.createArrayOf("text", periods);
        ps.setArray(first, a);
        ps.setArray(first + 1, p);
    }
}
