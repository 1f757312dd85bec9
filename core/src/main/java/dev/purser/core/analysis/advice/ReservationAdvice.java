package dev.purser.core.analysis.advice;

import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One Reserved Instance purchase AWS recommends ({@code GetReservationPurchaseRecommendation}).
 * Amounts are exact, read from AWS's decimal strings.
 *
 * @param service       the Cost Explorer service name asked about, e.g. {@code Amazon Relational Database Service}
 * @param term          ONE_YEAR or THREE_YEARS
 * @param paymentOption NO_UPFRONT, PARTIAL_UPFRONT or ALL_UPFRONT
 * @param instanceType  the instance (or node) type to reserve; null if AWS names none
 * @param breakEvenMonths null when AWS leaves it out
 */
public record ReservationAdvice(
        String service,
        String accountId,
        String term,
        String paymentOption,
        String instanceType,
        String region,
        BigDecimal instancesToPurchase,
        Money upfrontCost,
        Money recurringMonthlyCost,
        Money estimatedMonthlyOnDemandCost,
        Money estimatedMonthlySavings,
        BigDecimal breakEvenMonths,
        BigDecimal averageUtilizationPercent) {

    public ReservationAdvice {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(estimatedMonthlySavings, "estimatedMonthlySavings");
    }
}
