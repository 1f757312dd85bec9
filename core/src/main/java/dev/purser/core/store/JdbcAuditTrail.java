package dev.purser.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.purser.core.audit.AuditChain;
import dev.purser.core.audit.AuditEntry;
import dev.purser.core.audit.AuditEvent;
import dev.purser.core.audit.AuditExport;
import dev.purser.core.audit.AuditTrail;
import dev.purser.core.audit.AuditVerification;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * {@link AuditTrail} in PostgreSQL: table {@code audit_entry}, one row per entry, and the one-row
 * table {@code audit_chain_head} holding the last entry's sequence and hash (migration V7).
 *
 * <p><b>The chain.</b> Each entry's hash is SHA-256, hex, of the previous entry's hash and the
 * entry's canonical form: sequence, time (UTC, microseconds), kind, subject, actor and the details
 * sorted by key, each length-prefixed. {@link AuditChain} defines the form byte for byte; this
 * class only stores what it computes.
 *
 * <p><b>Concurrency.</b> An append locks the chain-head row ({@code SELECT ... FOR UPDATE}), reads
 * the last sequence and hash from it, inserts entry {@code sequence + 1} and moves the head, all in
 * one transaction. The row lock is held by PostgreSQL, so appenders in other threads, other
 * connections and other processes wait their turn: the chain stays linear, without gaps or
 * forks. The time is taken after the lock is held, so times never go backwards along the chain
 * (on one clock).
 *
 * <p><b>Append-only.</b> Triggers refuse {@code UPDATE}, {@code DELETE} and {@code TRUNCATE} of
 * entries and any move of the head other than one step forward onto the entry just inserted. Only
 * someone who disables the triggers can change the record, and {@link #verify()} then names the
 * first entry that no longer matches: a changed entry (its content no longer hashes to its stored
 * hash), a broken link (its previous hash is not the hash of the entry before), a gap (an entry is
 * missing), or a chain whose end disagrees with the head (the newest entries deleted, or an entry
 * inserted behind the trail's back).
 *
 * <p>Text PostgreSQL cannot store (the NUL character) is refused when appended, not silently
 * altered, since an altered value would no longer hash as written.
 */
public final class JdbcAuditTrail implements AuditTrail, AuditExport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "sequence, recorded_at, kind, subject, actor, details::text, previous_hash, hash";
    private static final int FETCH = 500;

    private final DataSource dataSource;
    private final Clock clock;

    public JdbcAuditTrail(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public AuditEntry append(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                AuditEntry entry = append(c, event);
                c.commit();
                return entry;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /**
     * Appends inside the caller's transaction, so an event and the change it records commit or
     * roll back together (a plan's new revision and its {@code plan.revised} entry). The head row
     * stays locked until the caller commits: keep such transactions short. Under READ COMMITTED
     * (PostgreSQL's default) a waiting appender reads the head its predecessor committed; under
     * REPEATABLE READ or SERIALIZABLE it would fail with a serialization error instead.
     *
     * @param c a connection with auto-commit off
     */
    public AuditEntry append(Connection c, AuditEvent event) throws SQLException {
        Objects.requireNonNull(event, "event");
        if (c.getAutoCommit()) {
            throw new IllegalArgumentException("append(Connection, ...) needs a transaction: auto-commit is on");
        }
        refuseNul(event);
        long last;
        String previous;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT sequence, hash FROM audit_chain_head WHERE id FOR UPDATE");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new PurserException(ErrorCode.DATABASE_ERROR, "the audit chain head row is missing");
            }
            last = rs.getLong(1);
            previous = rs.getString(2);
        }
        long sequence = last + 1;
        Instant at = AuditChain.storedTime(clock.instant());
        String hash = AuditChain.hash(previous, AuditChain.canonicalForm(sequence, at, event));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_entry (sequence, recorded_at, kind, subject, "
                + "actor, details, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?)")) {
            ps.setLong(1, sequence);
            ps.setObject(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            ps.setString(3, event.kind());
            ps.setString(4, event.subject());
            ps.setString(5, event.actor());
            ps.setString(6, detailsJson(event.details()));
            ps.setString(7, previous);
            ps.setString(8, hash);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE audit_chain_head SET sequence = ?, hash = ? WHERE id")) {
            ps.setLong(1, sequence);
            ps.setString(2, hash);
            ps.executeUpdate();
        }
        return new AuditEntry(sequence, at, event, previous, hash);
    }

    @Override
    public List<AuditEntry> entries(String subject) {
        Objects.requireNonNull(subject, "subject");
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                     + " FROM audit_entry WHERE subject = ? ORDER BY sequence")) {
            ps.setString(1, subject);
            List<AuditEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(entry(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public long forEach(Optional<Instant> since, Consumer<AuditEntry> sink) {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(sink, "sink");
        try (Connection c = connection()) {
            // a cursor (auto-commit off, a fetch size) so a long trail streams instead of loading whole
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_entry"
                    + (since.isPresent() ? " WHERE recorded_at >= ?" : "") + " ORDER BY sequence")) {
                if (since.isPresent()) {
                    ps.setObject(1, OffsetDateTime.ofInstant(since.get(), ZoneOffset.UTC));
                }
                ps.setFetchSize(FETCH);
                long n = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(entry(rs));
                        n++;
                    }
                }
                c.commit();
                return n;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public AuditVerification verify() {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            // one snapshot for the head and the entries: an append commits both together
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                AuditVerification v = verify(c);
                c.commit();
                return v;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static AuditVerification verify(Connection c) throws SQLException {
        long headSequence;
        String headHash;
        try (PreparedStatement ps = c.prepareStatement("SELECT sequence, hash FROM audit_chain_head WHERE id");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return new AuditVerification(0, Optional.of(1L), "the chain head row is missing, so the chain's end "
                        + "cannot be checked");
            }
            headSequence = rs.getLong(1);
            headHash = rs.getString(2);
        }
        long checked = 0;
        long previousSequence = 0;
        String previousHash = AuditChain.GENESIS;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_entry ORDER BY sequence")) {
            ps.setFetchSize(FETCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    AuditEntry e = entry(rs);
                    long expected = previousSequence + 1;
                    if (e.sequence() != expected) {
                        return mismatch(checked, expected, "gap in sequence: entry " + expected
                                + (e.sequence() - expected > 1 ? ".." + (e.sequence() - 1) : "") + " is missing "
                                + "(the trail goes from entry " + previousSequence + " to entry " + e.sequence() + ")");
                    }
                    if (!e.previousHash().equals(previousHash)) {
                        return mismatch(checked, e.sequence(), "broken link: entry " + e.sequence()
                                + " records previous hash " + e.previousHash() + ", but "
                                + (previousSequence == 0 ? "the first entry's previous hash is " + previousHash
                                : "entry " + previousSequence + "'s hash is " + previousHash));
                    }
                    checked++;
                    String recomputed = AuditChain.expectedHash(e);
                    if (!recomputed.equals(e.hash())) {
                        return mismatch(checked, e.sequence(), "hash mismatch: entry " + e.sequence()
                                + " (" + e.event().kind() + " on " + e.event().subject() + ") was changed after it "
                                + "was recorded; its content hashes to " + recomputed + ", not to the stored "
                                + e.hash());
                    }
                    previousSequence = e.sequence();
                    previousHash = e.hash();
                }
            }
        }
        if (headSequence > previousSequence) {
            return mismatch(checked, previousSequence + 1, "gap in sequence: entry " + (previousSequence + 1)
                    + (headSequence > previousSequence + 1 ? ".." + headSequence : "") + " is missing (the chain head "
                    + "records " + headSequence + " entries, the trail ends at entry " + previousSequence + ")");
        }
        if (headSequence < previousSequence) {
            return mismatch(checked, headSequence + 1, "entry " + (headSequence + 1) + " was not appended through the "
                    + "trail: the chain head records " + headSequence + " entries, the trail holds " + previousSequence);
        }
        if (!headHash.equals(previousHash)) {
            return mismatch(checked, previousSequence, "hash mismatch: entry " + previousSequence + "'s hash "
                    + previousHash + " is not the one the chain head recorded when it was appended (" + headHash + ")");
        }
        return new AuditVerification(checked, Optional.empty(), "");
    }

    private static AuditVerification mismatch(long checked, long sequence, String reason) {
        return new AuditVerification(checked, Optional.of(sequence), reason);
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        Instant at = rs.getObject(2, OffsetDateTime.class).toInstant();
        AuditEvent event = new AuditEvent(rs.getString(3), rs.getString(4), rs.getString(5), details(rs.getString(6)));
        return new AuditEntry(rs.getLong(1), at, event, rs.getString(7), rs.getString(8));
    }

    private static String detailsJson(Map<String, String> details) {
        ObjectNode o = JSON.createObjectNode();
        details.forEach(o::put);
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an object of strings always serializes", e);
        }
    }

    private static TreeMap<String, String> details(String json) {
        TreeMap<String, String> out = new TreeMap<>();
        try {
            JsonNode o = JSON.readTree(json);
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                // a value tampered into a non-string still reads, as its JSON text, and fails the hash
                out.put(f.getKey(), f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString());
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("PostgreSQL returned jsonb that is not JSON", e);
        }
        return out;
    }

    private static void refuseNul(AuditEvent event) {
        refuseNul("kind", event.kind());
        refuseNul("subject", event.subject());
        refuseNul("actor", event.actor());
        event.details().forEach((k, v) -> {
            refuseNul("detail key", k);
            refuseNul("detail " + k, v);
        });
    }

    private static void refuseNul(String field, String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("audit " + field + " contains a NUL character, which the trail "
                    + "cannot store as written");
        }
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
                "the audit trail failed in the database (SQL state " + e.getSQLState() + ")", e);
    }
}
