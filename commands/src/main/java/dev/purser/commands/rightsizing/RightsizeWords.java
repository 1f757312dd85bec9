package dev.purser.commands.rightsizing;

import dev.purser.commands.reply.Details;
import dev.purser.commands.reply.Quantity;
import dev.purser.commands.reply.UsageFigures;
import dev.purser.commands.reply.Value;
import dev.purser.commands.reply.ValueType;
import dev.purser.core.analysis.rightsizing.ContainerLimits;
import dev.purser.core.analysis.rightsizing.KubernetesAnalysis;
import dev.purser.core.analysis.rightsizing.PriceBasis;
import dev.purser.core.analysis.rightsizing.Recommendation;
import dev.purser.core.analysis.rightsizing.RecommendationKind;
import dev.purser.core.analysis.rightsizing.UsageStats;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** What the right-sizing sections share: words for kinds, actions and prices; typed sizes and usage; keys. */
final class RightsizeWords {

    private RightsizeWords() {
    }

    /** Cores as a quantity value, empty when not set. */
    static Value cores(OptionalDouble v) {
        return v.isPresent() ? Value.quantity(Quantity.cores(BigDecimal.valueOf(v.getAsDouble())))
                : Value.empty(ValueType.QUANTITY);
    }

    /** Bytes as a quantity value, empty when not set. */
    static Value bytes(OptionalLong v) {
        return v.isPresent() ? Value.quantity(Quantity.bytes(v.getAsLong())) : Value.empty(ValueType.QUANTITY);
    }

    /** A container's reservations: cpus and memory, each empty when not set (shown {@code none}). */
    static Value reservations(ContainerLimits l) {
        return Value.details(new Details(Optional.empty(), List.of(
                new Details.Field("cpus", cores(l.cpusReservation())),
                new Details.Field("memory_bytes", bytes(l.memoryReservation())))));
    }

    /** CPU p95/p99 in cores and the memory maximum in bytes, each absent without data. */
    static Value usage(Optional<UsageStats> cpu, Optional<UsageStats> memory) {
        return Value.usage(new UsageFigures(cpu.map(c -> BigDecimal.valueOf(c.p95())),
                cpu.map(c -> BigDecimal.valueOf(c.p99())),
                memory.map(m -> OptionalLong.of((long) m.max())).orElse(OptionalLong.empty())));
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
