package dev.purser.core.analysis.inventory;

import dev.purser.core.model.Resource;
import dev.purser.core.model.UsageSeries;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What analyses read of the inventory: resources and their usage samples. The store implements
 * it; tests and benchmarks fake it.
 */
public interface InventorySource {

    /** Resources of one scenario or account, or of all when {@code scenarioOrNull} is null. */
    List<Resource> resources(String scenarioOrNull);

    /**
     * Samples with {@code from <= at < to}; empty when the resource has no samples of that metric
     * at all (which is different from an empty window: that returns a series without samples).
     *
     * @throws dev.purser.core.error.PurserException BAD_ARGUMENT when {@code to} is not after
     *         {@code from}; DATABASE_ERROR when the read fails
     */
    Optional<UsageSeries> usage(String resourceId, String metric, Instant from, Instant to);

    /** The metrics stored for a resource, sorted; empty when it has none. */
    List<String> metrics(String resourceId);
}
