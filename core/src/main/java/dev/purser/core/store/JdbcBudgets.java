package dev.purser.core.store;

import dev.purser.core.analysis.budgets.Basis;
import dev.purser.core.analysis.budgets.Budget;
import dev.purser.core.analysis.budgets.BudgetScope;
import dev.purser.core.analysis.budgets.BudgetStore;
import dev.purser.core.analysis.budgets.Crossing;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Money;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link BudgetStore} in PostgreSQL: tables {@code budget} and {@code budget_alert}.
 *
 * <p>Reporting once: {@link #recordNew} inserts every candidate with {@code ON CONFLICT DO
 * NOTHING RETURNING} in one transaction; a row comes back only from the transaction that
 * inserted it, so two checkers racing on the same crossing return it once between them.
 */
public final class JdbcBudgets implements BudgetStore {

    private static final String COLUMNS =
            "name, amount, currency, scope_kind, scope_key, scope_value, account, thresholds";

    private final DataSource dataSource;

    public JdbcBudgets(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public List<Budget> list() {
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM budget ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            List<Budget> out = new ArrayList<>();
            while (rs.next()) {
                out.add(budget(rs));
            }
            return out;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public Optional<Budget> find(String name) {
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM budget WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(budget(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public boolean save(Budget budget, String by, Instant at) {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                Optional<Budget> before = lockedFind(c, budget.name());
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO budget (" + COLUMNS
                        + ", updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
                        + "amount = excluded.amount, currency = excluded.currency, scope_kind = excluded.scope_kind, "
                        + "scope_key = excluded.scope_key, scope_value = excluded.scope_value, account = excluded.account, "
                        + "thresholds = excluded.thresholds, updated_by = excluded.updated_by, "
                        + "updated_at = excluded.updated_at")) {
                    ps.setString(1, budget.name());
                    ps.setBigDecimal(2, budget.amount().amount());
                    ps.setString(3, budget.amount().currency().getCurrencyCode());
                    ps.setString(4, budget.scope().kind().name().toLowerCase(Locale.ROOT));
                    ps.setString(5, budget.scope().key());
                    ps.setString(6, budget.scope().value());
                    ps.setString(7, budget.account());
                    ps.setArray(8, c.createArrayOf("int4", budget.thresholds().toArray()));
                    ps.setString(9, by);
                    ps.setObject(10, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                    ps.executeUpdate();
                }
                if (before.isPresent() && !same(before.get(), budget)) {
                    // a new amount or scope makes earlier reports meaningless: report afresh
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM budget_alert WHERE budget = ?")) {
                        ps.setString(1, budget.name());
                        ps.executeUpdate();
                    }
                }
                c.commit();
                return before.isEmpty();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public boolean remove(String name) {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement("DELETE FROM budget WHERE name = ?")) {
            ps.setString(1, name);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public List<Crossing> recordNew(List<Crossing> crossings, Instant at) {
        List<Crossing> recorded = new ArrayList<>();
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO budget_alert (budget, month, threshold_percent, "
                    + "basis, spend, budget_amount, currency, as_of, recorded_at) "
                    + "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM budget WHERE name = ?) "
                    + "ON CONFLICT DO NOTHING RETURNING budget")) {
                OffsetDateTime when = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
                for (Crossing x : crossings) {
                    ps.setString(1, x.budget());
                    ps.setObject(2, x.month().atDay(1));
                    ps.setInt(3, x.thresholdPercent());
                    ps.setString(4, x.basis().word());
                    ps.setBigDecimal(5, x.spend().amount());
                    ps.setBigDecimal(6, x.budgetAmount().amount());
                    ps.setString(7, x.spend().currency().getCurrencyCode());
                    ps.setObject(8, x.asOf());
                    ps.setObject(9, when);
                    ps.setString(10, x.budget());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            recorded.add(x);
                        }
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failed(e);
        }
        return recorded;
    }

    private static Optional<Budget> lockedFind(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM budget WHERE name = ? FOR UPDATE")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(budget(rs)) : Optional.empty();
            }
        }
    }

    private static boolean same(Budget a, Budget b) {
        return a.amount().isSameAmount(b.amount()) && a.scope().equals(b.scope())
                && Objects.equals(a.account(), b.account()) && a.thresholds().equals(b.thresholds());
    }

    private static Budget budget(ResultSet rs) throws SQLException {
        BudgetScope.Kind kind = BudgetScope.Kind.valueOf(rs.getString(4).toUpperCase(Locale.ROOT));
        BudgetScope scope = new BudgetScope(kind, rs.getString(5), rs.getString(6));
        Array array = rs.getArray(8);
        Integer[] thresholds = (Integer[]) array.getArray();
        return new Budget(rs.getString(1), new Money(rs.getBigDecimal(2), Currency.getInstance(rs.getString(3).trim())),
                scope, rs.getString(7), Arrays.asList(thresholds));
    }

    private Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new PurserException(ErrorCode.DATABASE_UNAVAILABLE, "cannot reach Purser's database", e);
        }
    }

    private static PurserException failed(SQLException e) {
        return new PurserException(ErrorCode.DATABASE_ERROR,
                "the budget store failed in the database (SQL state " + e.getSQLState() + ")", e);
    }
}
