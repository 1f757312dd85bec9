package dev.purser.core.analysis.dbadvice;

import java.util.Objects;

/**
 * One piece of advice, with its numbers in the message.
 *
 * @param code stable, for tests and for recommendation ids: {@code TOP_QUERY}, {@code CACHE_HIT},
 *             {@code UNUSED_INDEX}, {@code DUPLICATE_INDEX}, {@code MISSING_INDEX},
 *             {@code CONNECTIONS}, {@code POOLER}, {@code IDLE_IN_TRANSACTION}, {@code SETTING}
 * @param subject what the finding is about (an index, a table, a setting, a pid), for grouping
 */
public record Finding(Severity severity, String code, String subject, String message) {

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
    }
}
