package dev.purser.core.execution;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A resource's metrics before a change: the median of each trigger metric over a window that ends
 * when the change was first recorded (so a restart recomputes the same baseline).
 *
 * @param values  metric → median over the window
 * @param samples metric → how many samples the median is of
 * @param gaps    metrics with no samples in the window
 */
public record Baseline(String resource, Instant from, Instant to, Map<String, BigDecimal> values,
        Map<String, Integer> samples, List<String> gaps) {

    public Baseline {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        values = Map.copyOf(new TreeMap<>(values));
        samples = Map.copyOf(new TreeMap<>(samples));
        gaps = List.copyOf(gaps);
    }

    public Optional<BigDecimal> value(String metric) {
        return Optional.ofNullable(values.get(metric));
    }
}
