package dev.purser.core.analysis.costs;

import dev.purser.core.model.Dimension;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Restricts a cost query to rows whose dimensions equal the given values (all must match).
 * Billing account is a dimension like any other: {@code account=mandible}.
 */
public record CostFilter(Map<Dimension, String> equalTo) {

    public static final CostFilter NONE = new CostFilter(Map.of());

    public CostFilter {
        equalTo = Map.copyOf(equalTo);
    }

    public CostFilter and(Dimension dimension, String value) {
        Map<Dimension, String> copy = new LinkedHashMap<>(equalTo);
        copy.put(dimension, value);
        return new CostFilter(copy);
    }

    public boolean isEmpty() {
        return equalTo.isEmpty();
    }
}
