package dev.purser.core.store;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.schedule.JobRuns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * {@link JobRuns} in PostgreSQL, table {@code job_run}. A claim is {@code INSERT ... ON CONFLICT
 * (job, run_key) DO NOTHING RETURNING id}: only the transaction that inserted the row gets its id,
 * so two instances claiming one fire get it once between them.
 */
public final class JdbcJobRuns implements JobRuns {

    private static final String COLUMNS = "id, job, run_key, cause, instance, scheduled_for, started_at, finished_at,"
            + " outcome, row_count, summary, error_ref, error, attempts";

    private final DataSource dataSource;

    public JdbcJobRuns(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public OptionalLong claim(String job, String runKey, String cause, String instance, Instant scheduledFor,
            Instant startedAt, boolean recovering) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO job_run (job, run_key, cause, instance,"
                    + " scheduled_for, started_at, outcome) VALUES (?, ?, ?, ?, ?, ?, 'running')"
                    + " ON CONFLICT (job, run_key) DO NOTHING RETURNING id")) {
                ps.setString(1, job);
                ps.setString(2, runKey);
                ps.setString(3, cause);
                ps.setString(4, instance);
                setInstant(ps, 5, scheduledFor);
                setInstant(ps, 6, startedAt);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return OptionalLong.of(rs.getLong(1));
                    }
                }
            }
            if (!recovering) {
                return OptionalLong.empty();
            }
            // the instance that claimed it died mid-run: take the run over
            try (PreparedStatement ps = c.prepareStatement("UPDATE job_run SET instance = ?, cause = 'recovery',"
                    + " started_at = ?, attempts = attempts + 1 WHERE job = ? AND run_key = ? AND outcome = 'running'"
                    + " RETURNING id")) {
                ps.setString(1, instance);
                setInstant(ps, 2, startedAt);
                ps.setString(3, job);
                ps.setString(4, runKey);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
                }
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void finish(long id, boolean succeeded, long rows, String summary, String errorRef, String error,
            Instant finishedAt) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE job_run SET outcome = ?, row_count = ?, summary = ?,"
                     + " error_ref = ?, error = ?, finished_at = ? WHERE id = ?")) {
            ps.setString(1, succeeded ? "succeeded" : "failed");
            ps.setLong(2, rows);
            ps.setString(3, summary);
            ps.setString(4, errorRef);
            ps.setString(5, error);
            setInstant(ps, 6, finishedAt);
            ps.setLong(7, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public Optional<JobRunRecord> get(long id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM job_run WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(record(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public List<JobRunRecord> history(Optional<String> job, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        String sql = "SELECT " + COLUMNS + " FROM job_run" + (job.isPresent() ? " WHERE job = ?" : "")
                + " ORDER BY started_at DESC, id DESC LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (job.isPresent()) {
                ps.setString(i++, job.get());
            }
            ps.setInt(i, limit);
            List<JobRunRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(record(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static JobRunRecord record(ResultSet rs) throws SQLException {
        long rows = rs.getLong("row_count");
        Long rowCount = rs.wasNull() ? null : rows;
        return new JobRunRecord(rs.getLong("id"), rs.getString("job"), rs.getString("run_key"), rs.getString("cause"),
                rs.getString("instance"), instant(rs, "scheduled_for"), instant(rs, "started_at"),
                instant(rs, "finished_at"), rs.getString("outcome"), rowCount, rs.getString("summary"),
                rs.getString("error_ref"), rs.getString("error"), rs.getInt("attempts"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }

    private static PurserException failed(SQLException e) {
        return new PurserException(ErrorCode.DATABASE_ERROR,
                "the job run store failed in the database (SQL state " + e.getSQLState() + ")", e);
    }
}
