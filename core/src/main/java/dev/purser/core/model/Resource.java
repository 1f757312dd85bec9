package dev.purser.core.model;

import java.util.Map;
import java.util.Objects;

/**
 * Something a team pays for and that can be right-sized: a droplet, a database cluster, a
 * container, an EC2 instance, a volume.
 *
 * @param id       the provider's id, matching FOCUS ResourceId in the bill
 * @param provider FOCUS ProviderName, e.g. {@code DigitalOcean}, {@code AWS}
 * @param kind     what it is: {@code droplet}, {@code database-cluster}, {@code container}, ...
 * @param size     the provider's size slug or instance type, e.g. {@code db-s-2vcpu-4gb}
 * @param attributes further facts (node count, attached, region, engine, limits, ...)
 */
public record Resource(
        String scenario,
        String id,
        String name,
        String provider,
        String kind,
        String size,
        String region,
        Money monthlyPrice,
        Map<String, String> tags,
        Map<String, String> attributes) {

    public Resource {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(kind, "kind");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
