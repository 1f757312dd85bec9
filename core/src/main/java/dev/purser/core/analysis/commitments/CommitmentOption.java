package dev.purser.core.analysis.commitments;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A way to buy a commitment, with the discount assumed for it.
 *
 * @param name         stable key, e.g. {@code compute-sp-1y-no-upfront}
 * @param term         {@code ONE_YEAR} or {@code THREE_YEARS}, as Cost Explorer writes it
 * @param paymentOption {@code NO_UPFRONT}, {@code PARTIAL_UPFRONT} or {@code ALL_UPFRONT}
 * @param discount     the saving against on-demand, 0..1 (0.28 is 28 %)
 * @param upfrontShare the share of the whole term's commitment paid on day one, 0..1
 */
public record CommitmentOption(String name, String label, String term, String paymentOption, int termMonths,
                               BigDecimal discount, BigDecimal upfrontShare) {

    public CommitmentOption {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(term, "term");
        Objects.requireNonNull(paymentOption, "paymentOption");
        Objects.requireNonNull(discount, "discount");
        Objects.requireNonNull(upfrontShare, "upfrontShare");
        if (termMonths < 1) {
            throw new IllegalArgumentException("termMonths must be positive: " + termMonths + " for " + name);
        }
        if (discount.signum() <= 0 || discount.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("discount must be in (0, 1): " + discount + " for " + name);
        }
        if (upfrontShare.signum() < 0 || upfrontShare.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("upfrontShare must be in [0, 1]: " + upfrontShare + " for " + name);
        }
    }

    /**
     * Compute Savings Plan options with typical discounts for general-purpose Linux instances in
     * us-east-1 (AWS's published rates for m5/c5 are 27–33 % for one year and 46–54 % for three):
     * 1 year no upfront 28 %, partial upfront 31 % (half paid upfront), all upfront 33 %; 3 years
     * no upfront 46 %, all upfront 52 %. They are assumptions to configure, not quotes.
     */
    public static List<CommitmentOption> computeSavingsPlanDefaults() {
        return List.of(
                new CommitmentOption("compute-sp-1y-no-upfront", "Compute SP, 1 year, no upfront", "ONE_YEAR",
                        "NO_UPFRONT", 12, new BigDecimal("0.28"), BigDecimal.ZERO),
                new CommitmentOption("compute-sp-1y-partial-upfront", "Compute SP, 1 year, partial upfront", "ONE_YEAR",
                        "PARTIAL_UPFRONT", 12, new BigDecimal("0.31"), new BigDecimal("0.5")),
                new CommitmentOption("compute-sp-1y-all-upfront", "Compute SP, 1 year, all upfront", "ONE_YEAR",
                        "ALL_UPFRONT", 12, new BigDecimal("0.33"), BigDecimal.ONE),
                new CommitmentOption("compute-sp-3y-no-upfront", "Compute SP, 3 years, no upfront", "THREE_YEARS",
                        "NO_UPFRONT", 36, new BigDecimal("0.46"), BigDecimal.ZERO),
                new CommitmentOption("compute-sp-3y-all-upfront", "Compute SP, 3 years, all upfront", "THREE_YEARS",
                        "ALL_UPFRONT", 36, new BigDecimal("0.52"), BigDecimal.ONE));
    }
}
