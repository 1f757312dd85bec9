package dev.purser.core.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * An anomaly the generator put into a scenario's bill on purpose, so the anomaly detector can be
 * checked against ground truth.
 *
 * @param date        the day of a spike, or the first day of a level shift (UTC)
 * @param serviceName the FOCUS ServiceName whose daily cost moved
 * @param extraAmount BilledCost added on that day (spike) or added per day from then on (level
 *                    shift, approximate where the shifted cost is usage-driven), in USD
 * @param description what happened, in the words a team would use
 */
public record PlantedAnomaly(
        LocalDate date, String serviceName, BigDecimal extraAmount, Kind kind, String description) {

    /** The shape of the planted change. */
    public enum Kind {
        /** One day at several times the service's usual cost. */
        SPIKE,
        /** A lasting step up from {@code date} on. */
        LEVEL_SHIFT
    }

    public PlantedAnomaly {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(extraAmount, "extraAmount");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        if (extraAmount.signum() <= 0) {
            throw new IllegalArgumentException("extraAmount must be positive: " + extraAmount
                    + " for " + serviceName + " on " + date);
        }
    }
}
