package dev.purser.core.analysis.dbadvice;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the advisor draws its lines.
 *
 * @param cacheHitTarget          below this hit ratio, memory or full scans are a problem
 * @param minSeqScans             missing-index candidates: at least this many sequential scans …
 * @param minRowsPerSeqScan       … reading at least this many rows each on average …
 * @param minLiveTuples           … of a table at least this large
 * @param idleInTransactionAfter  sessions idle in a transaction longer than this are reported
 * @param poolerPeakShare         a pooler is warranted when peak connections exceed this share of the limit …
 * @param poolerMinIdle           … or when at least this many connections sit idle and they are over half
 * @param topQueries              how many statements to list by total and by mean time
 */
public record AdvisorThresholds(double cacheHitTarget, long minSeqScans, long minRowsPerSeqScan, long minLiveTuples,
                                Duration idleInTransactionAfter, double poolerPeakShare, int poolerMinIdle,
                                int topQueries) {

    public AdvisorThresholds {
        if (!(cacheHitTarget > 0 && cacheHitTarget <= 1)) {
            throw new IllegalArgumentException("cacheHitTarget must be in (0, 1]: " + cacheHitTarget);
        }
        if (minSeqScans < 1 || minRowsPerSeqScan < 0 || minLiveTuples < 0) {
            throw new IllegalArgumentException("seq-scan thresholds must not be negative (and minSeqScans >= 1): "
                    + minSeqScans + ", " + minRowsPerSeqScan + ", " + minLiveTuples);
        }
        Objects.requireNonNull(idleInTransactionAfter, "idleInTransactionAfter");
        if (idleInTransactionAfter.isNegative()) {
            throw new IllegalArgumentException("idleInTransactionAfter must not be negative: " + idleInTransactionAfter);
        }
        if (!(poolerPeakShare > 0 && poolerPeakShare <= 1)) {
            throw new IllegalArgumentException("poolerPeakShare must be in (0, 1]: " + poolerPeakShare);
        }
        if (poolerMinIdle < 1 || topQueries < 1) {
            throw new IllegalArgumentException("poolerMinIdle and topQueries must be at least 1: "
                    + poolerMinIdle + ", " + topQueries);
        }
    }

    /**
     * 99 % cache hits; 10 scans of 10,000+ rows average on 10,000+ live rows; idle in transaction
     * over 1 minute; a pooler above 50 % of the limit or with 20+ idle connections; top 10 queries.
     */
    public static AdvisorThresholds defaults() {
        return new AdvisorThresholds(0.99, 10, 10_000, 10_000, Duration.ofMinutes(1), 0.5, 20, 10);
    }

    public AdvisorThresholds withIdleInTransactionAfter(Duration after) {
        return new AdvisorThresholds(cacheHitTarget, minSeqScans, minRowsPerSeqScan, minLiveTuples, after,
                poolerPeakShare, poolerMinIdle, topQueries);
    }
}
