package dev.purser.core.analysis.anomalies;

import dev.purser.core.model.Money;
import java.util.List;
import java.util.Objects;

/**
 * The anomalies found, in date order (largest impact first within a day).
 *
 * @param totalImpact    the summed impact of the reported anomalies, one amount per currency
 *                       in code order; empty when nothing was found
 * @param seriesScored   how many series (service or account, per currency) had enough history
 *                       to be scored on at least one day of the period
 * @param belowMinImpact anomalies found but left out because their impact was under the minimum
 * @param notes          what the answer could not know (unscored days, missing data, ...)
 */
public record AnomalyReport(AnomalyRequest request, List<Anomaly> anomalies, List<Money> totalImpact,
                            int seriesScored, int belowMinImpact, List<String> notes) {

    public AnomalyReport {
        Objects.requireNonNull(request, "request");
        anomalies = List.copyOf(anomalies);
        totalImpact = List.copyOf(totalImpact);
        notes = List.copyOf(notes);
        if (seriesScored < 0 || belowMinImpact < 0) {
            throw new IllegalArgumentException("counts must not be negative: seriesScored " + seriesScored
                    + ", belowMinImpact " + belowMinImpact);
        }
    }
}
