package dev.purser.core.analysis.dbadvice;

import java.util.OptionalDouble;

/**
 * Buffer cache hit ratio of the database: {@code blks_hit / (blks_hit + blks_read)}.
 *
 * @param ratio       empty before any block was read
 * @param target      the rule of thumb, 0.99 for a transactional workload
 */
public record CacheHit(long blocksHit, long blocksRead, OptionalDouble ratio, double target) {

    public CacheHit {
        if (blocksHit < 0 || blocksRead < 0) {
            throw new IllegalArgumentException("block counts must not be negative: hit " + blocksHit + ", read " + blocksRead);
        }
    }

    /** Whether the ratio is known and under the target. */
    public boolean belowTarget() {
        return ratio.isPresent() && ratio.getAsDouble() < target;
    }
}
