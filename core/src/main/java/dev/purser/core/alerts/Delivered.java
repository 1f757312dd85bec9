package dev.purser.core.alerts;

import dev.purser.core.model.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * What the ledger holds about one subject on one route: the last alert sent there.
 *
 * @param amount the amount last sent, or null
 */
public record Delivered(String key, String route, boolean onceOnly, Money amount, Instant firstSentAt,
        Instant lastSentAt, int timesSent) {

    public Delivered {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(firstSentAt, "firstSentAt");
        Objects.requireNonNull(lastSentAt, "lastSentAt");
    }
}
