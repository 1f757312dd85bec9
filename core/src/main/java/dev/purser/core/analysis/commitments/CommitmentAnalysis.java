package dev.purser.core.analysis.commitments;

import dev.purser.core.analysis.advice.SavingsPlanAdvice;
import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the bill says about commitments for one account.
 *
 * @param windowStart             first hour with eligible spend that was analysed
 * @param windowEnd               end of the last such hour
 * @param hours                   hours analysed
 * @param baselineHourly          the steady baseline: a low percentile of uncovered hourly on-demand spend
 * @param meanHourly              the mean of uncovered hourly on-demand spend
 * @param uncoveredMonthly        uncovered eligible on-demand spend per 730-hour month
 * @param existingCoverage        share of eligible on-demand spend already covered by commitments, 0..1
 * @param excludedResources       resources left out because another recommendation removes them
 * @param outcomes                the best commitment per option, in the settings' order
 * @param primary                 the outcome of the proposed option, when it saves anything
 * @param costExplorer            Cost Explorer's Savings Plan recommendations, when they were passed in
 * @param comparison              how Purser's proposal compares with Cost Explorer's, in words; empty without advice
 * @param gaps                    what the answer could not know
 */
public record CommitmentAnalysis(String account, Instant windowStart, Instant windowEnd, long hours,
                                 Money baselineHourly, Money meanHourly, Money uncoveredMonthly,
                                 BigDecimal existingCoverage, List<String> excludedResources,
                                 List<CommitmentOutcome> outcomes, Optional<CommitmentOutcome> primary,
                                 List<SavingsPlanAdvice> costExplorer, Optional<String> comparison,
                                 List<String> gaps) {

    public CommitmentAnalysis {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        Objects.requireNonNull(baselineHourly, "baselineHourly");
        Objects.requireNonNull(meanHourly, "meanHourly");
        Objects.requireNonNull(uncoveredMonthly, "uncoveredMonthly");
        Objects.requireNonNull(existingCoverage, "existingCoverage");
        excludedResources = List.copyOf(excludedResources);
        outcomes = List.copyOf(outcomes);
        Objects.requireNonNull(primary, "primary");
        costExplorer = List.copyOf(costExplorer);
        Objects.requireNonNull(comparison, "comparison");
        gaps = List.copyOf(gaps);
    }
}
