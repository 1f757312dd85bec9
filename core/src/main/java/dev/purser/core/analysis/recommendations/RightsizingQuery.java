package dev.purser.core.analysis.recommendations;

import dev.purser.core.model.Money;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What to right-size.
 *
 * @param account     only this scenario or account as stored with the inventory; empty for all
 * @param target      only the resource with this id or name (a compose service or host name also
 *                    matches); a scenario name here means the whole scenario; empty for all
 * @param kinds       which kinds; never empty
 * @param window      usage window ending now (at least one day)
 * @param budget      monthly budget a compose stack is checked against
 * @param without     compose services to leave out of the what-if
 * @param composeYaml a compose file's text to use instead of the one stored with the host (its compose source facts)
 * @param keepUsage   return the analysed usage series too (for charts)
 */
public record RightsizingQuery(Optional<String> account, Optional<String> target, Set<RightsizeKind> kinds,
        Duration window, Optional<Money> budget, Set<String> without, Optional<String> composeYaml,
        boolean keepUsage) {

    public static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

    public RightsizingQuery {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(window, "window");
        if (window.toHours() < 24) {
            throw new IllegalArgumentException("window must be at least one day: " + window);
        }
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(composeYaml, "composeYaml");
        if (kinds == null || kinds.isEmpty()) {
            throw new IllegalArgumentException("kinds must name at least one kind");
        }
        kinds = Set.copyOf(EnumSet.copyOf(kinds));
        without = without == null ? Set.of() : Set.copyOf(without);
    }

    /** Everything of every kind over the default window. */
    public static RightsizingQuery all() {
        return new RightsizingQuery(Optional.empty(), Optional.empty(), EnumSet.allOf(RightsizeKind.class),
                DEFAULT_WINDOW, Optional.empty(), Set.of(), Optional.empty(), false);
    }

    /** Everything of one scenario or account over the default window. */
    public static RightsizingQuery account(String account) {
        return new RightsizingQuery(Optional.of(account), Optional.empty(), EnumSet.allOf(RightsizeKind.class),
                DEFAULT_WINDOW, Optional.empty(), Set.of(), Optional.empty(), false);
    }
}
