package dev.purser.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One import's line items on their way into PostgreSQL: encoded rows are buffered per billing
 * month as binary COPY tuples ({@link CopyBinary}), and full buffers go to one or more
 * {@code COPY ... (FORMAT binary)} streams, each on its own connection,
 * into the import's own leaves ({@code cost_line_item_pYYYYMM_iN}), which are not yet attached to
 * {@code cost_line_item} and so invisible to every query.
 *
 * <p>Streams: the first is the import's own connection, inside its transaction. Once a file has
 * sent {@link Tuning#parallelAfterChunks} buffers (so small imports never pay for it), up to
 * {@link Tuning#streams} − 1 more connections join, in autocommit: each COPY they run commits into
 * the unattached leaf. All-or-nothing still holds because nothing reads a leaf before the
 * import's transaction attaches it ({@link CostLoad#commit}); a failed import drops its leaves
 * ({@link #dropLeaves}), and a killed one leaves them to {@code purser_cost_sweep_loads()}, which
 * the next import runs (the import's transaction-level advisory lock tells a live import's
 * leaves from a dead one's).
 *
 * <p>A leaf is created (committed, on a short connection of its own) the first time its month
 * is met, before any stream writes to it. Not thread-safe: one caller adds rows; the streams run
 * on threads of their own.
 */
final class LineItemStreams {

    private static final Logger log = LoggerFactory.getLogger(LineItemStreams.class);
    private static final DateTimeFormatter YYYYMM = DateTimeFormatter.ofPattern("yyyyMM");
    private static final Chunk END = new Chunk(null, null);

    /**
     * @param streams             COPY connections at most, the import's own included
     * @param chunkChars          bytes buffered per month before they go to a stream
     * @param parallelAfterChunks buffers sent before more streams join
     */
    record Tuning(int streams, int chunkChars, int parallelAfterChunks) {

        Tuning {
            if (streams < 1 || chunkChars < 1 || parallelAfterChunks < 0) {
                throw new IllegalArgumentException("bad tuning " + streams + "/" + chunkChars + "/" + parallelAfterChunks);
            }
        }

        /**
         * One stream per available core (at most 4: Purser's pool has 8 connections), 128 KiB
         * buffers, more streams after 8 MiB.
         */
        static Tuning forThisMachine() {
            int cores = Runtime.getRuntime().availableProcessors();
            return new Tuning(Math.max(1, Math.min(cores, 4)), 1 << 17, 64);
        }
    }

    private record Chunk(LocalDate month, byte[] bytes) {
    }

    private final DataSource dataSource;
    private final Connection main;
    private final long importId;
    private final Tuning tuning;
    private final Map<LocalDate, CopyBinary> buffers = new HashMap<>();
    private final SortedSet<LocalDate> months = new TreeSet<>();
    private final BlockingQueue<Chunk> queue;
    private final List<Thread> threads = new ArrayList<>();
    private final List<Connection> workers = Collections.synchronizedList(new ArrayList<>());
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean aborting;
    private boolean poolRefused;
    private long chunksSent;

    // one-entry cache: consecutive rows usually bill the same month
    private LocalDate lastMonth;
    private CopyBinary lastBuffer;

    LineItemStreams(DataSource dataSource, Connection main, long importId, Tuning tuning) {
        this.dataSource = dataSource;
        this.main = main;
        this.importId = importId;
        this.tuning = tuning;
        this.queue = new ArrayBlockingQueue<>(Math.max(2, tuning.streams() * 2));
    }

    /** The name of an import's leaf for one billing month (its first day). */
    static String leafName(long importId, LocalDate month) {
        return "cost_line_item_p" + YYYYMM.format(month) + "_i" + importId;
    }

    /** Drops leaves that killed imports left behind; returns how many. */
    static int sweep(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement("SELECT purser_cost_sweep_loads()");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The buffer that rows billed in {@code month} (a first of month) are encoded into. */
    CopyBinary buffer(LocalDate month) {
        if (month.equals(lastMonth)) {
            return lastBuffer;
        }
        CopyBinary b = buffers.get(month);
        if (b == null) {
            b = new CopyBinary(tuning.chunkChars() + 8192);
            buffers.put(month, b);
        }
        lastMonth = month;
        lastBuffer = b;
        return b;
    }

    /** Call after each row encoded into {@code buffer(month)}: sends the buffer once full. */
    void rowAdded(LocalDate month, CopyBinary buffer) throws SQLException {
        if (buffer.length() >= tuning.chunkChars()) {
            send(month, buffer.drain());
        }
    }

    /** The billing months that have a leaf. */
    SortedSet<LocalDate> months() {
        return Collections.unmodifiableSortedSet(months);
    }

    /**
     * Sends what is buffered, ends every stream and waits for them: afterwards every row is in
     * its leaf (committed by the extra streams, pending in the import's transaction for its own).
     *
     * @throws SQLException the first failure of any stream
     */
    void finish() throws SQLException {
        for (Map.Entry<LocalDate, CopyBinary> e : new TreeMap<>(buffers).entrySet()) {
            if (e.getValue().length() > 0) {
                send(e.getKey(), e.getValue().drain());
            }
        }
        for (int i = 0; i < threads.size(); i++) {
            put(END);
        }
        join();
        rethrow();
    }

    /** Stops every stream without waiting for what is queued; rows sent so far stay in the leaves. */
    void abort() {
        aborting = true;
        queue.clear();
        join();
    }

    /** Drops the import's leaves (after its transaction rolled back); best effort. */
    void dropLeaves() {
        if (months.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            for (LocalDate month : months) {
                try (PreparedStatement ps = c.prepareStatement("DROP TABLE IF EXISTS " + leafName(importId, month))) {
                    ps.execute();
                }
            }
        } catch (SQLException e) {
            // the leaves are not attached, so no query sees them; the next import's sweep drops them
            log.warn("could not drop the unattached leaves of failed import {}; the next import drops them", importId, e);
        }
    }

    // ---------------------------------------------------------------------------------------

    private void send(LocalDate month, byte[] bytes) throws SQLException {
        rethrow();
        if (!months.contains(month)) {
            createLeaf(month);
        }
        if (threads.isEmpty()) {
            start(main, false);
        } else if (!poolRefused && chunksSent >= tuning.parallelAfterChunks() && threads.size() < tuning.streams()) {
            Connection worker;
            try {
                worker = dataSource.getConnection();
                worker.setAutoCommit(true);
            } catch (SQLException e) {
                // a busy pool (other imports, other work) costs speed, not the import
                poolRefused = true;
                log.info("import {} continues on {} COPY stream(s): no connection for another ({})", importId,
                        threads.size(), e.getMessage());
                worker = null;
            }
            if (worker != null) {
                workers.add(worker);
                start(worker, true);
            }
        }
        put(new Chunk(month, bytes));
        chunksSent++;
    }

    private void createLeaf(LocalDate month) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement("SELECT purser_cost_load_table(?, ?)")) {
                ps.setLong(1, importId);
                ps.setObject(2, month);
                ps.execute();
            }
        }
        months.add(month);
    }

    private void put(Chunk chunk) throws SQLException {
        try {
            while (!queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                rethrow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while importing", "57014", e);
        }
    }

    private void start(Connection connection, boolean extra) {
        Thread t = new Thread(() -> stream(connection, extra), "purser-copy-" + importId + "-" + threads.size());
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private void stream(Connection connection, boolean extra) {
        CopyIn copy = null;
        LocalDate current = null;
        try {
            var api = connection.unwrap(PGConnection.class).getCopyAPI();
            while (!aborting) {
                Chunk chunk = queue.poll(100, TimeUnit.MILLISECONDS);
                if (chunk == null) {
                    continue;
                }
                if (chunk == END) {
                    break;
                }
                if (!chunk.month().equals(current)) {
                    if (copy != null) {
                        copy.writeToCopy(CopyBinary.TRAILER, 0, CopyBinary.TRAILER.length);
                        copy.endCopy();
                    }
                    copy = null;
                    copy = api.copyIn("COPY " + leafName(importId, chunk.month()) + LineItemCopyEncoder.COLUMNS_AND_FROM
                            + " (FORMAT binary)");
                    copy.writeToCopy(CopyBinary.HEADER, 0, CopyBinary.HEADER.length);
                    current = chunk.month();
                }
                copy.writeToCopy(chunk.bytes(), 0, chunk.bytes().length);
            }
            if (copy != null && !aborting) {
                copy.writeToCopy(CopyBinary.TRAILER, 0, CopyBinary.TRAILER.length);
                copy.endCopy();
                copy = null;
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
            aborting = true;
        } finally {
            if (copy != null && copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException e) {
                    log.debug("cancelling a COPY stream of import {}", importId, e);
                }
            }
            if (extra) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    log.debug("returning a COPY connection of import {}", importId, e);
                }
                workers.remove(connection);
            }
        }
    }

    private void join() {
        boolean interrupted = false;
        for (Thread t : threads) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                    aborting = true;
                }
            }
        }
        threads.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void rethrow() throws SQLException {
        Throwable t = failure.get();
        if (t == null) {
            return;
        }
        if (t instanceof SQLException e) {
            throw e;
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new SQLException("a COPY stream failed: " + t, "XX000", t);
    }
}
