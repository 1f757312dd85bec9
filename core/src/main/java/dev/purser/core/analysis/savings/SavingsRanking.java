package dev.purser.core.analysis.savings;

import dev.purser.core.analysis.rightsizing.Level;
import java.math.BigDecimal;
import java.util.Comparator;

/** The ranking documented in the package overview. */
public final class SavingsRanking {

    /** Best first: highest score, then highest saving, then id. */
    public static final Comparator<SavingsItem> ORDER = Comparator
            .comparing(SavingsRanking::score, Comparator.reverseOrder())
            .thenComparing((SavingsItem i) -> i.monthlySaving().map(m -> m.amount()).orElse(BigDecimal.ZERO),
                    Comparator.reverseOrder())
            .thenComparing(SavingsItem::id);

    private SavingsRanking() {
    }

    /** Monthly saving × risk × effort × confidence weights; zero without a priced saving. */
    public static BigDecimal score(SavingsItem item) {
        if (item.monthlySaving().isEmpty()) {
            return BigDecimal.ZERO;
        }
        return item.monthlySaving().get().amount()
                .multiply(riskWeight(item.risk()))
                .multiply(effortWeight(item.effort()))
                .multiply(confidenceWeight(item.confidence()));
    }

    static BigDecimal riskWeight(Level risk) {
        return switch (risk) {
            case LOW -> BigDecimal.ONE;
            case MEDIUM -> new BigDecimal("0.75");
            case HIGH -> new BigDecimal("0.5");
        };
    }

    static BigDecimal effortWeight(Level effort) {
        return switch (effort) {
            case LOW -> BigDecimal.ONE;
            case MEDIUM -> new BigDecimal("0.85");
            case HIGH -> new BigDecimal("0.7");
        };
    }

    static BigDecimal confidenceWeight(Level confidence) {
        return switch (confidence) {
            case LOW -> new BigDecimal("0.7");
            case MEDIUM -> new BigDecimal("0.85");
            case HIGH -> BigDecimal.ONE;
        };
    }
}
