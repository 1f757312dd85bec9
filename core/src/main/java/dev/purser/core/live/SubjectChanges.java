package dev.purser.core.live;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the engine announces that something shown to people has changed: a plan's tally after an
 * approval, its content after an edit. Subjects are keys {@code kind:id} ({@code plan:7}); the
 * chat faces listen and update every message that shows the subject, on every platform.
 *
 * <p>Contract for announcers: call {@link #changed} after the change is committed (a listener
 * re-reads the subject from the database, possibly in another process later). Listeners must be
 * quick and must not throw; one that throws is logged and the others are still told. The engine
 * never depends on a listener: with none, announcing does nothing.
 *
 * <p>Thread safety: listeners may subscribe and announcements happen from any thread.
 */
public final class SubjectChanges {

    private static final Logger LOG = LoggerFactory.getLogger(SubjectChanges.class);

    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    /** Tells {@code listener} about every subject announced from now on. */
    public void subscribe(Consumer<String> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Stops telling {@code listener}. */
    public void unsubscribe(Consumer<String> listener) {
        listeners.remove(listener);
    }

    /**
     * Announces that {@code subject} changed.
     *
     * @throws IllegalArgumentException when the subject is blank or holds whitespace
     */
    public void changed(String subject) {
        Objects.requireNonNull(subject, "subject");
        if (subject.isBlank() || subject.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("subject must be a key without spaces, like plan:7: '" + subject + "'");
        }
        for (Consumer<String> listener : listeners) {
            try {
                listener.accept(subject);
            } catch (RuntimeException e) {
                LOG.warn("a listener failed on the change of {}", subject, e);
            }
        }
    }
}
