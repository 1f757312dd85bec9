package dev.purser.core.store;

import dev.purser.core.alerts.PlanThread;
import dev.purser.core.alerts.ThreadNoteLedger;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * {@link ThreadNoteLedger} in PostgreSQL: table {@code plan_thread_note}. A claim is one
 * {@code INSERT ... ON CONFLICT DO NOTHING}, so of two instances claiming the same note at once
 * exactly one inserts the row and sends.
 */
public final class JdbcThreadNoteLedger implements ThreadNoteLedger {

    private final DataSource dataSource;

    public JdbcThreadNoteLedger(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public boolean claim(long sequence, String subject, PlanThread thread, Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO plan_thread_note (audit_sequence, platform,"
                        + " channel, message_id, subject, claimed_at) VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (audit_sequence, platform, channel, message_id) DO NOTHING")) {
            ps.setLong(1, sequence);
            ps.setString(2, thread.platform());
            ps.setString(3, thread.channel());
            ps.setString(4, thread.messageId());
            ps.setString(5, subject);
            JdbcJobRuns.setInstant(ps, 6, now);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void sent(long sequence, PlanThread thread, String replyId, Instant at) {
        update("UPDATE plan_thread_note SET reply_id = ?, sent_at = ? WHERE audit_sequence = ? AND platform = ?"
                + " AND channel = ? AND message_id = ?", sequence, thread, replyId, at);
    }

    @Override
    public void release(long sequence, PlanThread thread) {
        update("DELETE FROM plan_thread_note WHERE audit_sequence = ? AND platform = ? AND channel = ?"
                + " AND message_id = ?", sequence, thread, null, null);
    }

    private void update(String sql, long sequence, PlanThread thread, String replyId, Instant at) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (at != null) {
                ps.setString(i++, replyId);
                JdbcJobRuns.setInstant(ps, i++, at);
            }
            ps.setLong(i++, sequence);
            ps.setString(i++, thread.platform());
            ps.setString(i++, thread.channel());
            ps.setString(i, thread.messageId());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static PurserException failed(SQLException e) {
        return new PurserException(ErrorCode.DATABASE_ERROR,
                "the plan thread notes failed in the database (SQL state " + e.getSQLState() + ")", e);
    }
}
