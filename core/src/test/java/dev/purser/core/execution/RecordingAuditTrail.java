package dev.purser.core.execution;

import dev.purser.core.audit.AuditEntry;
import dev.purser.core.audit.AuditEvent;
import dev.purser.core.audit.AuditTrail;
import dev.purser.core.audit.AuditVerification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An in-memory audit trail that keeps what was appended, for tests to read (no hashing). */
public final class RecordingAuditTrail implements AuditTrail {

    private final List<AuditEntry> entries = new ArrayList<>();

    @Override
    public synchronized AuditEntry append(AuditEvent event) {
        AuditEntry e = new AuditEntry(entries.size() + 1, Instant.EPOCH, event, "0".repeat(64), "0".repeat(64));
        entries.add(e);
        return e;
    }

    @Override
    public synchronized List<AuditEntry> entries(String subject) {
        return entries.stream().filter(e -> e.event().subject().equals(subject)).toList();
    }

    @Override
    public AuditVerification verify() {
        return new AuditVerification(entries.size(), Optional.empty(), "");
    }

    /** The {@code state} detail of every executor call event for a key, in order. */
    public synchronized List<String> states(String key) {
        return entries.stream().filter(e -> e.event().kind().equals("executor.call")
                && key.equals(e.event().details().get("key"))).map(e -> e.event().details().get("state")).toList();
    }

    public synchronized List<AuditEvent> events() {
        return entries.stream().map(AuditEntry::event).toList();
    }
}
