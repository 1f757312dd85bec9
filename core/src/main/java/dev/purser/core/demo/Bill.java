package dev.purser.core.demo;

import dev.purser.core.model.ChargeCategory;
import dev.purser.core.model.CostLineItem;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Collects one billing account's FOCUS rows. Every row covers one whole UTC day and sits in the
 * calendar month's billing period, the way daily-granularity FOCUS exports are cut.
 */
final class Bill {

    static final Currency USD = Currency.getInstance("USD");

    /** Who bills whom: the FOCUS provider, publisher, invoice issuer and billing account. */
    record Account(String provider, String publisher, String issuer, String accountId, String accountName) {
        Account {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(accountId, "accountId");
        }
    }

    /** Where a row's resource lives and how it is labelled; null fields stay empty in FOCUS. */
    record Placement(String resourceId, String resourceName, String resourceType, String regionId,
            String regionName, String availabilityZone, String subAccountId, String subAccountName,
            Map<String, String> tags) {
        Placement {
            tags = tags == null ? Map.of() : Map.copyOf(tags);
        }
    }

    private final Account account;
    private final List<CostLineItem> items = new ArrayList<>();

    Bill(Account account) {
        this.account = account;
    }

    Row row(LocalDate day, String serviceName, String serviceCategory) {
        return new Row(day, serviceName, serviceCategory);
    }

    List<CostLineItem> items() {
        return List.copyOf(items);
    }

    /** Rounds to at most six decimals, without trailing zeros, never with a negative scale. */
    static BigDecimal amount(BigDecimal value) {
        BigDecimal v = value.setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0) : v;
    }

    /** A decimal with {@code digits} decimals from a generated double, exactly and deterministically. */
    static BigDecimal decimal(double value, int digits) {
        return amount(BigDecimal.valueOf(StrictMath.round(value * StrictMath.pow(10, digits)), digits));
    }

    /** One row under construction; {@link #add()} appends it to the bill. */
    final class Row {
        private final LocalDate day;
        private final String serviceName;
        private final String serviceCategory;
        private ChargeCategory category = ChargeCategory.USAGE;
        private String chargeClass;
        private String description;
        private BigDecimal billed = BigDecimal.ZERO;
        private BigDecimal effective = BigDecimal.ZERO;
        private BigDecimal list;
        private BigDecimal contracted;
        private Placement placement = new Placement(null, null, null, null, null, null, null, null, null);
        private String skuId;
        private BigDecimal pricingQuantity;
        private String pricingUnit;
        private BigDecimal consumedQuantity;
        private String consumedUnit;
        private String commitmentDiscountId;

        private Row(LocalDate day, String serviceName, String serviceCategory) {
            this.day = day;
            this.serviceName = serviceName;
            this.serviceCategory = serviceCategory;
        }

        Row at(Placement p) {
            this.placement = p;
            return this;
        }

        Row sku(String sku) {
            this.skuId = sku;
            return this;
        }

        Row description(String text) {
            this.description = text;
            return this;
        }

        Row category(ChargeCategory c) {
            this.category = c;
            return this;
        }

        Row correction() {
            this.chargeClass = "Correction";
            return this;
        }

        /** Usage priced at list: quantity × unit price, consumed as priced. */
        Row priced(BigDecimal quantity, String unit, BigDecimal unitPrice) {
            this.pricingQuantity = amount(quantity);
            this.pricingUnit = unit;
            this.consumedQuantity = this.pricingQuantity;
            this.consumedUnit = unit;
            BigDecimal cost = amount(this.pricingQuantity.multiply(unitPrice));
            this.billed = cost;
            this.effective = cost;
            this.list = cost;
            this.contracted = cost;
            return this;
        }

        /**
         * Usage covered by a commitment: nothing billed on the row (the commitment's own fee is
         * billed), effective cost at the committed rate, list cost at on-demand.
         */
        Row covered(String commitmentId, BigDecimal committedUnitPrice) {
            this.commitmentDiscountId = commitmentId;
            this.billed = BigDecimal.ZERO;
            this.effective = amount(pricingQuantity.multiply(committedUnitPrice));
            return this;
        }

        /** A flat amount (credits, tax, refunds, fees): billed and effective alike. */
        Row flat(BigDecimal value, boolean hasListPrice) {
            BigDecimal v = amount(value);
            this.billed = v;
            this.effective = v;
            this.list = hasListPrice ? v : BigDecimal.ZERO;
            this.contracted = this.list;
            return this;
        }

        /** A commitment's recurring fee: billed in full, its effective cost moved onto covered usage. */
        Row commitmentFee(String commitmentId, BigDecimal fee) {
            this.category = ChargeCategory.PURCHASE;
            this.commitmentDiscountId = commitmentId;
            this.billed = amount(fee);
            this.effective = BigDecimal.ZERO;
            this.list = this.billed;
            this.contracted = this.billed;
            return this;
        }

        CostLineItem add() {
            LocalDate month = day.withDayOfMonth(1);
            CostLineItem item = new CostLineItem(
                    account.accountId(), account.accountName(),
                    month.atStartOfDay(ZoneOffset.UTC).toInstant(),
                    month.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                    day.atStartOfDay(ZoneOffset.UTC).toInstant(),
                    day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                    category, chargeClass, description,
                    billed, effective, list, contracted, USD,
                    account.provider(), account.publisher(), account.issuer(),
                    serviceName, serviceCategory,
                    placement.resourceId(), placement.resourceName(), placement.resourceType(),
                    placement.regionId(), placement.regionName(), placement.availabilityZone(),
                    placement.subAccountId(), placement.subAccountName(),
                    skuId, pricingQuantity, pricingUnit, consumedQuantity, consumedUnit,
                    commitmentDiscountId, placement.tags(), Map.of());
            items.add(item);
            return item;
        }
    }
}
