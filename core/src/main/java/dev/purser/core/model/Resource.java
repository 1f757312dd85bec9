package dev.purser.core.model;

import java.util.Locale;
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
 * @param tags     the team's own labels ({@code env}, {@code team}, {@code tier}, ...)
 * @param facts    typed facts the source knew (capacity, cluster layout, limits, attachment, ...)
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
        ResourceFacts facts) {

    public Resource {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(kind, "kind");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        facts = facts == null ? ResourceFacts.NONE : facts;
    }

    /**
     * {@code production}, {@code staging}, {@code test}, {@code development} or {@code unknown}:
     * from the {@code env} (or {@code environment}, {@code stage}) tag, else from a word of the
     * name ({@code sso-prod}).
     */
    public String environment() {
        for (String key : new String[] {"env", "environment", "stage"}) {
            String v = tags.get(key);
            if (v != null && !v.isBlank()) {
                return normaliseEnvironment(v.strip());
            }
        }
        for (String word : name.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            String env = normaliseEnvironment(word);
            if (!env.equals("unknown")) {
                return env;
            }
        }
        return "unknown";
    }

    /** Tagged {@code tier=critical}: a cluster the team will not run on one node. */
    public boolean critical() {
        String tier = tags.get("tier");
        return tier != null && tier.strip().equalsIgnoreCase("critical");
    }

    private static String normaliseEnvironment(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "prod", "production", "prd", "live" -> "production";
            case "staging", "stage", "stg", "preprod" -> "staging";
            case "test", "testing", "qa" -> "test";
            case "dev", "development", "sandbox" -> "development";
            default -> "unknown";
        };
    }
}
