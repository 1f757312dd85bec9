package dev.purser.core.audit;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads the trail in order for an export, one entry at a time, so exporting a long trail holds
 * one entry in memory rather than all of them.
 */
@FunctionalInterface
public interface AuditExport {

    /**
     * Hands every entry recorded at or after {@code since} (all of them when empty) to
     * {@code sink}, oldest first.
     *
     * @return how many entries were handed over
     */
    long forEach(Optional<Instant> since, Consumer<AuditEntry> sink);
}
