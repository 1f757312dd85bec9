package dev.purser.core.analysis.savings;

import dev.purser.core.analysis.commitments.CommitmentAnalysis;
import dev.purser.core.analysis.commitments.CommitmentOutcome;
import dev.purser.core.analysis.rightsizing.Level;
import dev.purser.core.analysis.rightsizing.PriceBasis;
import dev.purser.core.analysis.rightsizing.Recommendation;
import dev.purser.core.analysis.waste.WasteFinding;
import dev.purser.core.analysis.waste.WasteKind;
import dev.purser.core.analysis.waste.WasteReport;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Turns each analysis' answers into savings items. */
public final class SavingsItems {

    private SavingsItems() {
    }

    /**
     * Right-sizing recommendations that save money: downsizes, fewer nodes, tighter limits and
     * idle flags with a priced saving. Upsizes, keeps and "not enough data" are not savings and
     * are left out.
     */
    public static List<SavingsItem> fromRightsizing(String account, List<Recommendation> recommendations) {
        List<SavingsItem> out = new ArrayList<>();
        for (Recommendation r : recommendations) {
            boolean saves = switch (r.action()) {
                case DOWNSIZE, REDUCE_NODES, DOWNSIZE_AND_REDUCE_NODES, SET_LIMITS, FLAG_IDLE -> true;
                case UPSIZE, KEEP, INSUFFICIENT_DATA -> false;
            };
            if (!saves || r.monthlySaving().isEmpty() || r.monthlySaving().get().amount().signum() <= 0
                    || r.priceBasis() == PriceBasis.NOT_FOUND) {
                continue;
            }
            String action = r.action() == dev.purser.core.analysis.rightsizing.RecommendedAction.FLAG_IDLE
                    ? "Stop or remove it: barely used"
                    : "Resize " + r.current().label() + " to " + r.proposed().label();
            out.add(new SavingsItem(r.id(), SavingsCategory.RIGHTSIZING, account, Optional.of(r.resourceId()),
                    r.resourceName(), action, r.monthlySaving(), r.priceBasis(), r.priceNote(), r.risk().level(),
                    r.risk().reasons(), r.effort(), r.confidence().level(), r.summary()));
        }
        return out;
    }

    /** Priced waste findings with a cost above zero (removing a free resource saves nothing). */
    public static List<SavingsItem> fromWaste(WasteReport report) {
        List<SavingsItem> out = new ArrayList<>();
        for (WasteFinding f : report.findings()) {
            if (f.monthlyCost().isPresent() && f.monthlyCost().get().amount().signum() <= 0) {
                continue;
            }
            Level confidence = switch (f.kind()) {
                case UNATTACHED_VOLUME, UNASSIGNED_IP, OLD_SNAPSHOT -> Level.HIGH;
                case IDLE_MACHINE, IDLE_DATABASE -> Level.MEDIUM;
            };
            out.add(new SavingsItem(f.id(), SavingsCategory.WASTE, f.account(), Optional.of(f.resourceId()),
                    f.resourceName(), f.action(), f.monthlyCost(), f.basis(), f.costNote(), f.risk(),
                    List.of(f.riskReason()), f.effort(), confidence,
                    words(f.kind()) + " " + f.resourceName() + ": " + f.evidence()));
        }
        return out;
    }

    /** The proposed commitment, when it saves anything. */
    public static List<SavingsItem> fromCommitment(CommitmentAnalysis analysis) {
        if (analysis.primary().isEmpty()) {
            return List.of();
        }
        CommitmentOutcome p = analysis.primary().get();
        String currency = p.hourlyCommitment().currency().getCurrencyCode();
        String hourly = p.hourlyCommitment().amount().setScale(3, RoundingMode.HALF_EVEN).toPlainString();
        String id = "cm-" + sha256Hex(analysis.account() + "|" + p.option().name() + "|" + hourly).substring(0, 10);
        Level risk = p.option().termMonths() > 12 ? Level.HIGH : Level.MEDIUM;
        List<String> reasons = new ArrayList<>();
        reasons.add("a " + p.option().termMonths() + "-month commitment is paid whether or not the usage continues");
        reasons.add(String.format(Locale.ROOT, "sized so the observed hours would have used %s %% of it",
                p.utilization().multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_EVEN).toPlainString()));
        Level confidence = analysis.gaps().stream().anyMatch(g -> g.startsWith("only ")) ? Level.LOW : Level.HIGH;
        String note = "on-demand cost of eligible compute in the bill over " + analysis.hours() + " hours, at an assumed "
                + p.option().discount().multiply(BigDecimal.valueOf(100)).stripTrailingZeros().toPlainString()
                + " % discount (" + p.option().label() + "); not a quote";
        String summary = "Buy " + hourly + " " + currency + "/hour of " + p.option().label() + ": covers "
                + p.coveredOnDemandHourly().amount().setScale(3, RoundingMode.HALF_EVEN).toPlainString() + " " + currency
                + "/hour of on-demand spend (steady baseline "
                + analysis.baselineHourly().amount().setScale(3, RoundingMode.HALF_EVEN).toPlainString() + " " + currency
                + "/hour)" + (p.breakEvenMonth().isPresent() ? ", breaks even in month " + p.breakEvenMonth().getAsInt() : "");
        return List.of(new SavingsItem(id, SavingsCategory.COMMITMENT, analysis.account(), Optional.empty(),
                analysis.account(), "Buy a " + p.option().label() + " of " + hourly + " " + currency + "/hour",
                Optional.of(p.monthlySaving()), PriceBasis.LIST_PRICE, note, risk, reasons, Level.LOW, confidence,
                summary));
    }

    static String words(WasteKind kind) {
        return switch (kind) {
            case UNATTACHED_VOLUME -> "Unattached volume";
            case UNASSIGNED_IP -> "Unassigned IP";
            case OLD_SNAPSHOT -> "Old snapshot";
            case IDLE_MACHINE -> "Idle machine";
            case IDLE_DATABASE -> "Idle database";
        };
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
