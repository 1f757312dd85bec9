package dev.purser.core.analysis.advice;

import java.util.List;

/**
 * The provider advice stored for an account, to show beside Purser's own recommendations. A
 * deployment without it passes no port at all (the feature is off); a port with nothing stored
 * answers {@link StoredAdvice#none()}.
 */
public interface ProviderAdvice {

    /**
     * @param accountOrNull the account (scenario) the advice was filed under, or null for every account
     * @throws dev.purser.core.error.PurserException DATABASE_ERROR when the store cannot be read
     */
    StoredAdvice advice(String accountOrNull);

    /** Cost Explorer's Savings Plan purchases only: the shape {@code SavingsService} takes to compare with. */
    default List<SavingsPlanAdvice> savingsPlans(String accountOrNull) {
        return advice(accountOrNull).savingsPlans();
    }
}
