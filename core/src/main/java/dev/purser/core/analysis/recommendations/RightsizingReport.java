package dev.purser.core.analysis.recommendations;

import dev.purser.core.analysis.rightsizing.KubernetesAnalysis;
import dev.purser.core.analysis.rightsizing.Recommendation;
import dev.purser.core.analysis.rightsizing.RecommendedAction;
import dev.purser.core.model.Money;
import dev.purser.core.model.UsageSeries;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a {@link RightsizingQuery}.
 *
 * @param recommendations ranked: largest monthly saving first, then by id; a compose stack
 *                        contributes its host's recommendation and one per service
 * @param stacks          compose stacks analysed as a whole
 * @param usage           the analysed series by the recommendations' resource id (a compose
 *                        service by its service name), when the query asked to keep them
 * @param notes           what the answer could not know, and which prices it rests on
 * @param kubernetes      Kubernetes workloads analysed as a whole, in inventory order: per
 *                        container the current and proposed requests and limits, and the
 *                        strategic-merge patch that sets them; each workload's container
 *                        recommendations are also in {@code recommendations}
 */
public record RightsizingReport(List<Recommendation> recommendations, List<ComposeStack> stacks,
        Map<String, List<UsageSeries>> usage, List<String> notes, List<KubernetesAnalysis> kubernetes) {

    public RightsizingReport {
        recommendations = List.copyOf(recommendations);
        stacks = List.copyOf(stacks);
        usage = Map.copyOf(usage);
        notes = List.copyOf(notes);
        kubernetes = List.copyOf(kubernetes);
    }

    /** A report without Kubernetes workloads. */
    public RightsizingReport(List<Recommendation> recommendations, List<ComposeStack> stacks,
            Map<String, List<UsageSeries>> usage, List<String> notes) {
        this(recommendations, stacks, usage, notes, List.of());
    }

    /** Whether acting on a recommendation saves money: a change or removal with a positive saving. */
    public static boolean saves(Recommendation r) {
        boolean change = switch (r.action()) {
            case DOWNSIZE, REDUCE_NODES, DOWNSIZE_AND_REDUCE_NODES, FLAG_IDLE, SET_LIMITS -> true;
            case UPSIZE, KEEP, INSUFFICIENT_DATA -> false;
        };
        return change && r.monthlySaving().map(m -> m.amount().signum() > 0).orElse(false);
    }

    /** The monthly saving of every recommendation that {@link #saves}, one sum per currency. */
    public List<Money> totalSavings() {
        Map<Currency, Money> sums = new LinkedHashMap<>();
        for (Recommendation r : recommendations) {
            if (saves(r)) {
                Money m = r.monthlySaving().get();
                sums.merge(m.currency(), m, Money::plus);
            }
        }
        return new ArrayList<>(sums.values());
    }

    /** A recommendation by id. */
    public Optional<Recommendation> find(String id) {
        Objects.requireNonNull(id, "id");
        return recommendations.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** Recommendations that propose no change because data was missing. */
    public List<Recommendation> withoutData() {
        return recommendations.stream().filter(r -> r.action() == RecommendedAction.INSUFFICIENT_DATA).toList();
    }
}
