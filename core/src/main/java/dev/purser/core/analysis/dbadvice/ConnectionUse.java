package dev.purser.core.analysis.dbadvice;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * Client connections against the limit.
 *
 * @param usable        {@code max_connections − superuser_reserved_connections}
 * @param current       client backends now (all databases, the advisor's own excluded)
 * @param peak          the larger of {@code current} and the observed peak passed in (for
 *                      example the maximum of Prometheus's {@code pg_stat_activity_count})
 * @param peakShare     {@code peak / usable}
 * @param poolerReason  why a pooler is or is not warranted, with the numbers
 */
public record ConnectionUse(int maxConnections, int usable, int current, int active, int idle,
                            int idleInTransaction, OptionalLong observedPeak, long peak, double peakShare,
                            boolean poolerRecommended, String poolerReason) {

    public ConnectionUse {
        Objects.requireNonNull(observedPeak, "observedPeak");
        Objects.requireNonNull(poolerReason, "poolerReason");
    }
}
