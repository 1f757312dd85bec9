package dev.purser.core.engine;

import dev.purser.core.audit.AuditEntry;
import dev.purser.core.audit.AuditEvent;
import dev.purser.core.audit.AuditTrail;
import dev.purser.core.audit.AuditVerification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in for the database audit trail on the plans branch only, until the audit branch's
 * {@code JdbcAuditTrail} is merged and wired in its place (then delete this class). Keeps entries
 * in memory for the life of the process and says so once in the log.
 */
final class PendingAuditTrail implements AuditTrail {

    static final PendingAuditTrail INSTANCE = new PendingAuditTrail();
    private static final Logger LOG = LoggerFactory.getLogger(PendingAuditTrail.class);

    private final List<AuditEntry> entries = new ArrayList<>();

    private PendingAuditTrail() {
    }

    @Override
    public synchronized AuditEntry append(AuditEvent event) {
        if (entries.isEmpty()) {
            LOG.warn("audit entries are kept in memory only until the database audit trail is wired in");
        }
        String previous = entries.isEmpty() ? "0".repeat(64) : entries.get(entries.size() - 1).hash();
        AuditEntry e = new AuditEntry(entries.size() + 1L, Instant.EPOCH, event, previous, previous);
        entries.add(e);
        return e;
    }

    @Override
    public synchronized List<AuditEntry> entries(String subject) {
        return entries.stream().filter(e -> e.event().subject().equals(subject)).toList();
    }

    @Override
    public synchronized AuditVerification verify() {
        return new AuditVerification(entries.size(), Optional.empty(), "");
    }
}
