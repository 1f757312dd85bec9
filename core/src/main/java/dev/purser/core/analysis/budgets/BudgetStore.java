package dev.purser.core.analysis.budgets;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where budgets and their reported crossings live; {@code dev.purser.core.store.JdbcBudgets}. */
public interface BudgetStore {

    /** Every budget, by name. */
    List<Budget> list();

    Optional<Budget> find(String name);

    /**
     * Creates or replaces the budget of that name. Replacing it with a different definition
     * forgets its reported crossings, so thresholds are reported again against the new amount.
     *
     * @param by who set it, for the record
     * @return true when it was created, false when it replaced one
     */
    boolean save(Budget budget, String by, Instant at);

    /** Removes the budget and its crossings; false when there was none of that name. */
    boolean remove(String name);

    /**
     * Records crossings not recorded before (by budget, month, threshold and basis) in one
     * transaction, and returns exactly those it recorded: concurrent callers never both get one.
     */
    List<Crossing> recordNew(List<Crossing> crossings, Instant at);
}
