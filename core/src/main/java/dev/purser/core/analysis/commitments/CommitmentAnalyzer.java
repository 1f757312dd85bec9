package dev.purser.core.analysis.commitments;

import dev.purser.core.analysis.advice.SavingsPlanAdvice;
import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the steady baseline of eligible on-demand compute spend and the commitment that saves most
 * (see the package overview for the formula).
 *
 * <p>Hourly spread: a line item covering a day (daily FOCUS exports) is spread evenly over its 24
 * hours; an hourly line item lands in its hour. Hours before the first and after the last eligible
 * line item are outside the analysis, so a bill that starts late or lags a day is not read as a
 * fall in usage.
 *
 * <p>Exclusions: spend of resources that another recommendation removes (idle instances from the
 * waste list) is left out of the baseline, so the savings list never counts the same dollars twice.
 */
public final class CommitmentAnalyzer {

    /** Hours in the month AWS prices against. */
    static final BigDecimal HOURS_PER_MONTH = BigDecimal.valueOf(730);
    private static final MathContext MC = MathContext.DECIMAL64;

    private final EligibleUsageSource source;
    private final CommitmentSettings settings;
    private final Clock clock;

    public CommitmentAnalyzer(EligibleUsageSource source, CommitmentSettings settings, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public CommitmentSettings settings() {
        return settings;
    }

    /**
     * @param accountOrNull      billing account id or name; null for every account
     * @param excludedResources  resources whose spend another recommendation removes
     * @param costExplorer       Cost Explorer's Savings Plan advice to compare with (may be empty)
     * @return empty when the bill has no eligible on-demand or covered compute spend in the window
     * @throws dev.purser.core.error.PurserException DATABASE_ERROR when the bill cannot be read
     */
    public Optional<CommitmentAnalysis> analyze(String accountOrNull, Set<String> excludedResources,
                                                List<SavingsPlanAdvice> costExplorer) {
        Objects.requireNonNull(excludedResources, "excludedResources");
        Objects.requireNonNull(costExplorer, "costExplorer");
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Instant from = today.minusDays(settings.windowDays()).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = today.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<EligibleUsage> usage = source.eligibleUsage(accountOrNull, from, to);
        if (usage.isEmpty()) {
            return Optional.empty();
        }
        List<String> gaps = new ArrayList<>();
        Currency currency = dominantCurrency(usage, gaps);

        int slots = (int) Duration.between(from, to).toHours();
        BigDecimal[] uncovered = zeros(slots);
        BigDecimal coveredSum = BigDecimal.ZERO;
        BigDecimal excludedSum = BigDecimal.ZERO;
        int first = slots;
        int last = -1;
        Set<String> excludedSeen = new TreeSet<>();
        for (EligibleUsage u : usage) {
            if (!u.onDemandCost().currency().equals(currency)) {
                continue;
            }
            int a = (int) Math.max(0, ChronoUnit.HOURS.between(from, u.start()));
            long spanHours = Math.max(1, (Duration.between(u.start(), u.end()).getSeconds() + 3599) / 3600);
            int b = (int) Math.min(slots, a + spanHours);
            if (b <= a) {
                continue;
            }
            first = Math.min(first, a);
            last = Math.max(last, b - 1);
            BigDecimal amount = u.onDemandCost().amount();
            if (u.covered()) {
                coveredSum = coveredSum.add(amount);
                continue;
            }
            if (excludedResources.contains(u.resourceId())) {
                excludedSum = excludedSum.add(amount);
                excludedSeen.add(u.resourceId());
                continue;
            }
            BigDecimal perHour = amount.divide(BigDecimal.valueOf(b - a), MC);
            for (int h = a; h < b; h++) {
                uncovered[h] = uncovered[h].add(perHour);
            }
        }
        if (last < first) {
            return Optional.empty();
        }
        BigDecimal[] h = Arrays.copyOfRange(uncovered, first, last + 1);
        long hours = h.length;
        double days = hours / 24.0;
        if (days < settings.minimumDays()) {
            gaps.add(String.format(Locale.ROOT, "only %.1f days of eligible spend (fewer than %d): lower confidence",
                    days, settings.minimumDays()));
        }
        BigDecimal uncoveredSum = sum(h);
        BigDecimal all = uncoveredSum.add(coveredSum).add(excludedSum);
        BigDecimal existingCoverage = all.signum() == 0 ? BigDecimal.ZERO
                : coveredSum.divide(all, 4, RoundingMode.HALF_EVEN);
        BigDecimal[] sorted = h.clone();
        Arrays.sort(sorted);
        BigDecimal[] prefix = new BigDecimal[sorted.length + 1];
        prefix[0] = BigDecimal.ZERO;
        for (int i = 0; i < sorted.length; i++) {
            prefix[i + 1] = prefix[i].add(sorted[i]);
        }
        BigDecimal baseline = percentile(sorted, settings.baselinePercentile());
        BigDecimal mean = uncoveredSum.divide(BigDecimal.valueOf(hours), MC);

        List<CommitmentOutcome> outcomes = new ArrayList<>();
        for (CommitmentOption option : settings.options()) {
            outcomes.add(best(option, sorted, prefix, uncoveredSum, currency));
        }
        Optional<CommitmentOutcome> primary = outcomes.stream()
                .filter(o -> o.option().name().equals(settings.primaryOption()))
                .filter(o -> o.monthlySaving().amount().signum() > 0)
                .findFirst();
        if (!excludedSeen.isEmpty()) {
            gaps.add(excludedSeen.size() + " resource(s) left out of the baseline because other recommendations remove them");
        }
        Optional<String> comparison = compare(costExplorer, primary, currency);
        Instant windowStart = from.plus(Duration.ofHours(first));
        Instant windowEnd = from.plus(Duration.ofHours(last + 1L));
        return Optional.of(new CommitmentAnalysis(accountOrNull == null ? "all accounts" : accountOrNull,
                windowStart, windowEnd, hours, hourly(baseline, currency), hourly(mean, currency),
                monthly(mean.multiply(HOURS_PER_MONTH), currency), existingCoverage,
                List.copyOf(excludedSeen), outcomes, primary, costExplorer, comparison, gaps));
    }

    /** The commitment level that maximises the saving: evaluated at every observed hourly level. */
    static CommitmentOutcome best(CommitmentOption option, BigDecimal[] sorted, BigDecimal[] prefix,
                                  BigDecimal total, Currency currency) {
        int n = sorted.length;
        BigDecimal keep = BigDecimal.ONE.subtract(option.discount());
        BigDecimal bestSaving = BigDecimal.ZERO;
        BigDecimal bestC = BigDecimal.ZERO;
        BigDecimal bestCovered = BigDecimal.ZERO;
        BigDecimal t = BigDecimal.valueOf(n);
        for (int k = 0; k < n; k++) {
            if (k > 0 && sorted[k].compareTo(sorted[k - 1]) == 0) {
                continue;
            }
            BigDecimal c = sorted[k];
            // hours below c spend their own amount; the n - k hours at or above c spend c each
            BigDecimal covered = prefix[k].add(c.multiply(BigDecimal.valueOf(n - k)));
            BigDecimal saving = covered.subtract(c.multiply(keep).multiply(t));
            if (saving.compareTo(bestSaving) > 0) {
                bestSaving = saving;
                bestC = c;
                bestCovered = covered;
            }
        }
        BigDecimal commitment = bestC.multiply(keep);
        BigDecimal monthlySaving = n == 0 ? BigDecimal.ZERO
                : bestSaving.divide(t, MC).multiply(HOURS_PER_MONTH);
        BigDecimal utilization = bestC.signum() == 0 ? BigDecimal.ZERO
                : bestCovered.divide(bestC.multiply(t), 4, RoundingMode.HALF_EVEN);
        BigDecimal coverage = total.signum() == 0 ? BigDecimal.ZERO
                : bestCovered.divide(total, 4, RoundingMode.HALF_EVEN);
        BigDecimal monthlyCommitment = commitment.multiply(HOURS_PER_MONTH);
        BigDecimal upfront = monthlyCommitment.multiply(BigDecimal.valueOf(option.termMonths()))
                .multiply(option.upfrontShare());
        BigDecimal recurring = monthlyCommitment.multiply(BigDecimal.ONE.subtract(option.upfrontShare()));
        BigDecimal avoided = n == 0 ? BigDecimal.ZERO : bestCovered.divide(t, MC).multiply(HOURS_PER_MONTH);
        BigDecimal net = avoided.subtract(recurring);
        OptionalInt breakEven = OptionalInt.empty();
        if (bestC.signum() > 0 && net.signum() > 0) {
            int month = upfront.signum() == 0 ? 1
                    : upfront.divide(net, 0, RoundingMode.CEILING).max(BigDecimal.ONE).intValueExact();
            if (month <= option.termMonths()) {
                breakEven = OptionalInt.of(month);
            }
        }
        return new CommitmentOutcome(option, hourly(bestC, currency), hourly(commitment, currency),
                monthly(monthlySaving, currency), utilization, coverage, monthly(upfront, currency), breakEven);
    }

    private Optional<String> compare(List<SavingsPlanAdvice> advice, Optional<CommitmentOutcome> primary,
                                     Currency currency) {
        if (advice.isEmpty()) {
            return Optional.empty();
        }
        CommitmentOption wanted = settings.options().stream()
                .filter(o -> o.name().equals(settings.primaryOption())).findFirst().orElseThrow();
        SavingsPlanAdvice match = advice.stream()
                .filter(a -> "COMPUTE_SP".equals(a.savingsPlansType()))
                .filter(a -> wanted.term().equals(a.term()) && wanted.paymentOption().equals(a.paymentOption()))
                .findFirst()
                .orElse(advice.get(0));
        StringBuilder b = new StringBuilder("Cost Explorer recommends ")
                .append(plain(match.hourlyCommitment().amount(), 3)).append(' ')
                .append(match.hourlyCommitment().currency().getCurrencyCode()).append("/hour (")
                .append(match.savingsPlansType());
        if (match.term() != null) {
            b.append(", ").append(match.term());
        }
        if (match.paymentOption() != null) {
            b.append(", ").append(match.paymentOption());
        }
        b.append(") saving ").append(plain(match.estimatedMonthlySavings().amount(), 2)).append(' ')
                .append(match.estimatedMonthlySavings().currency().getCurrencyCode()).append("/month");
        if (primary.isPresent()) {
            CommitmentOutcome p = primary.get();
            b.append("; Purser proposes ").append(plain(p.hourlyCommitment().amount(), 3)).append(' ')
                    .append(currency.getCurrencyCode()).append("/hour saving ")
                    .append(plain(p.monthlySaving().amount(), 2)).append(' ').append(currency.getCurrencyCode())
                    .append("/month");
            if (match.hourlyCommitment().currency().equals(currency)) {
                int cmp = p.hourlyCommitment().amount().compareTo(match.hourlyCommitment().amount());
                b.append(cmp < 0 ? " (a smaller commitment: spend that other recommendations remove is left out)"
                        : cmp > 0 ? " (a larger commitment than Cost Explorer's)" : " (the same commitment)");
            }
        } else {
            b.append("; Purser proposes no new commitment");
        }
        return Optional.of(b.toString());
    }

    private static Currency dominantCurrency(List<EligibleUsage> usage, List<String> gaps) {
        Map<Currency, BigDecimal> sums = new LinkedHashMap<>();
        for (EligibleUsage u : usage) {
            sums.merge(u.onDemandCost().currency(), u.onDemandCost().amount(), BigDecimal::add);
        }
        Currency best = null;
        for (Map.Entry<Currency, BigDecimal> e : sums.entrySet()) {
            if (best == null || e.getValue().compareTo(sums.get(best)) > 0) {
                best = e.getKey();
            }
        }
        if (sums.size() > 1) {
            gaps.add("eligible spend is billed in " + sums.size() + " currencies; only " + best.getCurrencyCode()
                    + " is analysed (Purser never converts)");
        }
        return best;
    }

    static BigDecimal percentile(BigDecimal[] sorted, double q) {
        if (sorted.length == 0) {
            return BigDecimal.ZERO;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static BigDecimal[] zeros(int n) {
        BigDecimal[] out = new BigDecimal[n];
        Arrays.fill(out, BigDecimal.ZERO);
        return out;
    }

    private static BigDecimal sum(BigDecimal[] values) {
        BigDecimal s = BigDecimal.ZERO;
        for (BigDecimal v : values) {
            s = s.add(v);
        }
        return s;
    }

    private static Money hourly(BigDecimal amount, Currency currency) {
        return new Money(amount.setScale(6, RoundingMode.HALF_EVEN), currency);
    }

    private static Money monthly(BigDecimal amount, Currency currency) {
        return new Money(amount.setScale(2, RoundingMode.HALF_EVEN), currency);
    }

    private static String plain(BigDecimal amount, int digits) {
        return amount.setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
    }
}
