package dev.purser.core.analysis.commitments;

import java.time.Instant;
import java.util.List;

/** Reads Savings-Plan-eligible compute usage from the bill. */
public interface EligibleUsageSource {

    /**
     * Eligible usage whose charge period starts in {@code [from, to)}, of one billing account (id
     * or name) or of all when {@code accountOrNull} is null.
     *
     * @throws dev.purser.core.error.PurserException DATABASE_ERROR when the bill cannot be read
     */
    List<EligibleUsage> eligibleUsage(String accountOrNull, Instant from, Instant to);
}
