package dev.purser.core.analysis.rightsizing;

import dev.purser.core.model.Money;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A resource's configuration, current or proposed.
 *
 * @param label        one line, e.g. {@code "db-s-2vcpu-4gb x 2 nodes"} or {@code "cpus 0.50, memory 512M"}
 * @param values       the settings by name, in display order ({@code size}, {@code nodes},
 *                     {@code vcpus}, {@code memory_bytes}, {@code cpus_limit}, ...)
 * @param monthlyPrice its monthly price, when known
 */
public record Configuration(String label, Map<String, String> values, Optional<Money> monthlyPrice) {

    public Configuration {
        Objects.requireNonNull(label, "label");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        Objects.requireNonNull(monthlyPrice, "monthlyPrice");
    }
}
