package dev.purser.core.audit;

import java.util.stream.Collectors;

/** An entry's facts as people read them in a table, for {@code audit show}. */
public final class AuditText {

    private AuditText() {
    }

    /** The details in key order, {@code key=value} joined by {@code ", "}; empty when there are none. */
    public static String detailsLine(AuditEvent event) {
        return event.details().entrySet().stream().map(d -> d.getKey() + "=" + d.getValue())
                .collect(Collectors.joining(", "));
    }
}
