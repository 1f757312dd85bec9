package dev.purser.core.analysis.waste;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Resource;
import dev.purser.core.model.UsageSeries;
import dev.purser.core.store.InventoryRepository;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What waste needs of the inventory: resources and usage samples. A port, so tests can fake it. */
public interface InventoryView {

    /** Resources of one scenario or account, or of all when {@code scenarioOrNull} is null. */
    List<Resource> resources(String scenarioOrNull);

    /**
     * Samples with {@code from <= at < to}; empty when the resource has no samples of that metric
     * at all (which is different from an empty window: that returns a series without samples).
     */
    Optional<UsageSeries> usage(String resourceId, String metric, Instant from, Instant to);

    /** The stored inventory. */
    static InventoryView of(InventoryRepository repository) {
        Objects.requireNonNull(repository, "repository");
        return new InventoryView() {
            @Override
            public List<Resource> resources(String scenarioOrNull) {
                return repository.resources(scenarioOrNull);
            }

            @Override
            public Optional<UsageSeries> usage(String resourceId, String metric, Instant from, Instant to) {
                try {
                    return Optional.of(repository.usage(resourceId, metric, from, to));
                } catch (PurserException e) {
                    if (e.code() == ErrorCode.NOT_FOUND) {
                        return Optional.empty();
                    }
                    throw e;
                }
            }
        };
    }
}
