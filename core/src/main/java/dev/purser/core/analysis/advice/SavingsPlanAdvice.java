package dev.purser.core.analysis.advice;

import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One Savings Plan purchase AWS recommends ({@code GetSavingsPlansPurchaseRecommendation}).
 *
 * @param savingsPlansType COMPUTE_SP, EC2_INSTANCE_SP, SAGEMAKER_SP or DATABASE_SP
 * @param hourlyCommitment the commitment to buy, per hour
 * @param instanceFamily   for EC2 Instance Savings Plans; null otherwise
 */
public record SavingsPlanAdvice(
        String savingsPlansType,
        String accountId,
        String term,
        String paymentOption,
        String region,
        String instanceFamily,
        Money hourlyCommitment,
        Money upfrontCost,
        Money estimatedMonthlySavings,
        BigDecimal savingsPercent,
        BigDecimal averageUtilizationPercent) {

    public SavingsPlanAdvice {
        Objects.requireNonNull(savingsPlansType, "savingsPlansType");
        Objects.requireNonNull(hourlyCommitment, "hourlyCommitment");
        Objects.requireNonNull(estimatedMonthlySavings, "estimatedMonthlySavings");
    }
}
