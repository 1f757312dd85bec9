package dev.purser.core.store;

import static dev.purser.core.store.CostColumns.lineItemMetric;
import static dev.purser.core.store.CostColumns.rolledMetric;

import dev.purser.core.analysis.anomalies.AnomalyGrouping;
import dev.purser.core.analysis.anomalies.CoveredDays;
import dev.purser.core.analysis.anomalies.DailyAmount;
import dev.purser.core.analysis.anomalies.DriverAmount;
import dev.purser.core.analysis.anomalies.SpendHistory;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Daily spend for anomaly detection, over the cost store: series from the {@code cost_daily}
 * rollup (one row per UTC day and rolled-up dimensions, so a year of days is a small scan), and
 * drivers from {@code cost_line_item}, bounded by its {@code charge_period_start} index to the
 * few weeks one anomaly's baseline spans.
 *
 * <p>Taxes and credits are left out everywhere (see {@link SpendHistory}). Amounts are PostgreSQL
 * {@code numeric} sums and stay exact. Every statement is prepared; the only text spliced in are
 * column names chosen by exhaustive switches over {@link AnomalyGrouping} and {@link CostMetric}.
 */
public final class JdbcSpendHistory implements SpendHistory {

    /** Key of rows that leave the grouping column empty (same as {@link JdbcCostQueries#NONE}). */
    public static final String NONE = JdbcCostQueries.NONE;

    private static final String NOT_MONTHLY = "lower(charge_category) NOT IN ('tax', 'credit')";
    private static final String ACCOUNT_MATCH =
            "(lower(billing_account_id) = lower(?) OR lower(billing_account_name) = lower(?))";

    private final DataSource dataSource;

    public JdbcSpendHistory(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public List<DailyAmount> dailySpend(AnomalyGrouping by, String account, CostMetric metric, LocalDate from,
                                        LocalDate toExclusive) {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(metric, "metric");
        String sql = "SELECT day, " + key(by) + " AS k, billing_currency, sum(" + rolledMetric(metric) + ")"
                + " FROM cost_daily WHERE day >= ? AND day < ? AND " + NOT_MONTHLY
                + (account == null ? "" : " AND " + ACCOUNT_MATCH)
                + " GROUP BY 1, 2, 3";
        List<DailyAmount> out = new ArrayList<>();
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, from);
            ps.setObject(2, toExclusive);
            if (account != null) {
                ps.setString(3, account);
                ps.setString(4, account);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String k = rs.getString(2);
                    BigDecimal amount = rs.getBigDecimal(4);
                    out.add(new DailyAmount(rs.getObject(1, LocalDate.class), k == null ? NONE : k,
                            Currency.getInstance(rs.getString(3).trim()), amount == null ? BigDecimal.ZERO : amount));
                }
            }
        } catch (SQLException e) {
            throw queryFailed(e);
        }
        return out;
    }

    @Override
    public Optional<CoveredDays> coverage(String account) {
        String sql = "SELECT min(day), max(day) FROM cost_daily" + (account == null ? "" : " WHERE " + ACCOUNT_MATCH);
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (account != null) {
                ps.setString(1, account);
                ps.setString(2, account);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                LocalDate first = rs.getObject(1, LocalDate.class);
                LocalDate last = rs.getObject(2, LocalDate.class);
                return first == null ? Optional.empty() : Optional.of(new CoveredDays(first, last));
            }
        } catch (SQLException e) {
            throw queryFailed(e);
        }
    }

    @Override
    public List<DriverAmount> drivers(AnomalyGrouping by, String key, Currency currency, String account,
                                      CostMetric metric, LocalDate from, LocalDate toExclusive) {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(metric, "metric");
        boolean none = NONE.equals(key);
        String sql = "SELECT (charge_period_start AT TIME ZONE 'UTC')::date AS d, resource_id, max(resource_name),"
                + " sku_id, charge_description, sum(coalesce(" + lineItemMetric(metric) + ", 0))"
                + " FROM cost_line_item WHERE charge_period_start >= ? AND charge_period_start < ?"
                + " AND billing_currency = ? AND " + NOT_MONTHLY
                + " AND " + key(by) + (none ? " IS NULL" : " = ?")
                + (account == null ? "" : " AND " + ACCOUNT_MATCH)
                + " GROUP BY 1, 2, 4, 5";
        List<DriverAmount> out = new ArrayList<>();
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setObject(i++, from.atStartOfDay().atOffset(ZoneOffset.UTC));
            ps.setObject(i++, toExclusive.atStartOfDay().atOffset(ZoneOffset.UTC));
            ps.setString(i++, currency.getCurrencyCode());
            if (!none) {
                ps.setString(i++, key);
            }
            if (account != null) {
                ps.setString(i++, account);
                ps.setString(i, account);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    BigDecimal amount = rs.getBigDecimal(6);
                    out.add(new DriverAmount(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), amount == null ? BigDecimal.ZERO : amount));
                }
            }
        } catch (SQLException e) {
            throw queryFailed(e);
        }
        return out;
    }

    /** The series key, spelled the same in {@code cost_daily} and {@code cost_line_item}. */
    private static String key(AnomalyGrouping by) {
        return switch (by) {
            case SERVICE -> "service_name";
            case ACCOUNT -> "coalesce(billing_account_name, billing_account_id)";
        };
    }

    private Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new PurserException(ErrorCode.DATABASE_UNAVAILABLE, "cannot reach Purser's database", e);
        }
    }

    private static PurserException queryFailed(SQLException e) {
        return new PurserException(ErrorCode.DATABASE_ERROR,
                "the daily spend query failed in the database (SQL state " + e.getSQLState() + ")", e);
    }
}
