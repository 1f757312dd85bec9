package dev.purser.core.analysis.anomalies;

import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.model.Period;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * What to look for.
 *
 * @param period      the days whose anomalies are reported (history before it feeds the baseline)
 * @param minImpact   the least impact worth reporting, in each currency's own units (10 means
 *                    $10 for USD rows and €10 for EUR rows); never negative
 * @param account     only this billing account (id or name), or null for all
 */
public record AnomalyRequest(Period period, AnomalyGrouping by, BigDecimal minImpact, Sensitivity sensitivity,
                             String account, CostMetric metric) {

    /** The default minimum impact: ten units of the currency. */
    public static final BigDecimal DEFAULT_MIN_IMPACT = BigDecimal.TEN;

    public AnomalyRequest {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(minImpact, "minImpact");
        Objects.requireNonNull(sensitivity, "sensitivity");
        Objects.requireNonNull(metric, "metric");
        if (minImpact.signum() < 0) {
            throw new IllegalArgumentException("minimum impact must not be negative: " + minImpact.toPlainString());
        }
        if (account != null && account.isBlank()) {
            account = null;
        }
    }

    /** Service anomalies of billed cost over {@code period}, at least 10 in impact, medium sensitivity. */
    public static AnomalyRequest of(Period period) {
        return new AnomalyRequest(period, AnomalyGrouping.SERVICE, DEFAULT_MIN_IMPACT, Sensitivity.MEDIUM, null,
                CostMetric.BILLED);
    }
}
