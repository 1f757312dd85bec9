package dev.purser.core.analysis.advice;

import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One EC2 right-sizing recommendation from {@code GetRightsizingRecommendation}, with AWS's
 * default target when it suggests a modification.
 *
 * @param targetInstanceType null for {@link Action#TERMINATE}
 * @param maxCpuPercent      the instance's peak CPU over the look-back period, or null
 */
public record RightsizingAdvice(
        String accountId,
        String resourceId,
        String instanceName,
        String region,
        String currentInstanceType,
        Action action,
        String targetInstanceType,
        Money currentMonthlyCost,
        Money estimatedMonthlySavings,
        BigDecimal maxCpuPercent,
        Map<String, String> tags,
        List<String> findingReasons) {

    public enum Action { MODIFY, TERMINATE }

    public RightsizingAdvice {
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(estimatedMonthlySavings, "estimatedMonthlySavings");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        findingReasons = List.copyOf(findingReasons);
    }
}
