package dev.purser.core.store;

import dev.purser.core.model.CostLineItem;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Set;

/**
 * What a load replaces when it commits: the rows earlier loads of the same source wrote for the
 * same identity. Two identities exist, {@link CoverageIdentity} (billing account and billing
 * month, for files that hold whole months) and {@link DayRangeIdentity} (billing account and
 * charge day, for pulls over any window).
 *
 * <p>Both run inside the load's transaction, after its own rows are copied in and before its
 * rollup is written, so the load's own rows (told apart by import id) are never deleted.
 */
sealed interface ImportIdentity permits CoverageIdentity, DayRangeIdentity {

    /**
     * Checks that a row can be replaced later by a load of the same identity.
     *
     * @throws IllegalArgumentException when the row lies outside the identity
     */
    void admit(CostLineItem item, LocalDate chargeDay);

    /**
     * Deletes what earlier loads of {@code source} wrote for this identity and records the new
     * load's claim on it.
     *
     * @param coverage the (account, billing month) pairs the new load's rows cover
     * @return line items deleted
     */
    long replace(Connection connection, String source, long importId, Set<DailyRollup.Coverage> coverage)
            throws SQLException;
}
