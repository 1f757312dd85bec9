package dev.purser.core.audit;

import java.util.Optional;

/**
 * What {@code audit verify} found.
 *
 * @param entriesChecked how many entries were recomputed
 * @param firstMismatch  the first entry whose stored hash or link no longer matches, if any
 * @param reason         why that entry fails, in words; empty when the chain holds
 */
public record AuditVerification(long entriesChecked, Optional<Long> firstMismatch, String reason) {

    public boolean intact() {
        return firstMismatch.isEmpty();
    }
}
