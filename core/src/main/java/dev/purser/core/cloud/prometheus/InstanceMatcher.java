package dev.purser.core.cloud.prometheus;

import dev.purser.core.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Finds the stored resource a Prometheus {@code instance} (or another identifying label) stands
 * for, trying in order: the resource's {@code prometheusInstance} fact (the explicit link, equal
 * to the whole instance or its host part); the resource's name or id equal to either; one of its
 * {@code addresses} equal to the host part ({@code 10.0.0.5:9100} → {@code 10.0.0.5}).
 *
 * <p>Never guesses: when two resources fit at the same step, machines are preferred over
 * databases (node_exporter runs on machines); when still two fit, the instance is ambiguous and
 * matched to neither.
 */
final class InstanceMatcher {

    /**
     * The stored name of the fact that links a resource to a Prometheus instance explicitly, as
     * messages tell people to set it ({@code ResourceFacts.prometheusInstance} in code).
     */
    static final String INSTANCE_ATTRIBUTE = "prometheus_instance";

    static final Set<String> MACHINE_KINDS = Set.of("droplet", "ec2-instance", "instance", "vm");
    static final Set<String> DATABASE_KINDS = Set.of("database-cluster", "database-instance", "rds-instance",
            "database");

    private final List<Resource> candidates;

    InstanceMatcher(List<Resource> resources, Set<String> kinds) {
        this.candidates = resources.stream().filter(r -> kinds.contains(r.kind().toLowerCase(Locale.ROOT))).toList();
    }

    /** A match, or why not: {@code ambiguous} lists the resources that fit equally well. */
    record Match(Optional<Resource> resource, List<Resource> ambiguous) {
    }

    Match match(String instance) {
        String host = hostPart(instance);
        List<Predicate<Resource>> steps = List.of(
                r -> equalsEither(r.facts().prometheusInstance().orElse(null), instance, host),
                r -> equalsEither(r.name(), instance, host) || equalsEither(r.id(), instance, host),
                r -> r.facts().addresses().stream().anyMatch(a -> host.equalsIgnoreCase(strip(a))));
        for (Predicate<Resource> step : steps) {
            List<Resource> fit = candidates.stream().filter(step).toList();
            if (fit.size() > 1) {
                List<Resource> machines = fit.stream()
                        .filter(r -> MACHINE_KINDS.contains(r.kind().toLowerCase(Locale.ROOT))).toList();
                fit = machines.isEmpty() ? fit : machines;
            }
            if (fit.size() == 1) {
                return new Match(Optional.of(fit.get(0)), List.of());
            }
            if (fit.size() > 1) {
                return new Match(Optional.empty(), List.copyOf(fit));
            }
        }
        return new Match(Optional.empty(), List.of());
    }

    private static boolean equalsEither(String value, String instance, String host) {
        String v = strip(value);
        return !v.isEmpty() && (v.equalsIgnoreCase(instance) || v.equalsIgnoreCase(host));
    }

    private static String strip(String v) {
        return v == null ? "" : v.strip();
    }

    /** {@code 10.0.0.5:9100} → {@code 10.0.0.5}; {@code [fd00::5]:9100} → {@code fd00::5}; a bare IPv6 stays whole. */
    static String hostPart(String instance) {
        String s = instance.strip();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            return close > 0 ? s.substring(1, close) : s;
        }
        int colon = s.indexOf(':');
        return colon > 0 && colon == s.lastIndexOf(':') ? s.substring(0, colon) : s;
    }

    static List<String> names(List<Resource> rs) {
        List<String> out = new ArrayList<>();
        for (Resource r : rs) {
            out.add(r.name());
        }
        return out;
    }
}
