package dev.purser.core.ingest;

import dev.purser.core.model.Resource;
import dev.purser.core.model.UsageSeries;
import java.util.List;

/**
 * Where inventory pulls and the demo land resources and usage. The store implements it; a pull
 * reads everything first and lands it in one call, so a failed pull changes nothing.
 */
public interface InventorySink {

    /**
     * Replaces everything stored for {@code scenario} with these resources and usage series, in
     * one transaction.
     *
     * @throws dev.purser.core.error.PurserException BAD_ARGUMENT when a resource belongs to another
     *         scenario, an id repeats, a series names a resource not in {@code resources}, or a
     *         resource id is already used by another scenario's samples; DATABASE_ERROR when the
     *         write fails (nothing changes then)
     */
    InventoryLoad replaceScenario(String scenario, List<Resource> resources, List<UsageSeries> usage);

    /**
     * Adds to a scenario instead of replacing it: upserts {@code resources} (by id) and replaces
     * exactly the series given (by resource id and metric), in one transaction, leaving the
     * scenario's other resources and series as they were.
     *
     * @throws dev.purser.core.error.PurserException as {@link #replaceScenario}
     */
    InventoryLoad mergeUsage(String scenario, List<Resource> resources, List<UsageSeries> usage);
}
