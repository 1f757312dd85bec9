package dev.purser.core.audit;

import java.util.List;

/**
 * The append-only, hash-chained record of plan events, sign-offs and executor calls. The store
 * implements it; plans, approvals and executors only append.
 */
public interface AuditTrail {

    /** Appends the event at the end of the chain, atomically with respect to other appenders. */
    AuditEntry append(AuditEvent event);

    /** The entries about one subject, oldest first. */
    List<AuditEntry> entries(String subject);

    /** Recomputes the whole chain from the first entry. */
    AuditVerification verify();
}
