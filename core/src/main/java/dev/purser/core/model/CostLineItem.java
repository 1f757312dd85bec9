package dev.purser.core.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;
import java.util.Objects;

/**
 * One cost row in FOCUS terms. Every source (FOCUS, CUR, DigitalOcean invoices, Cost Explorer)
 * is mapped into this shape. Optional FOCUS columns are null when the source leaves them empty.
 * Costs are exact and in {@code billingCurrency}; credits are negative.
 */
public record CostLineItem(
        String billingAccountId,
        String billingAccountName,
        Instant billingPeriodStart,
        Instant billingPeriodEnd,
        Instant chargePeriodStart,
        Instant chargePeriodEnd,
        ChargeCategory chargeCategory,
        String chargeClass,
        String chargeDescription,
        BigDecimal billedCost,
        BigDecimal effectiveCost,
        BigDecimal listCost,
        BigDecimal contractedCost,
        Currency billingCurrency,
        String providerName,
        String publisherName,
        String invoiceIssuerName,
        String serviceName,
        String serviceCategory,
        String resourceId,
        String resourceName,
        String resourceType,
        String regionId,
        String regionName,
        String availabilityZone,
        String subAccountId,
        String subAccountName,
        String skuId,
        BigDecimal pricingQuantity,
        String pricingUnit,
        BigDecimal consumedQuantity,
        String consumedUnit,
        String commitmentDiscountId,
        Map<String, String> tags,
        Map<String, String> extras) {

    public CostLineItem {
        Objects.requireNonNull(billingAccountId, "billingAccountId");
        Objects.requireNonNull(billingPeriodStart, "billingPeriodStart");
        Objects.requireNonNull(billingPeriodEnd, "billingPeriodEnd");
        Objects.requireNonNull(chargePeriodStart, "chargePeriodStart");
        Objects.requireNonNull(chargePeriodEnd, "chargePeriodEnd");
        Objects.requireNonNull(chargeCategory, "chargeCategory");
        Objects.requireNonNull(billedCost, "billedCost");
        Objects.requireNonNull(effectiveCost, "effectiveCost");
        Objects.requireNonNull(billingCurrency, "billingCurrency");
        if (chargePeriodEnd.isBefore(chargePeriodStart)) {
            throw new IllegalArgumentException("charge period end is before start: "
                    + chargePeriodStart + ".." + chargePeriodEnd);
        }
        if (billingPeriodEnd.isBefore(billingPeriodStart)) {
            throw new IllegalArgumentException("billing period end is before start: "
                    + billingPeriodStart + ".." + billingPeriodEnd);
        }
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        extras = extras == null ? Map.of() : Map.copyOf(extras);
    }

    public Money billed() {
        return new Money(billedCost, billingCurrency);
    }

    public Money effective() {
        return new Money(effectiveCost, billingCurrency);
    }
}
