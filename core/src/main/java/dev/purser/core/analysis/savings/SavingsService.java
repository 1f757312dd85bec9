package dev.purser.core.analysis.savings;

import dev.purser.core.analysis.commitments.CommitmentAnalysis;
import dev.purser.core.analysis.commitments.CommitmentAnalyzer;
import dev.purser.core.analysis.waste.WasteFinder;
import dev.purser.core.analysis.waste.WasteReport;
import dev.purser.core.analysis.advice.SavingsPlanAdvice;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Money;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds the savings list: waste first (its removals shape the commitment baseline), then every
 * further source, then the commitment; overlaps removed, ranked, totalled per currency.
 *
 * <p>A source that fails (a right-sizing source whose metrics server is down, Cost Explorer
 * refusing) costs its own items only: the list says which source failed and shows the rest.
 */
public final class SavingsService {

    private final WasteFinder waste;
    private final CommitmentAnalyzer commitments;
    private final Function<String, List<SavingsPlanAdvice>> costExplorer;
    private final Map<String, SavingsSource> sources;
    private final Clock clock;

    /**
     * @param commitments  null when no AWS bill is analysed for commitments
     * @param costExplorer Cost Explorer's Savings Plan advice by account (null account = all), or null
     * @param sources      further sources by name (for example {@code "right-sizing"}), asked in order
     */
    public SavingsService(WasteFinder waste, CommitmentAnalyzer commitments,
                          Function<String, List<SavingsPlanAdvice>> costExplorer, Map<String, SavingsSource> sources,
                          Clock clock) {
        this.waste = Objects.requireNonNull(waste, "waste");
        this.commitments = commitments;
        this.costExplorer = costExplorer;
        this.sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @throws PurserException DATABASE_ERROR when the inventory cannot be read (the one input
     *         every list needs)
     */
    public SavingsReport plan(String accountOrNull) {
        List<String> gaps = new ArrayList<>();
        WasteReport wasteReport = waste.find(accountOrNull);
        List<SavingsItem> candidates = new ArrayList<>(SavingsItems.fromWaste(wasteReport));
        for (Map.Entry<String, SavingsSource> source : sources.entrySet()) {
            try {
                candidates.addAll(source.getValue().items(accountOrNull));
            } catch (PurserException e) {
                gaps.add(source.getKey() + " could not answer (" + e.code() + ", ref " + e.referenceId() + "): "
                        + e.getMessage());
            }
        }
        Set<String> removedElsewhere = new HashSet<>();
        for (SavingsItem item : candidates) {
            item.resourceId().ifPresent(removedElsewhere::add);
        }
        Optional<CommitmentAnalysis> commitment = Optional.empty();
        if (commitments != null) {
            List<SavingsPlanAdvice> advice = List.of();
            if (costExplorer != null) {
                try {
                    advice = costExplorer.apply(accountOrNull);
                } catch (PurserException e) {
                    gaps.add("Cost Explorer's Savings Plan advice could not be read (" + e.code() + "): "
                            + e.getMessage());
                }
            }
            try {
                commitment = commitments.analyze(accountOrNull, removedElsewhere, advice);
                commitment.ifPresent(c -> candidates.addAll(SavingsItems.fromCommitment(c)));
                commitment.ifPresent(c -> gaps.addAll(c.gaps()));
            } catch (PurserException e) {
                gaps.add("commitments could not be analysed (" + e.code() + ", ref " + e.referenceId() + "): "
                        + e.getMessage());
            }
        }
        List<SavingsItem> items = withoutOverlaps(candidates, gaps);
        items.sort(SavingsRanking.ORDER);
        Map<Currency, Money> totals = new LinkedHashMap<>();
        long unpriced = 0;
        for (SavingsItem item : items) {
            if (item.monthlySaving().isPresent()) {
                Money m = item.monthlySaving().get();
                totals.merge(m.currency(), m, Money::plus);
            } else {
                unpriced++;
            }
        }
        if (unpriced > 0) {
            gaps.add(unpriced + " item(s) have no price to support a saving; they are listed without one");
        }
        gaps.addAll(wasteReport.gaps());
        return new SavingsReport(clock.instant(), accountOrNull == null ? "all accounts" : accountOrNull, items,
                totals, wasteReport, commitment, gaps);
    }

    /** One item per resource (the one ranked best) and per id, so no saving is counted twice. */
    static List<SavingsItem> withoutOverlaps(List<SavingsItem> candidates, List<String> gaps) {
        List<SavingsItem> sorted = new ArrayList<>(candidates);
        sorted.sort(SavingsRanking.ORDER);
        Set<String> ids = new HashSet<>();
        Set<String> resources = new HashSet<>();
        List<SavingsItem> out = new ArrayList<>();
        int dropped = 0;
        for (SavingsItem item : sorted) {
            if (!ids.add(item.id())) {
                dropped++;
                continue;
            }
            if (item.resourceId().isPresent() && !resources.add(item.resourceId().get())) {
                dropped++;
                continue;
            }
            out.add(item);
        }
        if (dropped > 0) {
            gaps.add(dropped + " overlapping recommendation(s) for a resource already listed were left out");
        }
        return out;
    }
}
