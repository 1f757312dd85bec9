package dev.purser.core.alerts;

import java.time.Instant;

/**
 * Which phase moves were told in which thread, so a move is told once per thread whichever
 * instance announces it, and again after no restart. Implemented over Purser's database
 * ({@code dev.purser.core.store.JdbcThreadNoteLedger}).
 */
public interface ThreadNoteLedger {

    /**
     * Claims the telling of audit entry {@code sequence} in {@code thread}: true for the one caller
     * that claims it first, false for every other (another instance, or it was told already).
     */
    boolean claim(long sequence, String subject, PlanThread thread, Instant now);

    /** Records what the platform answered for a claimed note. */
    void sent(long sequence, PlanThread thread, String replyId, Instant at);

    /** Gives a claim back after its delivery failed, so the next announcement tries again. */
    void release(long sequence, PlanThread thread);
}
