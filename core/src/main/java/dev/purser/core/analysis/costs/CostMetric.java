package dev.purser.core.analysis.costs;

/** Which FOCUS cost column an answer sums. */
public enum CostMetric {
    /** BilledCost: what the invoice charges. */
    BILLED,
    /** EffectiveCost: amortized, after discounts and commitments. */
    EFFECTIVE,
    /** ListCost: public price before any discount. */
    LIST
}
