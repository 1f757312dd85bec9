package dev.purser.core.execution;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the soak found.
 *
 * @param outcome  passed, breached, or no data (a metric had no samples, so the change was not verified)
 * @param breaches the triggers that fired, first one first
 * @param observed metric → how many post-change samples were read
 * @param gaps     what could not be checked, in words
 */
public record SoakVerdict(Outcome outcome, Instant from, Instant to, List<Breach> breaches,
        Map<String, Integer> observed, List<String> gaps) {

    /** The soak's three ends. */
    public enum Outcome { PASSED, BREACHED, NO_DATA }

    public SoakVerdict {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        breaches = List.copyOf(breaches);
        observed = Map.copyOf(observed);
        gaps = List.copyOf(gaps);
    }

    /** One sentence for the thread. */
    public String describe() {
        return switch (outcome) {
            case PASSED -> "soak passed: no trigger fired from " + from + " to " + to + " (" + observed.values().stream()
                    .mapToInt(Integer::intValue).sum() + " samples read)";
            case BREACHED -> breaches.get(0).describe();
            case NO_DATA -> "soak could not verify the change: " + String.join("; ", gaps);
        };
    }
}
