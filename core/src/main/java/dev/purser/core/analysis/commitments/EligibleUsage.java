package dev.purser.core.analysis.commitments;

import dev.purser.core.model.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * Commitment-eligible compute usage of one resource over one charge period, summed.
 *
 * @param onDemandCost what the usage costs at on-demand rates (ListCost, else BilledCost)
 * @param covered      already covered by a Savings Plan or Reserved Instance
 */
public record EligibleUsage(Instant start, Instant end, String resourceId, String service, Money onDemandCost,
                            boolean covered) {

    public EligibleUsage {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(onDemandCost, "onDemandCost");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("usage of " + resourceId + " ends before it starts: " + start + ".." + end);
        }
    }
}
