package dev.purser.bot.discord;

import dev.purser.bot.chat.Buttons;
import dev.purser.commands.reply.FollowUp;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The follow-ups behind buttons, kept server-side under short ids: a button's {@code custom_id}
 * is {@code purser:} plus an id, never the command itself, so it stays within Discord's 100
 * characters and a client cannot forge a command line by editing a button.
 *
 * <p>Storage: in memory (one process; {@code purser serve} uses {@link dev.purser.bot.chat.JdbcButtons}
 * so that every instance knows every button), for {@code ttl} after the message was sent and at most
 * {@code capacity} entries (the oldest go first). A restart or a long-gone message leaves buttons
 * whose id is unknown; clicking one gets an ephemeral "expired" answer, never a guess. Several
 * Purser instances behind one bot would each know only their own buttons; Discord sends a click
 * to whichever instance holds the gateway session, which is the one that sent the message.
 *
 * <p>Thread safety: all methods are synchronized; entries are small and calls are rare.
 */
public final class FollowUpButtons implements Buttons {

    static final String PREFIX = Buttons.PREFIX;
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Entry(FollowUp followUp, Instant expires) {
    }

    private final Clock clock;
    private final Duration ttl;
    private final int capacity;
    private final Supplier<String> ids;
    private final LinkedHashMap<String, Entry> byId = new LinkedHashMap<>();

    /**
     * @param ttl      how long a button works after it was sent
     * @param capacity how many buttons are remembered at most
     */
    public FollowUpButtons(Clock clock, Duration ttl, int capacity) {
        this(clock, ttl, capacity, FollowUpButtons::randomId);
    }

    FollowUpButtons(Clock clock, Duration ttl, int capacity, Supplier<String> ids) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.ids = Objects.requireNonNull(ids, "ids");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("button ttl must be positive: " + ttl);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("button capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized String remember(FollowUp followUp) {
        Objects.requireNonNull(followUp, "followUp");
        Instant now = clock.instant();
        evict(now);
        String id = ids.get();
        while (byId.containsKey(id)) {
            id = ids.get();
        }
        byId.put(id, new Entry(followUp, now.plus(ttl)));
        return PREFIX + id;
    }

    @Override
    public synchronized Optional<FollowUp> recall(String customId) {
        if (customId == null || !customId.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Entry e = byId.get(customId.substring(PREFIX.length()));
        if (e == null || !clock.instant().isBefore(e.expires())) {
            return Optional.empty();
        }
        return Optional.of(e.followUp());
    }

    public synchronized int size() {
        evict(clock.instant());
        return byId.size();
    }

    private void evict(Instant now) {
        // insertion order is expiry order (one ttl for all), so the expired ones lead
        for (Iterator<Map.Entry<String, Entry>> it = byId.entrySet().iterator(); it.hasNext(); ) {
            if (now.isBefore(it.next().getValue().expires())) {
                break;
            }
            it.remove();
        }
        while (byId.size() >= capacity) {
            Iterator<String> oldest = byId.keySet().iterator();
            oldest.next();
            oldest.remove();
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
