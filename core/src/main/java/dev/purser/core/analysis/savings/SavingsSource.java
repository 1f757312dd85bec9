package dev.purser.core.analysis.savings;

import java.util.List;

/**
 * A further producer of savings items (right-sizing, for one), asked at the time of each savings
 * list so it answers from current data.
 */
@FunctionalInterface
public interface SavingsSource {

    /**
     * Items of one account (inventory scenario and billing account), or of all when null.
     *
     * @throws dev.purser.core.error.PurserException when the source cannot answer; the savings list
     *         then says so and shows the rest
     */
    List<SavingsItem> items(String accountOrNull);
}
