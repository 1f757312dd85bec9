package dev.purser.core.analysis.waste;

import dev.purser.core.analysis.inventory.InventorySource;
import dev.purser.core.model.Resource;
import dev.purser.core.model.UsageSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An in-memory inventory: resources and series as given, windows applied like the store does. */
final class FakeInventory implements InventorySource {

    final List<Resource> resources = new ArrayList<>();
    final Map<String, UsageSeries> series = new HashMap<>();

    FakeInventory add(Resource r) {
        resources.add(r);
        return this;
    }

    FakeInventory usage(UsageSeries s) {
        series.put(s.resourceId() + "/" + s.metric(), s);
        return this;
    }

    @Override
    public List<Resource> resources(String scenarioOrNull) {
        return resources.stream().filter(r -> scenarioOrNull == null || r.scenario().equals(scenarioOrNull)).toList();
    }

    @Override
    public Optional<UsageSeries> usage(String resourceId, String metric, Instant from, Instant to) {
        UsageSeries s = series.get(resourceId + "/" + metric);
        if (s == null) {
            return Optional.empty();
        }
        return Optional.of(new UsageSeries(s.resourceId(), s.metric(), s.unit(), s.step(), s.samples().stream()
                .filter(p -> !p.at().isBefore(from) && p.at().isBefore(to)).toList()));
    }

    @Override
    public List<String> metrics(String resourceId) {
        return series.values().stream().filter(s -> s.resourceId().equals(resourceId)).map(UsageSeries::metric)
                .sorted().toList();
    }
}
