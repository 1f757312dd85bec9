package dev.purser.commands.rightsizing;

import dev.purser.commands.reply.Value;
import dev.purser.commands.reply.ValueType;
import dev.purser.core.analysis.rightsizing.ContainerLimits;
import dev.purser.core.analysis.rightsizing.KubernetesAnalysis;
import dev.purser.core.analysis.rightsizing.PriceBasis;
import dev.purser.core.analysis.rightsizing.Recommendation;
import dev.purser.core.analysis.rightsizing.RecommendationKind;
import dev.purser.core.analysis.rightsizing.UsageStats;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/** The words the right-sizing sections share: kinds, actions, sizes, usage, keys. */
final class RightsizeWords {

    private RightsizeWords() {
    }

    static String arrow(String now, String proposed) {
        return now.equals(proposed) ? now : now + " → " + proposed;
    }

    static String cpus(OptionalDouble v) {
        return v.isPresent() ? BigDecimal.valueOf(v.getAsDouble()).stripTrailingZeros().toPlainString() : "none";
    }

    static String bytes(long b) {
        if (b < 0) {
            return "none";
        }
        double mib = b / (1024.0 * 1024);
        return mib >= 1024 ? String.format(Locale.ROOT, "%.2f GiB", mib / 1024) : String.format(Locale.ROOT, "%.0f MiB", mib);
    }

    static String reservations(ContainerLimits l) {
        return cpus(l.cpusReservation()) + ", "
                + bytes(l.memoryReservation().isPresent() ? l.memoryReservation().getAsLong() : -1);
    }

    static String usage(Optional<UsageStats> cpu, Optional<UsageStats> memory) {
        List<String> parts = new ArrayList<>();
        cpu.ifPresent(c -> parts.add(String.format(Locale.ROOT, "%.2f/%.2f cores", c.p95(), c.p99())));
        memory.ifPresent(m -> parts.add(bytes((long) m.max())));
        return parts.isEmpty() ? "no data" : String.join(", ", parts);
    }

    static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    /**
     * The price basis, blank where nothing is claimed: a keep or insufficient-data row without a
     * saving has no price to defend, and "price not found" there reads like a failure. A proposed
     * change whose price the catalog lacks still says so.
     */
    static Value pricedOn(Recommendation r) {
        boolean proposesChange = switch (r.action()) {
            case DOWNSIZE, UPSIZE, REDUCE_NODES, DOWNSIZE_AND_REDUCE_NODES, SET_LIMITS, FLAG_IDLE -> true;
            case KEEP, INSUFFICIENT_DATA -> false;
        };
        boolean claimsSaving = r.monthlySaving().map(m -> m.amount().signum() != 0).orElse(false);
        return proposesChange || claimsSaving ? Value.text(basisWord(r.priceBasis())) : Value.empty(ValueType.TEXT);
    }

    static String basisWord(PriceBasis b) {
        return switch (b) {
            case LIST_PRICE -> "list price";
            case EFFECTIVE_COST -> "price paid";
            case NOT_FOUND -> "price not found";
        };
    }

    static String kindWord(RecommendationKind k) {
        return switch (k) {
            case VM -> "vm";
            case DATABASE_CLUSTER -> "db";
            case COMPOSE_SERVICE -> "container";
            case KUBERNETES_CONTAINER -> "k8s";
        };
    }

    static String word(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** A key fragment: lower case, runs of anything else as one underscore. */
    static String slug(String s) {
        String out = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return out.isEmpty() ? "unnamed" : out;
    }

    /** {@code namespace/name}: a workload's name alone repeats across namespaces. */
    static String workloadPath(KubernetesAnalysis k) {
        return k.workload().namespace() + "/" + k.workload().name();
    }
}
