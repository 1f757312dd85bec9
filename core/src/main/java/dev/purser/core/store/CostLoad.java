package dev.purser.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.ingest.CostBatch;
import dev.purser.core.ingest.DayRange;
import dev.purser.core.model.CostLineItem;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lands one file's cost rows in one transaction: {@link #begin}, {@link #add} each row,
 * {@link #commit}. Closing without committing rolls everything back, so a file that fails
 * half-way leaves nothing behind.
 *
 * <p>Throughput: rows are encoded as binary {@code COPY} tuples ({@link LineItemCopyEncoder},
 * {@link CopyBinary}: the server parses no timestamp or number) and go,
 * through {@link LineItemStreams}, over one or more parallel COPY streams into leaves of
 * {@code cost_line_item} of this import's own (one per billing month and stream), while
 * {@link DailyRollup} sums the daily and monthly rollups in memory. The server writes each row
 * once, into a table created in the same transaction (no WAL at {@code wal_level=minimal}); each
 * stream indexes its leaves before it commits, and attaching adopts those indexes.
 *
 * <p>All or nothing: nothing reads a leaf before {@link #commit} attaches it, in the import's
 * transaction, after the replacement below; the rollups, coverage and import record are written
 * in that same transaction. A failed load drops its leaves; a killed one leaves unattached
 * leaves that the next load sweeps away.
 *
 * <p>Replacement: on commit the load's {@link ImportIdentity} removes what earlier loads of the
 * same identity wrote: by (source, billing account, billing month) for files
 * ({@link CoverageIdentity}: the earlier import's leaf of that month is dropped whole when all of
 * it is replaced, otherwise only that leaf is searched), or by (source, billing account, charge
 * day) for {@link #beginDays day-range} pulls ({@link DayRangeIdentity}). A transaction-scoped
 * advisory lock per source keeps two imports of the same source from interleaving; another,
 * taken only for the commit, serialises the partition changes of all imports, so concurrent
 * imports of different files never race to create a month or deadlock on attaching to it.
 *
 * <p>Not thread-safe; one instance per file.
 */
public final class CostLoad implements CostBatch {

    private static final Logger log = LoggerFactory.getLogger(CostLoad.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FLUSH_CHARS = 1 << 17;

    private final Connection connection;
    private final String source;
    private final String fileName;
    private final long importId;
    private final String sourceText;
    private final ImportIdentity identity;
    private final LineItemCopyEncoder encoder;
    private final LineItemStreams streams;
    private final DailyRollup rollup = new DailyRollup();
    private final CopyText out = new CopyText(FLUSH_CHARS + 8192);
    private CopyIn copy;
    private boolean committed;
    private long rows;

    // one-entry cache: consecutive rows usually share their billing period
    private Instant lastBillingStart;
    private LocalDate lastBillingMonth;

    private CostLoad(Connection connection, String source, String fileName, long importId, LineItemStreams streams,
                     ImportIdentity identity) {
        this.connection = connection;
        this.source = source;
        this.fileName = fileName;
        this.importId = importId;
        this.sourceText = CopyText.escape(source);
        this.identity = identity;
        this.encoder = new LineItemCopyEncoder(importId, source);
        this.streams = streams;
    }

    /**
     * Opens a transaction, records the import and starts streaming rows. The load's identity is
     * the billing accounts and months its rows cover.
     *
     * @param source   the importer kind ({@code focus}, {@code cur}, ...); part of the identity
     * @param fileName for the import record and error messages
     * @throws PurserException DATABASE_UNAVAILABLE or DATABASE_ERROR
     */
    public static CostLoad begin(DataSource dataSource, String source, String fileName, Instant importedAt) {
        return open(dataSource, source, fileName, importedAt, CoverageIdentity.INSTANCE,
                LineItemStreams.Tuning.forThisMachine());
    }

    /** As {@link #begin}, with the COPY streams tuned (tests force several streams on small files). */
    static CostLoad begin(DataSource dataSource, String source, String fileName, Instant importedAt,
                          LineItemStreams.Tuning tuning) {
        return open(dataSource, source, fileName, importedAt, CoverageIdentity.INSTANCE, tuning);
    }

    /**
     * As {@link #begin}, but the load's identity is {@code range}: on commit it replaces what
     * earlier loads of {@code source} wrote for those accounts on those charge days, and
     * {@link #add} refuses rows outside it.
     *
     * @throws PurserException DATABASE_UNAVAILABLE or DATABASE_ERROR
     */
    public static CostLoad beginDays(DataSource dataSource, String source, String fileName, Instant importedAt,
                                     DayRange range) {
        Objects.requireNonNull(range, "range");
        return beginDays(dataSource, source, fileName, importedAt, range, LineItemStreams.Tuning.forThisMachine());
    }

    /** As {@link #beginDays}, with the COPY streams tuned. */
    static CostLoad beginDays(DataSource dataSource, String source, String fileName, Instant importedAt,
                              DayRange range, LineItemStreams.Tuning tuning) {
        Objects.requireNonNull(range, "range");
        return open(dataSource, source, fileName, importedAt, new DayRangeIdentity(range), tuning);
    }

    private static CostLoad open(DataSource dataSource, String source, String fileName, Instant importedAt,
                                 ImportIdentity identity, LineItemStreams.Tuning tuning) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(importedAt, "importedAt");
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            throw new PurserException(ErrorCode.DATABASE_UNAVAILABLE,
                    "cannot reach Purser's database to import " + fileName, e);
        }
        try {
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                lock.setString(1, "purser.cost_import." + source);
                lock.execute();
            }
            long id;
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO cost_import (source, file_name, imported_at) VALUES (?, ?, ?) RETURNING id")) {
                insert.setString(1, source);
                insert.setString(2, fileName);
                insert.setTimestamp(3, Timestamp.from(importedAt));
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            // held until this transaction ends: tells the sweep that this import's leaves are alive
            try (PreparedStatement alive = c.prepareStatement(
                    "SELECT pg_advisory_xact_lock(hashtextextended('purser.cost_load.' || ?, 0))")) {
                alive.setLong(1, id);
                alive.execute();
            }
            int swept = LineItemStreams.sweep(dataSource);
            if (swept > 0) {
                log.info("dropped {} unattached line-item leaves left by imports that did not finish", swept);
            }
            return new CostLoad(c, source, fileName, id, new LineItemStreams(dataSource, c, id, tuning), identity);
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
                c.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e instanceof RuntimeException r ? r : databaseError(fileName, (SQLException) e);
        }
    }

    /** The id of the {@code cost_import} row this load writes. */
    @Override
    public long importId() {
        return importId;
    }

    /** Rows added so far. */
    @Override
    public long rows() {
        return rows;
    }

    /** Streams one row to the database and adds it to the rollup and totals. */
    @Override
    public void add(CostLineItem item) {
        if (committed) {
            throw new IllegalStateException("load already committed");
        }
        identity.admit(item, rollup.chargeDay(item));
        Instant billingStart = item.billingPeriodStart();
        if (!billingStart.equals(lastBillingStart)) {
            lastBillingStart = billingStart;
            lastBillingMonth = LocalDate.ofInstant(billingStart, ZoneOffset.UTC).withDayOfMonth(1);
        }
        LineItemStreams.Fill fill = streams.fill(lastBillingMonth);
        encoder.encodeBinary(item, fill.stream(), fill.buffer());
        try {
            streams.rowAdded(fill);
        } catch (SQLException e) {
            throw databaseError(fileName, e);
        }
        rollup.add(item);
        rows++;
    }

    /**
     * Replaces earlier imports of the same identity, writes the rollup, coverage and import
     * record, and commits.
     *
     * @throws PurserException DATABASE_ERROR; nothing is committed then
     */
    @Override
    public Landed commit(String sha256, long skippedRows, List<String> tolerated) {
        if (committed) {
            throw new IllegalStateException("load already committed");
        }
        try {
            streams.finish();
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT pg_advisory_xact_lock(hashtext('purser.cost_partitions'))")) {
                lock.execute();
            }
            long replaced = identity.replace(connection, source, importId, rollup.coverage());
            for (LocalDate month : streams.months()) {
                try (PreparedStatement attach = connection.prepareStatement("SELECT purser_cost_attach_load(?, ?)")) {
                    attach.setLong(1, importId);
                    attach.setObject(2, month);
                    attach.execute();
                }
            }
            writeDaily();
            recordImport(sha256, skippedRows, tolerated, replaced);
            connection.commit();
            committed = true;
            return new CostBatch.Landed(importId, rows, rollup.totals(), rollup.firstDay(), rollup.lastDay(),
                    rollup.accounts(), rollup.periods(), replaced);
        } catch (SQLException e) {
            throw databaseError(fileName, e);
        }
    }

    /** Rolls back unless committed, and returns the connection. */
    @Override
    public void close() {
        try {
            if (!committed) {
                streams.abort();
                if (copy != null && copy.isActive()) {
                    copy.cancelCopy();
                }
                connection.rollback();
                streams.dropLeaves();
            }
        } catch (SQLException e) {
            throw databaseError(fileName, e);
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                // the import's outcome is already settled (committed or rolled back); only the
                // connection's return to the pool failed, and the pool discards such connections
                log.warn("could not return a connection to the pool after importing {}", fileName, e);
            }
        }
    }

    // ---------------------------------------------------------------------------------------

    private void writeDaily() throws SQLException {
        CopyIn dailyCopy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(DailyRollup.COPY);
        copy = dailyCopy;
        rollup.encode(out, sourceText, importId, this::flushIfFull);
        flush();
        dailyCopy.endCopy();
        CopyIn monthlyCopy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(DailyRollup.MONTHLY_COPY);
        copy = monthlyCopy;
        rollup.encodeMonthly(out, sourceText, importId, this::flushIfFull);
        flush();
        monthlyCopy.endCopy();
        copy = null;
    }

    private void recordImport(String sha256, long skippedRows, List<String> tolerated, long replaced)
            throws SQLException {
        Map<String, String> totalsJson = new LinkedHashMap<>();
        rollup.totals().forEach((currency, amount) -> totalsJson.put(currency.getCurrencyCode(), amount.toPlainString()));
        Set<String> periodSet = new LinkedHashSet<>();
        for (LocalDate period : rollup.periods()) {
            periodSet.add(period.toString());
        }
        try (PreparedStatement ps = connection.prepareStatement("UPDATE cost_import SET sha256 = ?, row_count = ?,"
                + " totals = ?::jsonb, first_charge_day = ?, last_charge_day = ?, billing_accounts = ?,"
                + " billing_periods = ?::date[], skipped_rows = ?, replaced_rows = ?, tolerated = ?::jsonb"
                + " WHERE id = ?")) {
            ps.setString(1, sha256);
            ps.setLong(2, rows);
            ps.setString(3, toJson(totalsJson));
            ps.setObject(4, rollup.firstDay());
            ps.setObject(5, rollup.lastDay());
            ps.setArray(6, connection.createArrayOf("text", rollup.accounts().toArray(new String[0])));
            ps.setArray(7, connection.createArrayOf("text", periodSet.toArray(new String[0])));
            ps.setLong(8, skippedRows);
            ps.setLong(9, replaced);
            ps.setString(10, toJson(new ArrayList<>(tolerated)));
            ps.setLong(11, importId);
            ps.executeUpdate();
        }
    }

    private void flushIfFull() {
        if (out.length() >= FLUSH_CHARS) {
            flush();
        }
    }

    private void flush() {
        if (out.length() == 0) {
            return;
        }
        byte[] bytes = out.drain();
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw databaseError(fileName, e);
        }
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    static PurserException databaseError(String fileName, SQLException e) {
        String state = e.getSQLState();
        if (state != null && state.startsWith("08")) {
            return new PurserException(ErrorCode.DATABASE_UNAVAILABLE,
                    "lost the connection to Purser's database while importing " + fileName + "; nothing was stored", e);
        }
        return new PurserException(ErrorCode.DATABASE_ERROR,
                "the database refused the import of " + fileName + " (SQL state " + state + "); nothing was stored", e);
    }
}
