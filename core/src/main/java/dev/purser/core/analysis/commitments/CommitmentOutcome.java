package dev.purser.core.analysis.commitments;

import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The best commitment for one option over the observed hours.
 *
 * @param coveredOnDemandHourly on-demand spend per hour the commitment covers ({@code c})
 * @param hourlyCommitment      what to buy: {@code c × (1 − discount)} per hour, for the term
 * @param monthlySaving         the saving over the observed hours, scaled to a 730-hour month
 * @param utilization           share of the commitment the observed usage would have used, 0..1
 * @param coverage              share of eligible on-demand spend it would have covered, 0..1
 * @param upfront               paid on day one
 * @param breakEvenMonth        the month in which the cumulative saving first covers what was paid
 *                              upfront (1 for no-upfront plans); empty when it never does
 */
public record CommitmentOutcome(CommitmentOption option, Money coveredOnDemandHourly, Money hourlyCommitment,
                                Money monthlySaving, BigDecimal utilization, BigDecimal coverage, Money upfront,
                                OptionalInt breakEvenMonth) {

    public CommitmentOutcome {
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(coveredOnDemandHourly, "coveredOnDemandHourly");
        Objects.requireNonNull(hourlyCommitment, "hourlyCommitment");
        Objects.requireNonNull(monthlySaving, "monthlySaving");
        Objects.requireNonNull(utilization, "utilization");
        Objects.requireNonNull(coverage, "coverage");
        Objects.requireNonNull(upfront, "upfront");
        Objects.requireNonNull(breakEvenMonth, "breakEvenMonth");
    }
}
