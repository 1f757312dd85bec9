package dev.purser.core.ingest;

import java.util.Locale;

/** The FOCUS columns that map onto {@link dev.purser.core.model.CostLineItem} fields. */
enum FocusColumn {
    BILLING_ACCOUNT_ID("BillingAccountId", true),
    BILLING_ACCOUNT_NAME("BillingAccountName", false),
    BILLING_PERIOD_START("BillingPeriodStart", true),
    BILLING_PERIOD_END("BillingPeriodEnd", true),
    CHARGE_PERIOD_START("ChargePeriodStart", true),
    CHARGE_PERIOD_END("ChargePeriodEnd", true),
    CHARGE_CATEGORY("ChargeCategory", true),
    CHARGE_CLASS("ChargeClass", false),
    CHARGE_DESCRIPTION("ChargeDescription", false),
    BILLED_COST("BilledCost", true),
    // required by FOCUS, but a file without it is read with BilledCost in its place (tolerated)
    EFFECTIVE_COST("EffectiveCost", false),
    LIST_COST("ListCost", false),
    CONTRACTED_COST("ContractedCost", false),
    BILLING_CURRENCY("BillingCurrency", true),
    PROVIDER_NAME("ProviderName", false),
    PUBLISHER_NAME("PublisherName", false),
    INVOICE_ISSUER_NAME("InvoiceIssuerName", false),
    SERVICE_NAME("ServiceName", false),
    SERVICE_CATEGORY("ServiceCategory", false),
    RESOURCE_ID("ResourceId", false),
    RESOURCE_NAME("ResourceName", false),
    RESOURCE_TYPE("ResourceType", false),
    REGION_ID("RegionId", false),
    REGION_NAME("RegionName", false),
    AVAILABILITY_ZONE("AvailabilityZone", false),
    SUB_ACCOUNT_ID("SubAccountId", false),
    SUB_ACCOUNT_NAME("SubAccountName", false),
    SKU_ID("SkuId", false),
    PRICING_QUANTITY("PricingQuantity", false),
    PRICING_UNIT("PricingUnit", false),
    CONSUMED_QUANTITY("ConsumedQuantity", false),
    CONSUMED_UNIT("ConsumedUnit", false),
    COMMITMENT_DISCOUNT_ID("CommitmentDiscountId", false),
    TAGS("Tags", false);

    private final String header;
    private final boolean required;

    FocusColumn(String header, boolean required) {
        this.header = header;
        this.required = required;
    }

    /** The column name as FOCUS spells it. */
    String header() {
        return header;
    }

    /** Whether a file without this column cannot be read at all. */
    boolean required() {
        return required;
    }

    /** Case-insensitive match of a header cell; null when it is no mapped FOCUS column. */
    static FocusColumn byHeader(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (FocusColumn c : values()) {
            if (c.header.toLowerCase(Locale.ROOT).equals(n)) {
                return c;
            }
        }
        return null;
    }
}
