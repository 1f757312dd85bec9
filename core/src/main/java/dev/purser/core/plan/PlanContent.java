package dev.purser.core.plan;

import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a plan says, everything an approver signs: the recommendations, the window, the order and
 * why, and every phase. Its {@link #canonical()} text is one line per fact in a fixed order with
 * exact figures, and {@link #hash()} is the SHA-256 of that text: the same content gives the same
 * hash on every machine and every run, and any change to what would be done changes it.
 *
 * @param title             one line for lists ({@code mandible: 2 database clusters 2 → 1 node})
 * @param recommendationIds the recommendations it was made from, in the order given
 * @param window            the recurring window phases are placed in
 * @param orderedBy         which measured usage decided the order of production phases, in a sentence
 */
public record PlanContent(String title, List<String> recommendationIds, MaintenanceWindow window, String orderedBy,
        List<Phase> phases) {

    /** The version of the canonical form; bump it when the form changes, so old hashes stay explainable. */
    public static final String FORMAT = "purser-plan/1";

    public PlanContent {
        Objects.requireNonNull(title, "title");
        recommendationIds = List.copyOf(recommendationIds);
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(orderedBy, "orderedBy");
        phases = List.copyOf(phases);
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one phase");
        }
        for (int i = 0; i < phases.size(); i++) {
            if (phases.get(i).number() != i + 1) {
                throw new IllegalArgumentException("phases must be numbered 1.." + phases.size() + " in order");
            }
        }
    }

    /** The canonical text the hash is taken over. */
    public String canonical() {
        StringBuilder b = new StringBuilder(FORMAT).append('\n');
        b.append("title ").append(title).append('\n');
        b.append("recommendations ").append(String.join(",", recommendationIds)).append('\n');
        b.append("window ").append(window.canonical()).append('\n');
        b.append("ordered_by ").append(orderedBy).append('\n');
        for (Phase p : phases) {
            b.append(p.canonical());
        }
        return b.toString();
    }

    /** SHA-256 of {@link #canonical()}, 64 hex digits. */
    public String hash() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(canonical().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** The monthly saving once every phase is done, one sum per currency (first currency first). */
    public List<Money> monthlySavings() {
        Map<String, Money> sums = new TreeMap<>();
        for (Phase p : phases) {
            for (PhaseTarget t : p.targets()) {
                t.monthlySaving().ifPresent(m -> sums.merge(m.currency().getCurrencyCode(), m, Money::plus));
            }
        }
        return List.copyOf(sums.values());
    }

    /** The first currency's total, the figure a title shows. */
    public Optional<Money> monthlySaving() {
        List<Money> all = monthlySavings();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** Every resource any phase touches (forks count as their source), in phase order. */
    public Set<String> resourceIds() {
        Set<String> ids = new LinkedHashSet<>();
        phases.forEach(p -> ids.addAll(p.resourceIds()));
        return ids;
    }

    static String money(Money m) {
        BigDecimal s = m.amount().stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString() + " " + m.currency().getCurrencyCode();
    }
}
