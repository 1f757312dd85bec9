package dev.purser.core.store;

import dev.purser.core.alerts.Alert;
import dev.purser.core.alerts.AlertKind;
import dev.purser.core.alerts.AlertLedger;
import dev.purser.core.alerts.AlertPolicy;
import dev.purser.core.alerts.Delivered;
import dev.purser.core.config.AlertRouteConfig;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link AlertLedger} in PostgreSQL: tables {@code alert_delivery} and {@code alert_digest_item}.
 *
 * <p>Claims are serialised per subject and route: the claim first inserts a placeholder row
 * ({@code ON CONFLICT DO NOTHING}, so two first claims cannot both insert), then reads the row
 * {@code FOR UPDATE}; a concurrent claim waits for the lock and then sees the committed state.
 * A claim that inserted the placeholder and then decides not to send cannot happen: a new row
 * always means SEND.
 */
public final class JdbcAlertLedger implements AlertLedger {

    private final DataSource dataSource;

    public JdbcAlertLedger(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public Claim claim(Alert alert, AlertRouteConfig route, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Claim claim = claim(c, alert, route, now);
                c.commit();
                return claim;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private Claim claim(Connection c, Alert alert, AlertRouteConfig route, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_delivery (alert_key, route, kind, once_only,"
                + " amount, currency, first_sent_at, last_sent_at, times_sent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)"
                + " ON CONFLICT (alert_key, route) DO NOTHING")) {
            ps.setString(1, alert.key());
            ps.setString(2, route.name());
            ps.setString(3, alert.kind().word());
            ps.setBoolean(4, alert.onceOnly());
            setAmount(ps, 5, alert.amount());
            JdbcJobRuns.setInstant(ps, 7, now);
            JdbcJobRuns.setInstant(ps, 8, now);
            if (ps.executeUpdate() == 1) {
                return new Claim(AlertPolicy.Decision.SEND, alert.key(), route.name(), Optional.empty());
            }
        }
        Delivered previous;
        try (PreparedStatement ps = c.prepareStatement("SELECT once_only, amount, currency, first_sent_at, last_sent_at,"
                + " times_sent FROM alert_delivery WHERE alert_key = ? AND route = ? FOR UPDATE")) {
            ps.setString(1, alert.key());
            ps.setString(2, route.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("alert_delivery row vanished under its lock", "40001");
                }
                BigDecimal amount = rs.getBigDecimal("amount");
                String currency = rs.getString("currency");
                previous = new Delivered(alert.key(), route.name(), rs.getBoolean("once_only"),
                        amount == null || currency == null ? null : new Money(amount, Currency.getInstance(currency.trim())),
                        JdbcJobRuns.instant(rs, "first_sent_at"), JdbcJobRuns.instant(rs, "last_sent_at"),
                        rs.getInt("times_sent"));
            }
        }
        AlertPolicy.Decision decision = AlertPolicy.decide(Optional.of(previous), alert, route, now);
        if (decision == AlertPolicy.Decision.SEND) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE alert_delivery SET amount = ?, currency = ?,"
                    + " last_sent_at = ?, times_sent = times_sent + 1, once_only = ? WHERE alert_key = ? AND route = ?")) {
                setAmount(ps, 1, alert.amount());
                JdbcJobRuns.setInstant(ps, 3, now);
                ps.setBoolean(4, alert.onceOnly());
                ps.setString(5, alert.key());
                ps.setString(6, route.name());
                ps.executeUpdate();
            }
        }
        return new Claim(decision, alert.key(), route.name(), Optional.of(previous));
    }

    @Override
    public void release(Claim claim) {
        try (Connection c = dataSource.getConnection()) {
            if (claim.previous().isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM alert_delivery WHERE alert_key = ? AND route = ?")) {
                    ps.setString(1, claim.key());
                    ps.setString(2, claim.route());
                    ps.executeUpdate();
                }
                return;
            }
            Delivered p = claim.previous().get();
            try (PreparedStatement ps = c.prepareStatement("UPDATE alert_delivery SET amount = ?, currency = ?,"
                    + " last_sent_at = ?, times_sent = ?, once_only = ? WHERE alert_key = ? AND route = ?")) {
                setAmount(ps, 1, p.amount());
                JdbcJobRuns.setInstant(ps, 3, p.lastSentAt());
                ps.setInt(4, p.timesSent());
                ps.setBoolean(5, p.onceOnly());
                ps.setString(6, p.key());
                ps.setString(7, p.route());
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void enqueue(Alert alert, AlertRouteConfig route, Instant now) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO alert_digest_item (route, alert_key, kind, title,"
                     + " body, explain, queued_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, route.name());
            ps.setString(2, alert.key());
            ps.setString(3, alert.kind().word());
            ps.setString(4, alert.title());
            ps.setString(5, String.join("\n", alert.lines()));
            ps.setString(6, alert.explain());
            JdbcJobRuns.setInstant(ps, 7, now);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public List<DigestItem> waiting(String route) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, route, alert_key, kind, title, body, explain, queued_at"
                     + " FROM alert_digest_item WHERE route = ? AND sent_at IS NULL ORDER BY id")) {
            ps.setString(1, route);
            List<DigestItem> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DigestItem(rs.getLong("id"), rs.getString("route"), rs.getString("alert_key"),
                            AlertKind.of(rs.getString("kind")), rs.getString("title"), rs.getString("body"),
                            rs.getString("explain"), JdbcJobRuns.instant(rs, "queued_at")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void markSent(List<DigestItem> items, Instant at) {
        if (items.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE alert_digest_item SET sent_at = ? WHERE id = ANY (?)")) {
            JdbcJobRuns.setInstant(ps, 1, at);
            ps.setArray(2, c.createArrayOf("bigint", items.stream().map(DigestItem::id).toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static void setAmount(PreparedStatement ps, int index, Money amount) throws SQLException {
        if (amount == null) {
            ps.setNull(index, Types.NUMERIC);
            ps.setNull(index + 1, Types.CHAR);
        } else {
            ps.setBigDecimal(index, amount.amount());
            ps.setString(index + 1, amount.currency().getCurrencyCode());
        }
    }

    private static PurserException failed(SQLException e) {
        return new PurserException(ErrorCode.DATABASE_ERROR,
                "the alert ledger failed in the database (SQL state " + e.getSQLState() + ")", e);
    }
}
