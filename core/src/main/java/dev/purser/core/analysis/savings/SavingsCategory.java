package dev.purser.core.analysis.savings;

/** Where a saving comes from. */
public enum SavingsCategory {
    /** Paid for and unused: delete or release it. */
    WASTE,
    /** Too big for its usage: resize it. */
    RIGHTSIZING,
    /** Steady on-demand spend: buy a Savings Plan or Reserved Instances. */
    COMMITMENT
}
