package dev.purser.core.store;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * The store's data generation (migration V12): a number that moves when a transaction that
 * changed any data table commits, in this process or another. Equal numbers mean the same data, so
 * an answer computed at one generation stays true until the number moves.
 *
 * <p>Freshness: {@link #getAsLong()} returns a number read by a query that <em>began after the
 * call did</em>, so a write that committed before the call (one whose commit the caller, or anyone
 * it heard from, has seen) is always counted. Nothing is cached across calls by time. Concurrent
 * callers share reads: while one query runs, the callers that arrive wait for the next one, which
 * a single caller runs for all of them. Under load, N callers then cost about one query per
 * round trip instead of N queries and N pooled connections.
 */
public final class DataGeneration implements LongSupplier {

    private final LongSupplier source;
    private final Object lock = new Object();
    // guarded by lock: reads are numbered in the order they begin
    private long begun;
    private long finished;
    private boolean reading;
    private long value;
    private RuntimeException failure;

    public DataGeneration(DataSource dataSource) {
        this(query(Objects.requireNonNull(dataSource, "dataSource")));
    }

    /** Over any source of the number (tests count the reads). */
    DataGeneration(LongSupplier source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    @Override
    public long getAsLong() {
        long round;
        synchronized (lock) {
            // Only a read that begins from now on may answer this call.
            long needed = begun + 1;
            while (finished < needed) {
                if (!reading) {
                    reading = true;
                    begun++;
                    break;
                }
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PurserException(ErrorCode.DATABASE_ERROR,
                            "interrupted while reading the data generation", e);
                }
            }
            if (finished >= needed) {
                return answer();
            }
            round = begun;
        }
        long read = 0;
        RuntimeException failed = null;
        try {
            read = source.getAsLong();
        } catch (RuntimeException e) {
            failed = e;
        }
        synchronized (lock) {
            finished = round;
            reading = false;
            value = read;
            failure = failed;
            lock.notifyAll();
            return answer();
        }
    }

    private long answer() {
        if (failure != null) {
            throw failure;
        }
        return value;
    }

    private static LongSupplier query(DataSource dataSource) {
        return () -> {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT generation FROM data_generation");
                 ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("data_generation has no row; migration V12 seeds it");
                }
                return rs.getLong(1);
            } catch (SQLException e) {
                throw new PurserException(ErrorCode.DATABASE_ERROR,
                        "reading the data generation failed in the database (SQL state " + e.getSQLState() + ")", e);
            }
        };
    }
}
