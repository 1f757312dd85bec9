package dev.purser.core.alerts;

import dev.purser.core.config.AlertRouteConfig;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What was sent where: the de-duplication state of alerts and the queue of digest routes.
 * Implemented over Purser's database ({@code dev.purser.core.store.JdbcAlertLedger}).
 */
public interface AlertLedger {

    /**
     * Decides with {@link AlertPolicy} against the stored state of the alert's subject on the
     * route and, when the answer is {@link AlertPolicy.Decision#SEND}, records it as sent, all in
     * one transaction that holds the subject's row, so a concurrent claim waits and then sees it.
     *
     * @return the decision, and on SEND what to restore if delivery then fails
     */
    Claim claim(Alert alert, AlertRouteConfig route, Instant now);

    /** Undoes a claim whose delivery failed, so the next run tries again. */
    void release(Claim claim);

    /** Queues an alert for a digest route. */
    void enqueue(Alert alert, AlertRouteConfig route, Instant now);

    /** Queued alerts not yet sent, oldest first. */
    List<DigestItem> waiting(String route);

    /** Marks queued alerts as sent in a digest. */
    void markSent(List<DigestItem> items, Instant at);

    /**
     * One claim's outcome.
     *
     * @param previous the state before the claim (empty when the subject was new on the route)
     */
    record Claim(AlertPolicy.Decision decision, String key, String route, Optional<Delivered> previous) {
    }

    /** An alert waiting for its route's digest. */
    record DigestItem(long id, String route, String key, AlertKind kind, String title, String body, String explain,
            Instant queuedAt) {
    }
}
