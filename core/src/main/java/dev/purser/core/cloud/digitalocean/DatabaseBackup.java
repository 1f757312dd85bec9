package dev.purser.core.cloud.digitalocean;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** One backup from {@code GET /v2/databases/{uuid}/backups}. */
public record DatabaseBackup(Instant createdAt, BigDecimal sizeGigabytes) {

    public DatabaseBackup {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(sizeGigabytes, "sizeGigabytes");
    }
}
