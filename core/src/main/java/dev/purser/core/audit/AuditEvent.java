package dev.purser.core.audit;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One thing that happened and must stay on record: a plan event, a sign-off, a transition or an
 * executor call. The trail adds the time, the sequence number and the chain hash.
 *
 * @param kind    what happened, dotted and lower case ({@code plan.created}, {@code approval.given},
 *                {@code executor.call})
 * @param subject what it happened to ({@code plan:7}), so {@code audit show} can filter by it
 * @param actor   the principal who caused it ({@code alice}, {@code purser} for the scheduler)
 * @param details the facts that matter, as text keyed by name; sorted so the canonical form is one
 */
public record AuditEvent(String kind, String subject, String actor, SortedMap<String, String> details) {

    public AuditEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(actor, "actor");
        details = new TreeMap<>(details == null ? Map.of() : details);
    }

    public static AuditEvent of(String kind, String subject, String actor, Map<String, String> details) {
        return new AuditEvent(kind, subject, actor, new TreeMap<>(details));
    }
}
