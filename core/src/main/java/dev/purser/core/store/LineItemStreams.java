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
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
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
 * {@code COPY ... (FORMAT binary)} streams, each on its own connection and in its own transaction,
 * into leaves of its own ({@code cost_line_item_pYYYYMM_iN_sK}: import N, month, stream K), which
 * are not yet attached to {@code cost_line_item} and so invisible to every query.
 *
 * <p>Why a leaf per stream: a stream creates its leaf in the transaction that fills it, so a server
 * at {@code wal_level=minimal} (the embedded one) writes no WAL for those rows, and it builds the
 * leaf's index before it commits, in parallel with the other streams; ATTACH then adopts that
 * index. Which stream sends a buffer is settled when the buffer starts filling (its rows carry the
 * stream's number, the leaf's partition key): buffers go round the streams in turn.
 *
 * <p>Streams: the first is the import's own connection, inside its transaction. Once a file has
 * sent {@link Tuning#parallelAfterChunks} buffers (so small imports never pay for it), up to
 * {@link Tuning#streams} − 1 more connections join, each committing its leaves when the rows are
 * in. All-or-nothing still holds because nothing reads a leaf before the import's transaction
 * attaches it ({@link CostLoad#commit}); a failed import drops the leaves its extra streams
 * committed ({@link #dropLeaves}), and a killed one leaves them to {@code purser_cost_sweep_loads()},
 * which the next import runs (the import's transaction-level advisory lock tells a live import's
 * leaves from a dead one's).
 *
 * <p>Not thread-safe: one caller adds rows; the streams run on threads of their own.
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

    /** Where rows of one billing month are encoded, and the stream whose leaf they are bound for. */
    static final class Fill {
        private final LocalDate month;
        private final CopyBinary buffer;
        private int stream;

        private Fill(LocalDate month, CopyBinary buffer, int stream) {
            this.month = month;
            this.buffer = buffer;
            this.stream = stream;
        }

        CopyBinary buffer() {
            return buffer;
        }

        /** The stream number every row encoded into {@link #buffer} now must carry. */
        int stream() {
            return stream;
        }
    }

    private record Chunk(LocalDate month, byte[] bytes) {
    }

    private final DataSource dataSource;
    private final Connection main;
    private final long importId;
    private final Tuning tuning;
    private final Map<LocalDate, Fill> fills = new HashMap<>();
    private final SortedSet<LocalDate> months = new TreeSet<>();
    private final List<Stream> streams = new ArrayList<>();
    private final Set<String> committedLeaves = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean aborting;
    private boolean widened;
    private long chunksSent;
    private long nextStream;

    // one-entry cache: consecutive rows usually bill the same month
    private LocalDate lastMonth;
    private Fill lastFill;

    LineItemStreams(DataSource dataSource, Connection main, long importId, Tuning tuning) {
        this.dataSource = dataSource;
        this.main = main;
        this.importId = importId;
        this.tuning = tuning;
    }

    /** The name of an import's leaf for one billing month (its first day). */
    static String leafName(long importId, LocalDate month) {
        return "cost_line_item_p" + YYYYMM.format(month) + "_i" + importId;
    }

    /** The name of one stream's leaf of an import's billing month. */
    static String leafName(long importId, LocalDate month, int stream) {
        return leafName(importId, month) + "_s" + stream;
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

    /** Where rows billed in {@code month} (a first of month) are encoded. */
    Fill fill(LocalDate month) {
        if (month.equals(lastMonth)) {
            return lastFill;
        }
        Fill f = fills.get(month);
        if (f == null) {
            f = new Fill(month, new CopyBinary(tuning.chunkChars() + 8192), nextDestination());
            fills.put(month, f);
        }
        lastMonth = month;
        lastFill = f;
        return f;
    }

    /** Call after each row encoded into {@code fill}: sends its buffer once full. */
    void rowAdded(Fill fill) throws SQLException {
        if (fill.buffer.length() >= tuning.chunkChars()) {
            send(fill);
        }
    }

    /** The billing months that have leaves. */
    SortedSet<LocalDate> months() {
        return Collections.unmodifiableSortedSet(months);
    }

    /**
     * Sends what is buffered, ends every stream and waits for them: afterwards every row is in
     * its leaf, indexed (committed by the extra streams, pending in the import's transaction for
     * its own).
     *
     * @throws SQLException the first failure of any stream
     */
    void finish() throws SQLException {
        for (Fill f : new TreeMap<>(fills).values()) {
            if (f.buffer.length() > 0) {
                send(f);
            }
        }
        for (Stream stream : streams) {
            put(stream, END);
        }
        join();
        rethrow();
    }

    /** Stops every stream without waiting for what is queued. */
    void abort() {
        aborting = true;
        streams.forEach(s -> s.queue.clear());
        join();
    }

    /** Drops the leaves the extra streams committed (after the import's transaction rolled back); best effort. */
    void dropLeaves() {
        if (committedLeaves.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            for (String leaf : committedLeaves) {
                try (PreparedStatement ps = c.prepareStatement("DROP TABLE IF EXISTS " + leaf)) {
                    ps.execute();
                }
            }
        } catch (SQLException e) {
            // the leaves are not attached, so no query sees them; the next import's sweep drops them
            log.warn("could not drop the unattached leaves of failed import {}; the next import drops them", importId, e);
        }
    }

    // ---------------------------------------------------------------------------------------

    private void send(Fill fill) throws SQLException {
        rethrow();
        if (streams.isEmpty()) {
            start(main, false);
        }
        months.add(fill.month);
        put(streams.get(fill.stream), new Chunk(fill.month, fill.buffer.drain()));
        chunksSent++;
        fill.stream = nextDestination();
    }

    /** The stream the next buffer goes to: the import's own until more streams join, then each in turn. */
    private int nextDestination() {
        if (!widened && chunksSent >= tuning.parallelAfterChunks() && tuning.streams() > 1 && !streams.isEmpty()) {
            widened = true;
            while (streams.size() < tuning.streams()) {
                Connection worker;
                try {
                    worker = dataSource.getConnection();
                    worker.setAutoCommit(false);
                } catch (SQLException e) {
                    // a busy pool (other imports, other work) costs speed, not the import
                    log.info("import {} continues on {} COPY stream(s): no connection for another ({})", importId,
                            streams.size(), e.getMessage());
                    break;
                }
                start(worker, true);
            }
        }
        int active = Math.max(1, streams.size());
        return (int) (nextStream++ % active);
    }

    private void put(Stream stream, Chunk chunk) throws SQLException {
        try {
            while (!stream.queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                rethrow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while importing", "57014", e);
        }
    }

    private void start(Connection connection, boolean extra) {
        Stream stream = new Stream(streams.size(), connection, extra);
        streams.add(stream);
        stream.thread.start();
    }

    /** One COPY connection, its queue of buffers and the leaves it made. */
    private final class Stream {
        final int number;
        final Connection connection;
        final boolean extra;
        final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(2);
        final Thread thread;

        Stream(int number, Connection connection, boolean extra) {
            this.number = number;
            this.connection = connection;
            this.extra = extra;
            this.thread = new Thread(this::run, "purser-copy-" + importId + "-" + number);
            this.thread.setDaemon(true);
        }

        private void run() {
            CopyIn copy = null;
            LocalDate current = null;
            Set<LocalDate> made = new TreeSet<>();
            boolean committed = false;
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
                        end(copy);
                        copy = null;
                        if (made.add(chunk.month())) {
                            createLeaf(chunk.month());
                        }
                        copy = api.copyIn("COPY " + leafName(importId, chunk.month(), number)
                                + LineItemCopyEncoder.COLUMNS_AND_FROM + " (FORMAT binary)");
                        copy.writeToCopy(CopyBinary.HEADER, 0, CopyBinary.HEADER.length);
                        current = chunk.month();
                    }
                    copy.writeToCopy(chunk.bytes(), 0, chunk.bytes().length);
                }
                if (aborting) {
                    return;
                }
                end(copy);
                copy = null;
                for (LocalDate month : made) {
                    // the index ATTACH would otherwise build, one leaf after another, in the import's transaction
                    execute("CREATE INDEX ON " + leafName(importId, month, number) + " (charge_period_start)");
                }
                if (extra) {
                    connection.commit();
                    committed = true;
                    made.forEach(m -> committedLeaves.add(leafName(importId, m, number)));
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
                        if (!committed) {
                            connection.rollback();
                        }
                        connection.close();
                    } catch (SQLException e) {
                        log.debug("returning a COPY connection of import {}", importId, e);
                    }
                }
            }
        }

        private void end(CopyIn copy) throws SQLException {
            if (copy != null) {
                copy.writeToCopy(CopyBinary.TRAILER, 0, CopyBinary.TRAILER.length);
                copy.endCopy();
            }
        }

        private void createLeaf(LocalDate month) throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement("SELECT purser_cost_stream_table(?, ?, ?)")) {
                ps.setLong(1, importId);
                ps.setObject(2, month);
                ps.setInt(3, number);
                ps.execute();
            }
        }

        /** Runs one statement made only of Purser's own table names. */
        private void execute(String sql) throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.execute();
            }
        }
    }

    private void join() {
        boolean interrupted = false;
        for (Stream stream : streams) {
            while (stream.thread.isAlive()) {
                try {
                    stream.thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                    aborting = true;
                }
            }
        }
        streams.clear();
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
