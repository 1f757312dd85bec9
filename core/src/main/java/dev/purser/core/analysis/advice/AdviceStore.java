package dev.purser.core.analysis.advice;

import java.time.Instant;
import java.util.List;

/** Provider advice as pulls land it and as analyses read it back. */
public interface AdviceStore extends ProviderAdvice {

    /**
     * Replaces everything {@code source} advised for {@code account} with these lists.
     *
     * @return the recommendations stored
     * @throws dev.purser.core.error.PurserException DATABASE_ERROR when the write fails; the old
     *         advice stays then
     */
    int replace(String account, String source, Instant fetchedAt, List<RightsizingAdvice> rightsizing,
                List<ReservationAdvice> reservations, List<SavingsPlanAdvice> savingsPlans);
}
