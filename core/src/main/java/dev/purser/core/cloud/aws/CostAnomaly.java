package dev.purser.core.cloud.aws;

import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One anomaly AWS Cost Anomaly Detection found ({@code GetAnomalies}). AWS gives impacts as JSON
 * numbers without a currency; they are read digit for digit as written and are in USD, the only
 * currency Cost Anomaly Detection reports in.
 *
 * @param end             the anomaly's last day, or null while it is still open
 * @param dimensionValue  what the monitor watches, e.g. the service name
 * @param actualSpend     null when AWS leaves it out
 * @param expectedSpend   null when AWS leaves it out
 * @param impactPercent   total impact as a percentage of expected spend; null when AWS leaves it out
 * @param feedback        YES, NO, PLANNED_ACTIVITY, or null
 */
public record CostAnomaly(
        String id,
        String monitorArn,
        LocalDate start,
        LocalDate end,
        String dimensionValue,
        Money totalImpact,
        Money maxImpact,
        Money actualSpend,
        Money expectedSpend,
        BigDecimal impactPercent,
        BigDecimal maxScore,
        BigDecimal currentScore,
        List<RootCause> rootCauses,
        String feedback) {

    public CostAnomaly {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(totalImpact, "totalImpact");
        Objects.requireNonNull(maxImpact, "maxImpact");
        rootCauses = List.copyOf(rootCauses);
    }

    /** Where AWS thinks the extra spend came from; any part may be null. */
    public record RootCause(String service, String region, String linkedAccount, String usageType,
                            BigDecimal contribution) {
    }
}
