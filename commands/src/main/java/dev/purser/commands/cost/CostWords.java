package dev.purser.commands.cost;

import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.ArgumentTypes;
import dev.purser.commands.render.Formats;
import dev.purser.commands.Suggestions;
import dev.purser.core.analysis.costs.BreakdownRequest;
import dev.purser.core.analysis.costs.CostBreakdown;
import dev.purser.core.analysis.costs.CostFilter;
import dev.purser.core.analysis.costs.CostQueries;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Money;
import dev.purser.core.model.Period;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Wording and argument plumbing shared by the cost commands ({@code cost}, {@code movers}, {@code trend}). */
public final class CostWords {

    public static final Dimension ACCOUNT = new Dimension(Dimension.Kind.BILLING_ACCOUNT, null);
    public static final Dimension PROVIDER = new Dimension(Dimension.Kind.PROVIDER, null);
    /** {@code --env prod} is a shortcut for {@code --where tag:env=prod}. */
    public static final Dimension ENV = Dimension.tag("env");

    private CostWords() {
    }

    /** How a period is typed back in a follow-up: {@code 2026-10} for one month, else the range. */
    public static String typed(Period period) {
        if (period.isWholeMonths() && period.start().plusMonths(1).equals(period.endExclusive())) {
            return period.start().toString().substring(0, 7);
        }
        return period.label();
    }

    /** A token that survives {@link dev.purser.commands.ChatLine#split}: quoted when it has spaces. */
    public static String token(String text) {
        if (!text.isEmpty() && text.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'')) {
            return text;
        }
        return text.indexOf('"') < 0 ? "\"" + text + "\"" : "'" + text + "'";
    }

    /** The filter from {@code --account} and {@code --where}; one value per dimension. */
    public static CostFilter filter(String account, List<ArgumentTypes.DimensionValue> where) {
        return filter(account, null, null, where);
    }

    /**
     * The filter from {@code --account}, {@code --provider}, {@code --env} and {@code --where}
     * (any may be null or empty); one value per dimension, so {@code --env prod} together with
     * {@code --where tag:env=dev} is refused rather than silently matching nothing.
     */
    public static CostFilter filter(String account, String provider, String env,
                                    List<ArgumentTypes.DimensionValue> where) {
        CostFilter filter = CostFilter.NONE;
        if (account != null) {
            filter = filter.and(ACCOUNT, account);
        }
        if (provider != null) {
            filter = filter.and(PROVIDER, provider);
        }
        if (env != null) {
            filter = filter.and(ENV, env);
        }
        for (ArgumentTypes.DimensionValue w : where) {
            String existing = filter.equalTo().get(w.dimension());
            if (existing != null && existing.equalsIgnoreCase(w.value())) {
                continue;
            }
            if (existing != null) {
                throw PurserException.badArgument("--where names " + w.dimension().word() + " twice ('"
                        + existing + "' and '" + w.value() + "'); a row has one " + w.dimension().word());
            }
            filter = filter.and(w.dimension(), w.value());
        }
        return filter;
    }

    /** The options that re-apply a filter in a follow-up: {@code --account a --where region=x}. */
    public static List<FollowUp.Argument> filterOptions(String account, List<ArgumentTypes.DimensionValue> where) {
        return filterOptions(account, null, null, where);
    }

    /** Like {@link #filterOptions(String, List)}, with {@code --provider} and {@code --env}. */
    public static List<FollowUp.Argument> filterOptions(String account, String provider, String env,
                                       List<ArgumentTypes.DimensionValue> where) {
        List<FollowUp.Argument> options = new ArrayList<>();
        if (account != null) {
            options.add(FollowUp.Argument.option("account", account));
        }
        if (provider != null) {
            options.add(FollowUp.Argument.option("provider", provider));
        }
        if (env != null) {
            options.add(FollowUp.Argument.option("env", env));
        }
        for (ArgumentTypes.DimensionValue w : where) {
            options.add(FollowUp.Argument.option("where", w.dimension().word() + "=" + w.value()));
        }
        return List.copyOf(options);
    }

    /**
     * Which cost column the answer sums, in a sentence; effective cost is said to be amortized,
     * because that is what makes it differ from the invoice.
     */
    public static String metricNote(CostMetric metric) {
        return switch (metric) {
            case BILLED -> "Billed cost: what the invoices charge (FOCUS BilledCost), commitment purchases on the day "
                    + "they are billed.";
            case EFFECTIVE -> "Effective cost: amortized (FOCUS EffectiveCost), commitment purchases such as Reserved "
                    + "Instances and Savings Plans spread over the usage they cover, after discounts, where the "
                    + "source reports them.";
            case LIST -> "List cost: public prices before any discount (FOCUS ListCost).";
        };
    }

    /** The same text for the three cost commands' {@code --provider} argument. */
    public static String providerHelp() {
        return "Only this provider, as imported (AWS, DigitalOcean, ...)";
    }

    /** The same text for the three cost commands' {@code --env} argument. */
    public static String envHelp() {
        return "Only this environment: a shortcut for --where tag:env=<value>";
    }

    /** A note saying what the filter kept, or null when there is none. */
    public static String filterNote(CostFilter filter) {
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
    public static BigDecimal ratio(Money change, Money previous) {
        if (previous.isZero()) {
            return null;
        }
        return change.amount().divide(previous.amount().abs(), MathContext.DECIMAL64);
    }

    /** {@code up $212.10 (+5.6 %)}, {@code down $3.00 (-1.2 %)}, {@code unchanged}, {@code up $5.00 from nothing}. */
    public static String change(Money current, Money previous) {
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
    public static String suffix(java.util.Currency currency, boolean several) {
        return several ? "_" + currency.getCurrencyCode().toLowerCase(java.util.Locale.ROOT) : "";
    }

    /** {@code " (EUR)"} when answers span several currencies, else nothing. */
    public static String labelSuffix(java.util.Currency currency, boolean several) {
        return several ? " (" + currency.getCurrencyCode() + ")" : "";
    }

    /** Days of data searched for the values a filter could have meant. */
    static final int KNOWN_VALUE_DAYS = 90;

    /**
     * For filter terms whose value the store has never seen in the {@value #KNOWN_VALUE_DAYS} days
     * up to the period's end, a sentence naming the close values it does know ("No service is
     * called Droplts in the bill (did you mean Droplets?)"); empty when every value is known or
     * nothing is close. Asked only when an answer came back empty, so a correct query pays nothing.
     */
    public static List<String> unknownValueHints(CostQueries costs, Period period,
                                                 List<ArgumentTypes.DimensionValue> where) {
        List<String> hints = new ArrayList<>();
        for (ArgumentTypes.DimensionValue term : where) {
            Period searched = Period.ofDays(period.lastDay().minusDays(KNOWN_VALUE_DAYS - 1L), period.lastDay(),
                    period.zone());
            CostBreakdown known = costs.breakdown(new BreakdownRequest(searched, term.dimension(), 1_000,
                    CostMetric.BILLED, CostFilter.NONE));
            List<String> values = new ArrayList<>();
            for (CostBreakdown.Section s : known.sections()) {
                for (CostBreakdown.Row row : s.rows()) {
                    if (!row.other() && row.key() != null && !values.contains(row.key())) {
                        values.add(row.key());
                    }
                }
            }
            if (values.stream().anyMatch(v -> v.equalsIgnoreCase(term.value()))) {
                continue;
            }
            String hint = Suggestions.didYouMean(term.value(), values);
            if (!hint.isEmpty()) {
                hints.add("No " + term.dimension().word() + " is called " + term.value() + " in the bill" + hint + ".");
            }
        }
        return hints;
    }
}
