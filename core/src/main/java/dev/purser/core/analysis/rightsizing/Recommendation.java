package dev.purser.core.analysis.rightsizing;

import dev.purser.core.model.Money;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One right-sizing answer for one resource.
 *
 * @param id            stable: {@code rs-} and 10 hex digits of a hash of the kind, the resource
 *                      id and the evidence figures, so the same evidence always gives the same id
 * @param monthlySaving current minus proposed monthly price from the catalog (negative for an
 *                      upsize); empty when the catalog cannot support a figure ("price not found")
 * @param priceBasis    what the money figures rest on; {@code priceNote} says which catalog and
 *                      date, and the billed effective cost where known
 * @param autoscaled    the resource is one replica of an autoscaled group: the proposal is per
 *                      replica and the saving is per replica times the current replica count
 * @param decisionMatrix the high-availability trade-off, for database clusters
 * @param summary       one sentence for a chat reply
 */
public record Recommendation(
        String id,
        RecommendationKind kind,
        RecommendedAction action,
        String resourceId,
        String resourceName,
        Configuration current,
        Configuration proposed,
        Optional<Money> monthlySaving,
        PriceBasis priceBasis,
        String priceNote,
        Assessment risk,
        Level effort,
        Assessment confidence,
        Evidence evidence,
        boolean autoscaled,
        Optional<DecisionMatrix> decisionMatrix,
        String summary) {

    public Recommendation {
        Objects.requireNonNull(id, "id");
        if (!id.matches("rs-[0-9a-f]{10}")) {
            throw new IllegalArgumentException("id must be rs- and 10 hex digits: " + id);
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(resourceName, "resourceName");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(proposed, "proposed");
        Objects.requireNonNull(monthlySaving, "monthlySaving");
        Objects.requireNonNull(priceBasis, "priceBasis");
        Objects.requireNonNull(priceNote, "priceNote");
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(effort, "effort");
        Objects.requireNonNull(confidence, "confidence");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(decisionMatrix, "decisionMatrix");
        Objects.requireNonNull(summary, "summary");
        if (priceBasis == PriceBasis.NOT_FOUND && monthlySaving.isPresent()) {
            throw new IllegalArgumentException("a saving needs a price: " + monthlySaving.get() + " for " + resourceId);
        }
    }

    /**
     * The stable id for a kind, a resource and its evidence: figures are rounded to six
     * significant digits so that re-reading the same samples never changes it.
     */
    public static String stableId(RecommendationKind kind, String resourceId, Evidence evidence) {
        StringBuilder key = new StringBuilder(kind.name()).append('|').append(resourceId);
        key.append('|').append(evidence.pattern().pattern());
        for (UsageStats m : evidence.metrics()) {
            key.append('|').append(m.metric())
                    .append(':').append(fig(m.p50())).append(':').append(fig(m.p95()))
                    .append(':').append(fig(m.p99())).append(':').append(fig(m.max()))
                    .append(':').append(m.sampleCount()).append(':').append(m.missingSamples());
        }
        return "rs-" + sha256Hex(key.toString()).substring(0, 10);
    }

    private static String fig(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    static String sha256Hex(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** Every figure of the recommendation is ready to render; this lists them for logs. */
    @Override
    public String toString() {
        return id + " " + kind + " " + action + " " + resourceId + ": " + summary;
    }

    /** The change proposed: from the current configuration to the proposed one. */
    public RightsizingChange change() {
        return new RightsizingChange(current, proposed);
    }

    /** Reasons of risk and confidence together, for renderers that show one list. */
    public List<String> caveats() {
        return java.util.stream.Stream.concat(risk.reasons().stream(), confidence.reasons().stream()).toList();
    }
}
