package dev.purser.core.alerts;

import dev.purser.core.config.AlertRouteConfig;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether an alert goes to a route, given what was last sent there about the same subject. Pure:
 * the ledger calls it inside the transaction that records the answer, so two Purser instances
 * deciding at once cannot both send.
 *
 * <ol>
 * <li>Never sent: send.</li>
 * <li>Once-only subject (a budget crossing) already sent: {@link Decision#DUPLICATE}.</li>
 * <li>Sent less than the route's quiet period ago: {@link Decision#QUIET}.</li>
 * <li>Both carry an amount, in one currency, and it did not grow (or, with
 *     {@code include_decreases}, did not change): {@link Decision#NOT_INCREASED}.</li>
 * <li>Otherwise: send again.</li>
 * </ol>
 */
public final class AlertPolicy {

    /** The answer for one alert and route. */
    public enum Decision {
        SEND,
        DUPLICATE,
        QUIET,
        NOT_INCREASED
    }

    private AlertPolicy() {
    }

    public static Decision decide(Optional<Delivered> previous, Alert alert, AlertRouteConfig route, Instant now) {
        if (previous.isEmpty()) {
            return Decision.SEND;
        }
        Delivered last = previous.get();
        if (alert.onceOnly() || last.onceOnly()) {
            return Decision.DUPLICATE;
        }
        if (now.isBefore(last.lastSentAt().plus(route.quietPeriod()))) {
            return Decision.QUIET;
        }
        if (alert.amount() != null && last.amount() != null
                && alert.amount().currency().equals(last.amount().currency())) {
            int change = alert.amount().amount().compareTo(last.amount().amount());
            if (change == 0 || (change < 0 && !route.includeDecreases())) {
                return Decision.NOT_INCREASED;
            }
        }
        return Decision.SEND;
    }
}
