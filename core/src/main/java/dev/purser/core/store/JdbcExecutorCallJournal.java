package dev.purser.core.store;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.execution.ExecutorCall;
import dev.purser.core.execution.ExecutorCallJournal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The idempotency journal in table {@code executor_call} (migration V11).
 *
 * <p>Atomicity: {@link #record} is one {@code INSERT ... ON CONFLICT DO NOTHING} followed by a
 * read, so two instances recording the same key end up with the same row; {@link #claim} is one
 * conditional {@code UPDATE}, so only one of them holds the lease at a time. Each state change is
 * its own autocommitted statement: once a method returns, the row survives a {@code kill -9}.
 */
public final class JdbcExecutorCallJournal implements ExecutorCallJournal {

    private static final String COLUMNS = "idempotency_key, executor, operation, target_kind, target_id, request, state,"
            + " provider_action_id, message, attempts, recorded_at, called_at, accepted_at, finished_at";

    private final DataSource dataSource;

    public JdbcExecutorCallJournal(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public ExecutorCall record(String key, String executor, String operation, String targetKind, String targetId,
            String request, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO executor_call (idempotency_key, executor,"
                    + " operation, target_kind, target_id, request, state, recorded_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, 'recorded', ?, ?) ON CONFLICT (idempotency_key) DO NOTHING")) {
                ps.setString(1, key);
                ps.setString(2, executor);
                ps.setString(3, operation);
                ps.setString(4, targetKind);
                ps.setString(5, targetId);
                ps.setString(6, request);
                ps.setTimestamp(7, Timestamp.from(now));
                ps.setTimestamp(8, Timestamp.from(now));
                ps.executeUpdate();
            }
            ExecutorCall call = find(c, key).orElseThrow(() -> new IllegalStateException("row vanished: " + key));
            if (!call.request().equals(request) || !call.targetId().equals(targetId)
                    || !call.operation().equals(operation)) {
                throw PurserException.badArgument("idempotency key " + key + " was recorded for " + call.operation()
                        + " of " + call.targetKind() + " " + call.targetId() + " with " + call.request()
                        + "; it cannot name " + operation + " of " + targetKind + " " + targetId + " with " + request);
            }
            return call;
        } catch (SQLException e) {
            throw failure("record executor call " + key, e);
        }
    }

    @Override
    public Optional<ExecutorCall> find(String key) {
        try (Connection c = dataSource.getConnection()) {
            return find(c, key);
        } catch (SQLException e) {
            throw failure("read executor call " + key, e);
        }
    }

    @Override
    public boolean claim(String key, String owner, Instant now, Instant until) {
        return update("claim executor call " + key, "UPDATE executor_call SET claimed_by = ?, claimed_until = ?,"
                + " updated_at = ? WHERE idempotency_key = ? AND (claimed_by IS NULL OR claimed_by = ?"
                + " OR claimed_until < ?)", ps -> {
                    ps.setString(1, owner);
                    ps.setTimestamp(2, Timestamp.from(until));
                    ps.setTimestamp(3, Timestamp.from(now));
                    ps.setString(4, key);
                    ps.setString(5, owner);
                    ps.setTimestamp(6, Timestamp.from(now));
                }) == 1;
    }

    @Override
    public void release(String key, String owner) {
        update("release executor call " + key, "UPDATE executor_call SET claimed_by = NULL, claimed_until = NULL"
                + " WHERE idempotency_key = ? AND claimed_by = ?", ps -> {
                    ps.setString(1, key);
                    ps.setString(2, owner);
                });
    }

    @Override
    public void sending(String key, Instant now) {
        update("count an attempt of " + key, "UPDATE executor_call SET attempts = attempts + 1, called_at = ?,"
                + " updated_at = ? WHERE idempotency_key = ?", ps -> {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setTimestamp(2, Timestamp.from(now));
                    ps.setString(3, key);
                });
    }

    @Override
    public void accepted(String key, String actionId, String message, Instant now) {
        update("mark " + key + " accepted", "UPDATE executor_call SET state = 'accepted',"
                + " provider_action_id = COALESCE(?, provider_action_id), message = ?,"
                + " accepted_at = COALESCE(accepted_at, ?), updated_at = ? WHERE idempotency_key = ?"
                + " AND state IN ('recorded', 'accepted')", ps -> {
                    ps.setString(1, actionId);
                    ps.setString(2, message);
                    ps.setTimestamp(3, Timestamp.from(now));
                    ps.setTimestamp(4, Timestamp.from(now));
                    ps.setString(5, key);
                });
    }

    @Override
    public void settled(String key, String message, Instant now) {
        finish(key, "settled", message, now);
    }

    @Override
    public void failed(String key, String message, Instant now) {
        finish(key, "failed", message, now);
    }

    @Override
    public void note(String key, String message, Instant now) {
        update("note on " + key, "UPDATE executor_call SET message = ?, updated_at = ? WHERE idempotency_key = ?",
                ps -> {
                    ps.setString(1, message);
                    ps.setTimestamp(2, Timestamp.from(now));
                    ps.setString(3, key);
                });
    }

    @Override
    public List<ExecutorCall> forTarget(String targetKind, String targetId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM executor_call"
                        + " WHERE target_kind = ? AND target_id = ? ORDER BY recorded_at, idempotency_key")) {
            ps.setString(1, targetKind);
            ps.setString(2, targetId);
            List<ExecutorCall> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read executor calls of " + targetKind + " " + targetId, e);
        }
    }

    private void finish(String key, String state, String message, Instant now) {
        update("mark " + key + " " + state, "UPDATE executor_call SET state = ?, message = ?, finished_at = ?,"
                + " updated_at = ?, claimed_by = NULL, claimed_until = NULL WHERE idempotency_key = ?"
                + " AND state IN ('recorded', 'accepted')", ps -> {
                    ps.setString(1, state);
                    ps.setString(2, message);
                    ps.setTimestamp(3, Timestamp.from(now));
                    ps.setTimestamp(4, Timestamp.from(now));
                    ps.setString(5, key);
                });
    }

    private static Optional<ExecutorCall> find(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM executor_call WHERE idempotency_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    private static ExecutorCall row(ResultSet rs) throws SQLException {
        return new ExecutorCall(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), ExecutorCall.State.valueOf(rs.getString(7).toUpperCase(Locale.ROOT)),
                Optional.ofNullable(rs.getString(8)), Optional.ofNullable(rs.getString(9)), rs.getInt(10),
                rs.getTimestamp(11).toInstant(), instant(rs.getTimestamp(12)), instant(rs.getTimestamp(13)),
                instant(rs.getTimestamp(14)));
    }

    private static Optional<Instant> instant(Timestamp t) {
        return t == null ? Optional.empty() : Optional.of(t.toInstant());
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private int update(String what, String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static PurserException failure(String what, SQLException e) {
        return new PurserException(ErrorCode.DATABASE_ERROR, "could not " + what + " in Purser's database", e);
    }
}
