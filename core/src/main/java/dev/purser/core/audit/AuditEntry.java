package dev.purser.core.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * An event as the trail recorded it.
 *
 * @param sequence     1 for the first entry, then one more for each
 * @param recordedAt   when the trail appended it
 * @param previousHash the hash of entry {@code sequence - 1} (64 zeros for the first)
 * @param hash         SHA-256, hex, of the previous hash and this entry's canonical form
 */
public record AuditEntry(long sequence, Instant recordedAt, AuditEvent event, String previousHash, String hash) {

    public AuditEntry {
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
    }
}
