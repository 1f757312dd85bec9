package dev.purser.commands.cost;

import dev.purser.commands.ArgumentTypes;
import dev.purser.commands.render.Formats;
import dev.purser.core.analysis.costs.CostFilter;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Money;
import dev.purser.core.model.Period;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Wording and argument plumbing shared by the cost commands. */
final class CostWords {

    static final Dimension ACCOUNT = new Dimension(Dimension.Kind.BILLING_ACCOUNT, null);

    private CostWords() {
    }

    /** How a period is typed back in a follow-up: {@code 2026-10} for one month, else the range. */
    static String typed(Period period) {
        if (period.isWholeMonths() && period.start().plusMonths(1).equals(period.endExclusive())) {
            return period.start().toString().substring(0, 7);
        }
        return period.label();
    }

    /** A token that survives {@link dev.purser.commands.ChatLine#split}: quoted when it has spaces. */
    static String token(String text) {
        if (!text.isEmpty() && text.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'')) {
            return text;
        }
        return text.indexOf('"') < 0 ? "\"" + text + "\"" : "'" + text + "'";
    }

    /** The filter from {@code --account} and {@code --where}; one value per dimension. */
    static CostFilter filter(String account, List<ArgumentTypes.DimensionValue> where) {
        CostFilter filter = CostFilter.NONE;
        if (account != null) {
            filter = filter.and(ACCOUNT, account);
        }
        for (ArgumentTypes.DimensionValue w : where) {
            String existing = filter.equalTo().get(w.dimension());
            if (existing != null) {
                throw PurserException.badArgument("--where names " + w.dimension().word() + " twice ('"
                        + existing + "' and '" + w.value() + "'); a row has one " + w.dimension().word());
            }
            filter = filter.and(w.dimension(), w.value());
        }
        return filter;
    }

    /** The options that re-apply a filter in a follow-up: {@code --account a --where region=x}. */
    static String filterOptions(String account, List<ArgumentTypes.DimensionValue> where) {
        StringBuilder b = new StringBuilder();
        if (account != null) {
            b.append(" --account ").append(token(account));
        }
        for (ArgumentTypes.DimensionValue w : where) {
            b.append(" --where ").append(token(w.dimension().word() + "=" + w.value()));
        }
        return b.toString();
    }

    /** A note saying what the filter kept, or null when there is none. */
    static String filterNote(CostFilter filter) {
        if (filter.isEmpty()) {
            return null;
        }
        List<String> terms = new ArrayList<>();
        for (Map.Entry<Dimension, String> e : filter.equalTo().entrySet()) {
            terms.add(e.getKey().word() + "=" + e.getValue());
        }
        terms.sort(null);
        return "Only costs where " + String.join(" and ", terms) + ".";
    }

    /** change / |previous|, or null when previous is zero. */
    static BigDecimal ratio(Money change, Money previous) {
        if (previous.isZero()) {
            return null;
        }
        return change.amount().divide(previous.amount().abs(), MathContext.DECIMAL64);
    }

    /** {@code up $212.10 (+5.6 %)}, {@code down $3.00 (-1.2 %)}, {@code unchanged}, {@code up $5.00 from nothing}. */
    static String change(Money current, Money previous) {
        Money change = current.minus(previous);
        if (change.roundedToMinorUnit().isZero()) {
            return "unchanged";
        }
        String direction = change.isNegative() ? "down " : "up ";
        String amount = Formats.money(change.isNegative() ? change.negate() : change);
        BigDecimal ratio = ratio(change, previous);
        return direction + amount + (ratio == null ? " from nothing" : " (" + Formats.signedPercent(ratio) + ")");
    }

    /** {@code _eur} when answers span several currencies, else nothing. */
    static String suffix(java.util.Currency currency, boolean several) {
        return several ? "_" + currency.getCurrencyCode().toLowerCase(java.util.Locale.ROOT) : "";
    }

    /** {@code " (EUR)"} when answers span several currencies, else nothing. */
    static String labelSuffix(java.util.Currency currency, boolean several) {
        return several ? " (" + currency.getCurrencyCode() + ")" : "";
    }
}
