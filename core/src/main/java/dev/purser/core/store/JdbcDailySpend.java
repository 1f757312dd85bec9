package dev.purser.core.store;

import static dev.purser.core.store.CostColumns.allRolled;
import static dev.purser.core.store.CostColumns.appendFilters;
import static dev.purser.core.store.CostColumns.lineItemMetric;
import static dev.purser.core.store.CostColumns.rolledMetric;

import dev.purser.core.analysis.costs.CostFilter;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.analysis.forecast.DailySpend;
import dev.purser.core.analysis.forecast.DailySpendSource;
import dev.purser.core.analysis.forecast.DataSpan;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Money;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * {@link DailySpendSource} over the cost store: from the {@code cost_daily} rollup when every
 * filter is rolled up there, otherwise from line items by the UTC day their charge period starts.
 * Filters follow {@link JdbcCostQueries}: case-insensitive, {@code (none)} matches empty.
 */
public final class JdbcDailySpend implements DailySpendSource {


    private final DataSource dataSource;

    public JdbcDailySpend(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public List<DailySpend> dailySpend(CostFilter filter, CostMetric metric, LocalDate from, LocalDate toExclusive) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(metric, "metric");
        if (!toExclusive.isAfter(from)) {
            return List.of();
        }
        boolean rolled = allRolled(filter);
        Sql sql = new Sql();
        if (rolled) {
            sql.text("SELECT day, billing_currency, service_name, charge_category, sum(").text(rolledMetric(metric))
                    .text(") FROM cost_daily WHERE day >= ? AND day < ?").bind(from).bind(toExclusive);
        } else {
            sql.text("SELECT (charge_period_start AT TIME ZONE 'UTC')::date, billing_currency, service_name, "
                            + "charge_category, sum(coalesce(").text(lineItemMetric(metric))
                    .text(", 0)) FROM cost_line_item WHERE charge_period_start >= ? AND charge_period_start < ?")
                    .bind(utc(from)).bind(utc(toExclusive));
        }
        appendFilters(sql, filter, rolled);
        sql.text(" GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4");
        List<DailySpend> out = new ArrayList<>();
        try (Connection c = connection(); PreparedStatement ps = sql.prepare(c); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new DailySpend(rs.getObject(1, LocalDate.class), rs.getString(3), rs.getString(4),
                        new Money(rs.getBigDecimal(5), Currency.getInstance(rs.getString(2).trim()))));
            }
        } catch (SQLException e) {
            throw queryFailed(e);
        }
        return out;
    }

    @Override
    public Optional<DataSpan> dataSpan(CostFilter filter) {
        Sql sql = new Sql().text("SELECT min(day), max(day) FROM cost_daily WHERE true");
        Dimension account = new Dimension(Dimension.Kind.BILLING_ACCOUNT, null);
        String value = filter.equalTo().get(account);
        if (value != null) {
            appendFilters(sql, CostFilter.NONE.and(account, value), true);
        }
        try (Connection c = connection(); PreparedStatement ps = sql.prepare(c); ResultSet rs = ps.executeQuery()) {
            rs.next();
            LocalDate first = rs.getObject(1, LocalDate.class);
            LocalDate last = rs.getObject(2, LocalDate.class);
            if (first == null) {
                return Optional.empty();
            }
            return Optional.of(new DataSpan(first, last));
        } catch (SQLException e) {
            throw queryFailed(e);
        }
    }

    @Override
    public Map<String, LocalDate> lastDays(CostFilter filter, LocalDate from, LocalDate toExclusive) {
        Sql sql = new Sql().text("SELECT coalesce(billing_account_name, billing_account_id), max(day) FROM cost_daily"
                + " WHERE day >= ? AND day < ? AND billed <> 0").bind(from).bind(toExclusive);
        Dimension account = new Dimension(Dimension.Kind.BILLING_ACCOUNT, null);
        String value = filter.equalTo().get(account);
        if (value != null) {
            appendFilters(sql, CostFilter.NONE.and(account, value), true);
        }
        sql.text(" GROUP BY 1");
        Map<String, LocalDate> out = new TreeMap<>();
        try (Connection c = connection(); PreparedStatement ps = sql.prepare(c); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getObject(2, LocalDate.class));
            }
        } catch (SQLException e) {
            throw queryFailed(e);
        }
        return out;
    }

    private static OffsetDateTime utc(LocalDate day) {
        return day.atStartOfDay().atOffset(ZoneOffset.UTC);
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
