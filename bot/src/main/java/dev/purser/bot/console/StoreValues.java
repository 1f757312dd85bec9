package dev.purser.bot.console;

import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.CommandSpec;
import dev.purser.core.analysis.costs.BreakdownRequest;
import dev.purser.core.analysis.costs.CostBreakdown;
import dev.purser.core.analysis.costs.CostFilter;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.analysis.costs.CostQueries;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Period;
import dev.purser.core.query.PeriodParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's known values from the store: billing accounts for {@code --account}, and
 * {@code service=<name>} for {@code --where}, from the last 90 days of costs. Each is read once per
 * console session, on the first Tab that needs it; a failed read offers nothing.
 */
public final class StoreValues implements Completion.KnownValues {

    private final CostQueries costs;
    private final PeriodParser periods;
    private final Map<Dimension.Kind, List<String>> read = new ConcurrentHashMap<>();

    public StoreValues(CostQueries costs, PeriodParser periods) {
        this.costs = Objects.requireNonNull(costs, "costs");
        this.periods = Objects.requireNonNull(periods, "periods");
    }

    @Override
    public List<String> values(CommandSpec command, ArgumentSpec<?> argument) {
        return switch (argument.name()) {
            case "account" -> read(Dimension.Kind.BILLING_ACCOUNT);
            case "where" -> read(Dimension.Kind.SERVICE).stream().map(s -> "service=" + s).toList();
            default -> List.of();
        };
    }

    private List<String> read(Dimension.Kind kind) {
        return read.computeIfAbsent(kind, k -> {
            try {
                Period last90 = periods.parse("90d");
                CostBreakdown b = costs.breakdown(new BreakdownRequest(last90, new Dimension(k, null), 1_000,
                        CostMetric.BILLED, CostFilter.NONE));
                List<String> values = new ArrayList<>();
                for (CostBreakdown.Section s : b.sections()) {
                    for (CostBreakdown.Row row : s.rows()) {
                        if (!row.other() && row.key() != null && !values.contains(row.key())) {
                            values.add(row.key());
                        }
                    }
                }
                return List.copyOf(values);
            } catch (PurserException e) {
                return List.of(); // completion is a convenience: a database hiccup offers nothing
            }
        });
    }
}
