package dev.purser.bot.chat;

import dev.purser.commands.CommandContext;
import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.Principal;
import dev.purser.commands.Role;
import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.reply.Reply;
import dev.purser.core.alerts.PlanThread;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages that show a subject ({@code plan:7}) and are kept current: each face records where it
 * posted a reply marked {@link Reply#live()} ({@link #posted}), and when the subject is announced
 * as changed ({@link #refresh}, or the engine's {@code SubjectChanges} this listens to) the
 * subject's view is rendered again and every recorded message is updated in place, on every
 * platform: approving in Discord updates the Slack message of the same plan, and the reverse.
 *
 * <p>State: where the messages are lives in PostgreSQL ({@code live_message}), so the instance
 * that handles a click updates messages another instance posted. The subject's content (a plan's
 * tally) belongs to whoever owns it; this only asks for its current view by running the reply's
 * refresh command, once per subject and refresh, as {@link #VIEWER}: the message is public, so it
 * shows what anyone may see, never what the clicker alone may.
 *
 * <p>Failures: an update that the platform answers "message gone" forgets the record; any other
 * failure is logged and the record kept for the next change. A refresh command that answers an
 * error (the subject was deleted) leaves the messages as they were.
 *
 * <p>Threads: {@link #refresh} hands the work to the executor and returns at once, so the command
 * that announced the change is not held up by Slack or Discord.
 */
public final class LiveMessages implements Consumer<String> {

    private static final Logger LOG = LoggerFactory.getLogger(LiveMessages.class);

    /** Who renders a live view: anyone in the channel may read it. */
    public static final Principal VIEWER = new Principal("purser:live", "Purser", EnumSet.of(Role.VIEWER), false);

    /** One face's way to update a message it posted. */
    public interface Face {
        /** {@code slack} or {@code discord}, as recorded. */
        String platform();

        /** Replaces the message's content with the reply. */
        Outcome update(String channel, String messageId, Reply reply);
    }

    /** What became of an update. */
    public enum Outcome {
        UPDATED,
        /** The platform says the message (or its channel) no longer exists: forget it. */
        GONE,
        /** Anything else: logged, kept for the next change. */
        FAILED
    }

    /** A recorded message. */
    public record Posted(String subject, String platform, String channel, String messageId, FollowUp refresh) {
    }

    private final DataSource database;
    private final CommandDispatcher dispatcher;
    private final Clock clock;
    private final Executor executor;
    private final Map<String, Face> faces = new ConcurrentHashMap<>();

    public LiveMessages(DataSource database, CommandDispatcher dispatcher, Clock clock, Executor executor) {
        this.database = Objects.requireNonNull(database, "database");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** Lets this instance update the face's messages; a platform without a face here is skipped. */
    public void register(Face face) {
        faces.put(face.platform(), face);
    }

    /**
     * Records that a live reply was posted; the same message posted again keeps one record.
     *
     * @throws IllegalStateException when the database cannot be written
     */
    public void posted(Reply.Live live, String platform, String channel, String messageId) {
        Objects.requireNonNull(live, "live");
        try (Connection c = database.getConnection();
                PreparedStatement upsert = c.prepareStatement("INSERT INTO live_message (subject, platform, channel,"
                        + " message_id, refresh, posted_at) VALUES (?, ?, ?, ?, ?::jsonb, ?)"
                        + " ON CONFLICT (platform, channel, message_id) DO UPDATE SET subject = excluded.subject,"
                        + " refresh = excluded.refresh")) {
            upsert.setString(1, live.subject());
            upsert.setString(2, platform);
            upsert.setString(3, channel);
            upsert.setString(4, messageId);
            upsert.setString(5, FollowUpJson.write(live.refresh()));
            upsert.setTimestamp(6, Timestamp.from(clock.instant()));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record the live message of " + live.subject(), e);
        }
    }

    /** Every message recorded for the subject, oldest first. */
    public List<Posted> messages(String subject) {
        List<Posted> out = new ArrayList<>();
        try (Connection c = database.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT platform, channel, message_id, refresh::text"
                        + " FROM live_message WHERE subject = ? ORDER BY posted_at, platform, channel, message_id")) {
            select.setString(1, subject);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    out.add(new Posted(subject, rs.getString(1), rs.getString(2), rs.getString(3),
                            FollowUpJson.read(rs.getString(4))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the live messages of " + subject, e);
        }
        return out;
    }

    /**
     * Where the subject's messages were posted, as threads its news is told in (a plan's phase
     * moves), oldest first; any instance may read them.
     *
     * @throws IllegalStateException when the database cannot be read
     */
    public static List<PlanThread> threads(DataSource database, String subject) {
        List<PlanThread> out = new ArrayList<>();
        try (Connection c = database.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT platform, channel, message_id, posted_at"
                        + " FROM live_message WHERE subject = ? ORDER BY posted_at, platform, channel, message_id")) {
            select.setString(1, subject);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    out.add(new PlanThread(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the live messages of " + subject, e);
        }
        return out;
    }

    /** {@link dev.purser.core.live.SubjectChanges}' listener: refreshes in the background. */
    @Override
    public void accept(String subject) {
        refresh(subject);
    }

    /** Updates every message showing the subject, in the background. */
    public void refresh(String subject) {
        try {
            executor.execute(() -> {
                try {
                    refreshNow(subject);
                } catch (RuntimeException e) {
                    LOG.warn("refreshing the messages of {} failed", subject, e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("refreshing the messages of {} was turned away (shutting down or busy)", subject);
        }
    }

    /**
     * Updates every message showing the subject now.
     *
     * @return how many messages were updated
     */
    public int refreshNow(String subject) {
        Map<FollowUp, Reply> views = new LinkedHashMap<>();
        int updated = 0;
        for (Posted p : messages(subject)) {
            Face face = faces.get(p.platform());
            if (face == null) {
                LOG.debug("no {} face here to update {} of {}", p.platform(), p.messageId(), subject);
                continue;
            }
            Reply view = views.computeIfAbsent(p.refresh(), refresh -> dispatcher.run(
                    new CommandContext(VIEWER, p.platform()).withRequestId("live-" + subject), refresh));
            if (view.isError()) {
                LOG.warn("the view of {} answered {}; its messages stay as they are", subject, view.error().code());
                continue;
            }
            // The refreshed view is live too, or a refresh would strip the mark of the reply it replaces.
            Reply live = view.live().isPresent() ? view : withLive(view, new Reply.Live(subject, p.refresh()));
            Outcome outcome;
            try {
                outcome = face.update(p.channel(), p.messageId(), live);
            } catch (RuntimeException e) {
                LOG.warn("updating {} message {} of {} failed", p.platform(), p.messageId(), subject, e);
                outcome = Outcome.FAILED;
            }
            switch (outcome) {
                case UPDATED -> updated++;
                case GONE -> forget(p);
                case FAILED -> LOG.warn("{} message {} of {} was not updated", p.platform(), p.messageId(), subject);
            }
        }
        return updated;
    }

    private static Reply withLive(Reply r, Reply.Live live) {
        return new Reply(r.command(), r.title(), r.summary(), r.figures(), r.tables(), r.codeBlocks(), r.charts(),
                r.followUps(), r.notes(), r.error(), r.requestId(), r.conversation(), java.util.Optional.of(live));
    }

    private void forget(Posted p) {
        try (Connection c = database.getConnection();
                PreparedStatement delete = c.prepareStatement(
                        "DELETE FROM live_message WHERE platform = ? AND channel = ? AND message_id = ?")) {
            delete.setString(1, p.platform());
            delete.setString(2, p.channel());
            delete.setString(3, p.messageId());
            delete.executeUpdate();
            LOG.info("{} message {} of {} is gone; no longer updated", p.platform(), p.messageId(), p.subject());
        } catch (SQLException e) {
            LOG.warn("could not forget {} message {}", p.platform(), p.messageId(), e);
        }
    }
}
