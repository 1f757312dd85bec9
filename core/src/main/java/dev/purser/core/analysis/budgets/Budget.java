package dev.purser.core.analysis.budgets;

import dev.purser.core.error.PurserException;
import dev.purser.core.model.Money;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A monthly budget.
 *
 * @param name       lower-case words joined by dashes, dots or underscores, up to 64 characters
 * @param amount     the monthly amount, positive; its currency is the spend counted
 * @param scope      what spend counts
 * @param account    the billing account (id or name) the budget is limited to, or null for all
 * @param thresholds percentages of the amount (1..1000) to report crossings of, ascending, distinct
 */
public record Budget(String name, Money amount, BudgetScope scope, String account, List<Integer> thresholds) {

    /** The thresholds a budget gets when none are given. */
    public static final List<Integer> DEFAULT_THRESHOLDS = List.of(50, 75, 90, 100);
    /** The largest threshold accepted, 1000 %: beyond that a budget is wrong, not overspent. */
    public static final int MAX_THRESHOLD = 1000;

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    /**
     * @throws PurserException BAD_ARGUMENT for a bad name, a non-positive amount or bad thresholds
     */
    public Budget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(thresholds, "thresholds");
        if (!NAME.matcher(name).matches()) {
            throw PurserException.badArgument("budget name '" + name + "' must be lower-case letters, digits, "
                    + "dots, dashes or underscores, starting with a letter or digit, at most 64 characters");
        }
        if (amount.amount().signum() <= 0) {
            throw PurserException.badArgument("budget amount must be positive, got " + amount.amount().toPlainString());
        }
        if (account != null) {
            account = account.trim();
            if (account.isEmpty()) {
                account = null;
            }
        }
        if (thresholds.isEmpty()) {
            throw PurserException.badArgument("a budget needs at least one threshold percentage");
        }
        for (Integer t : thresholds) {
            if (t == null || t < 1 || t > MAX_THRESHOLD) {
                throw PurserException.badArgument("threshold " + t + " % is out of range; expected a percentage from 1 to "
                        + MAX_THRESHOLD);
            }
        }
        thresholds = List.copyOf(new TreeSet<>(thresholds));
    }

    /**
     * The currency of an ISO 4217 code, such as {@code USD}.
     *
     * @throws PurserException BAD_ARGUMENT for a code that is not one
     */
    public static java.util.Currency currency(String code) {
        String c = code == null ? "" : code.trim().toUpperCase(java.util.Locale.ROOT);
        try {
            if (c.length() == 3) {
                return java.util.Currency.getInstance(c);
            }
        } catch (IllegalArgumentException e) {
            // fall through to the user-facing message
        }
        throw PurserException.badArgument("unknown currency '" + code + "'; expected an ISO 4217 code such as USD or EUR");
    }

    /**
     * Parses threshold percentages written {@code 50,75,90,100} (a trailing {@code %} is allowed).
     *
     * @throws PurserException BAD_ARGUMENT naming the bad entry
     */
    public static List<Integer> parseThresholds(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw PurserException.badArgument("expected threshold percentages such as 50,75,90,100, got nothing");
        }
        List<Integer> out = new java.util.ArrayList<>();
        for (String part : t.split(",")) {
            String p = part.trim();
            if (p.endsWith("%")) {
                p = p.substring(0, p.length() - 1).trim();
            }
            int value;
            try {
                value = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw PurserException.badArgument("threshold '" + part.trim() + "' is not a whole percentage; expected "
                        + "for example 50,75,90,100");
            }
            if (value < 1 || value > MAX_THRESHOLD) {
                throw PurserException.badArgument("threshold " + value + " % is out of range; expected a percentage from 1 to "
                        + MAX_THRESHOLD);
            }
            out.add(value);
        }
        return out;
    }
}
