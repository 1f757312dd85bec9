package dev.purser.core.ingest;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The AWS Cost and Usage Report columns {@link CurCsvReader} reads, each under both of its
 * spellings: the legacy CUR header ({@code lineItem/UnblendedCost}) and the CUR 2.0 / Athena
 * header ({@code line_item_unblended_cost}). Matching ignores case.
 */
enum CurColumn {
    PAYER_ACCOUNT_ID("bill/PayerAccountId", "bill_payer_account_id", true),
    PAYER_ACCOUNT_NAME("bill/PayerAccountName", "bill_payer_account_name", false),
    BILLING_PERIOD_START("bill/BillingPeriodStartDate", "bill_billing_period_start_date", true),
    BILLING_PERIOD_END("bill/BillingPeriodEndDate", "bill_billing_period_end_date", true),
    BILLING_ENTITY("bill/BillingEntity", "bill_billing_entity", false),
    INVOICING_ENTITY("bill/InvoicingEntity", "bill_invoicing_entity", false),
    LINE_ITEM_TYPE("lineItem/LineItemType", "line_item_line_item_type", true),
    USAGE_ACCOUNT_ID("lineItem/UsageAccountId", "line_item_usage_account_id", false),
    USAGE_ACCOUNT_NAME("lineItem/UsageAccountName", "line_item_usage_account_name", false),
    USAGE_START("lineItem/UsageStartDate", "line_item_usage_start_date", true),
    USAGE_END("lineItem/UsageEndDate", "line_item_usage_end_date", true),
    PRODUCT_CODE("lineItem/ProductCode", "line_item_product_code", false),
    USAGE_TYPE("lineItem/UsageType", "line_item_usage_type", false),
    OPERATION("lineItem/Operation", "line_item_operation", false),
    DESCRIPTION("lineItem/LineItemDescription", "line_item_line_item_description", false),
    RESOURCE_ID("lineItem/ResourceId", "line_item_resource_id", false),
    AVAILABILITY_ZONE("lineItem/AvailabilityZone", "line_item_availability_zone", false),
    LEGAL_ENTITY("lineItem/LegalEntity", "line_item_legal_entity", false),
    USAGE_AMOUNT("lineItem/UsageAmount", "line_item_usage_amount", false),
    UNBLENDED_COST("lineItem/UnblendedCost", "line_item_unblended_cost", true),
    CURRENCY("lineItem/CurrencyCode", "line_item_currency_code", true),
    PRODUCT_NAME("product/ProductName", "product_product_name", false),
    /** CUR 2.0 only: a JSON map of the product attributes, product_name among them. */
    PRODUCT_MAP(null, "product", false),
    REGION("product/region", "product_region_code", false),
    LOCATION("product/location", "product_location", false),
    SKU("product/sku", "product_sku", false),
    PUBLIC_ON_DEMAND_COST("pricing/publicOnDemandCost", "pricing_public_on_demand_cost", false),
    PRICING_UNIT("pricing/unit", "pricing_unit", false),
    RI_ARN("reservation/ReservationARN", "reservation_reservation_a_r_n", false),
    RI_EFFECTIVE_COST("reservation/EffectiveCost", "reservation_effective_cost", false),
    RI_UNUSED_AMORTIZED_UPFRONT("reservation/UnusedAmortizedUpfrontFeeForBillingPeriod",
            "reservation_unused_amortized_upfront_fee_for_billing_period", false),
    RI_UNUSED_RECURRING_FEE("reservation/UnusedRecurringFee", "reservation_unused_recurring_fee", false),
    SP_ARN("savingsPlan/SavingsPlanARN", "savings_plan_savings_plan_a_r_n", false),
    SP_EFFECTIVE_COST("savingsPlan/SavingsPlanEffectiveCost", "savings_plan_savings_plan_effective_cost", false),
    SP_TOTAL_COMMITMENT_TO_DATE("savingsPlan/TotalCommitmentToDate", "savings_plan_total_commitment_to_date", false),
    SP_USED_COMMITMENT("savingsPlan/UsedCommitment", "savings_plan_used_commitment", false),
    /** CUR 2.0 only: a JSON map of the resource tags ({@code {"user_env":"prod"}}). */
    RESOURCE_TAGS(null, "resource_tags", false);

    private static final Map<String, CurColumn> BY_HEADER = new HashMap<>();

    static {
        for (CurColumn c : values()) {
            if (c.legacy != null) {
                BY_HEADER.put(c.legacy.toLowerCase(Locale.ROOT), c);
            }
            BY_HEADER.put(c.cur2, c);
        }
    }

    private final String legacy;
    private final String cur2;
    private final boolean required;

    CurColumn(String legacy, String cur2, boolean required) {
        this.legacy = legacy;
        this.cur2 = cur2;
        this.required = required;
    }

    /** The column a header cell names, in either spelling, or null. */
    static CurColumn byHeader(String header) {
        return BY_HEADER.get(header.trim().toLowerCase(Locale.ROOT));
    }

    boolean required() {
        return required;
    }

    /** How the column is spelt in a file of the given format, for messages. */
    String header(CurFormat format) {
        return format == CurFormat.LEGACY && legacy != null ? legacy : cur2;
    }

    /** Both spellings, for "missing column" messages. */
    String bothHeaders() {
        return legacy == null ? cur2 : legacy + " (CUR 2.0: " + cur2 + ")";
    }
}
