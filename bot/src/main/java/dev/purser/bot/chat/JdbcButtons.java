package dev.purser.bot.chat;

import dev.purser.commands.reply.FollowUp;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buttons kept in PostgreSQL ({@code chat_button}), so a click reaches whichever
 * {@code purser serve} instance holds the gateway session or the request, not only the one that
 * sent the message, and survives a restart.
 *
 * <p>Expiry: a button works for {@code ttl} after its message was sent (a day by default, as
 * before), judged by the injected clock on read, so a stale row is never used even before it is
 * swept. Expired rows are deleted a few at a time as new buttons are made, so the table stays
 * the size of a day of answers without a separate job.
 *
 * <p>Failure: a database that cannot be reached makes {@link #remember} throw (the answer is then
 * sent as an error with a reference, never with a dead button) and {@link #recall} answer empty
 * (the click gets "expired", and the log says why).
 */
public final class JdbcButtons implements Buttons {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcButtons.class);
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SWEEP = 100;

    private final DataSource database;
    private final Clock clock;
    private final Duration ttl;
    private final Supplier<String> ids;

    /** @param ttl how long a button works after it was made */
    public JdbcButtons(DataSource database, Clock clock, Duration ttl) {
        this(database, clock, ttl, JdbcButtons::randomId);
    }

    JdbcButtons(DataSource database, Clock clock, Duration ttl, Supplier<String> ids) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.ids = Objects.requireNonNull(ids, "ids");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("button ttl must be positive: " + ttl);
        }
    }

    @Override
    public String remember(FollowUp followUp) {
        Objects.requireNonNull(followUp, "followUp");
        Instant now = clock.instant();
        String json = FollowUpJson.write(followUp);
        try (Connection c = database.getConnection()) {
            sweep(c, now);
            // 12 characters of 62 make a collision unlikely; the primary key makes one harmless
            for (int attempt = 0; attempt < 5; attempt++) {
                String id = ids.get();
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO chat_button (id, follow_up, created_at,"
                        + " expires_at) VALUES (?, ?::jsonb, ?, ?) ON CONFLICT (id) DO NOTHING")) {
                    insert.setString(1, id);
                    insert.setString(2, json);
                    insert.setTimestamp(3, Timestamp.from(now));
                    insert.setTimestamp(4, Timestamp.from(now.plus(ttl)));
                    if (insert.executeUpdate() == 1) {
                        return PREFIX + id;
                    }
                }
            }
            throw new IllegalStateException("no free button id after 5 attempts");
        } catch (SQLException e) {
            throw new IllegalStateException("could not keep a button's follow-up", e);
        }
    }

    @Override
    public Optional<FollowUp> recall(String buttonId) {
        if (buttonId == null || !buttonId.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try (Connection c = database.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "SELECT follow_up::text FROM chat_button WHERE id = ? AND expires_at > ?")) {
            select.setString(1, buttonId.substring(PREFIX.length()));
            select.setTimestamp(2, Timestamp.from(clock.instant()));
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(FollowUpJson.read(rs.getString(1))) : Optional.empty();
            }
        } catch (SQLException | IllegalStateException e) {
            LOG.warn("could not read button {}", buttonId, e);
            return Optional.empty();
        }
    }

    /** Buttons that still work. */
    public int size() {
        try (Connection c = database.getConnection();
                PreparedStatement count = c.prepareStatement("SELECT count(*) FROM chat_button WHERE expires_at > ?")) {
            count.setTimestamp(1, Timestamp.from(clock.instant()));
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not count buttons", e);
        }
    }

    private static void sweep(Connection c, Instant now) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM chat_button WHERE id IN (SELECT id FROM"
                + " chat_button WHERE expires_at <= ? ORDER BY expires_at LIMIT " + SWEEP + ")")) {
            delete.setTimestamp(1, Timestamp.from(now));
            delete.executeUpdate();
        }
    }

    private static String randomId() {
        char[] id = new char[12];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }
}
