package dev.purser.core.analysis.savings;

import dev.purser.core.analysis.recommendations.RightsizingService;
import java.util.Objects;

/** Ready-made {@link SavingsSource}s over the other analyses. */
public final class SavingsSources {

    /** The name the right-sizing source goes by in gaps ("right-sizing could not answer ..."). */
    public static final String RIGHTSIZING = "right-sizing";

    private SavingsSources() {
    }

    /** Right-sizing recommendations that save money, asked afresh for each savings list. */
    public static SavingsSource rightsizing(RightsizingService service) {
        Objects.requireNonNull(service, "service");
        return account -> SavingsItems.fromRightsizing(account == null ? "all accounts" : account,
                service.recommendations(account));
    }
}
