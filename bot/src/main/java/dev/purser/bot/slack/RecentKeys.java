package dev.purser.bot.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keys seen lately (a trigger id, an event id), so a delivery Slack retries or repeats runs once.
 * Bounded twice: a key is forgotten after {@code ttl}, and the oldest go first past
 * {@code capacity}, so a flood of distinct keys costs memory of at most {@code capacity} entries.
 */
final class RecentKeys {

    private final Clock clock;
    private final Duration ttl;
    private final int capacity;
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

    RecentKeys(Clock clock, Duration ttl, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.clock = clock;
        this.ttl = ttl;
        this.capacity = capacity;
    }

    /** True the first time {@code key} is offered within the window; false for a repeat. */
    synchronized boolean firstTime(String key) {
        Instant now = clock.instant();
        Iterator<Map.Entry<String, Instant>> oldest = seen.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<String, Instant> e = oldest.next();
            if (e.getValue().plus(ttl).isAfter(now) && seen.size() < capacity) {
                break;
            }
            oldest.remove();
        }
        return seen.putIfAbsent(key, now) == null;
    }
}
