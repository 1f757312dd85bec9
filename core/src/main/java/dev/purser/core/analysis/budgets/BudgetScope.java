package dev.purser.core.analysis.budgets;

import dev.purser.core.analysis.costs.CostFilter;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Dimension;
import java.util.Locale;
import java.util.Objects;

/**
 * What a budget counts: all spend, one service's, or the spend of one tag value.
 *
 * @param key   the service name, or the tag key; null for {@link Kind#TOTAL}
 * @param value the tag value for {@link Kind#TAG}, otherwise null
 */
public record BudgetScope(Kind kind, String key, String value) {

    /** The kinds of scope, with the word stored and typed for each. */
    public enum Kind { TOTAL, SERVICE, TAG }

    public static final BudgetScope TOTAL = new BudgetScope(Kind.TOTAL, null, null);

    public BudgetScope {
        Objects.requireNonNull(kind, "kind");
        switch (kind) {
            case TOTAL -> {
                if (key != null || value != null) {
                    throw new IllegalArgumentException("a total scope has no key or value");
                }
            }
            case SERVICE -> {
                if (key == null || key.isBlank() || value != null) {
                    throw new IllegalArgumentException("a service scope needs a service name and no value");
                }
            }
            case TAG -> {
                if (key == null || key.isBlank() || value == null || value.isBlank()) {
                    throw new IllegalArgumentException("a tag scope needs a key and a value");
                }
            }
        }
    }

    public static BudgetScope service(String name) {
        return new BudgetScope(Kind.SERVICE, name, null);
    }

    public static BudgetScope tag(String key, String value) {
        return new BudgetScope(Kind.TAG, key, value);
    }

    /**
     * Parses {@code total}, {@code service:<name>} or {@code tag:<key>=<value>}.
     *
     * @throws PurserException BAD_ARGUMENT naming the text and the accepted forms
     */
    public static BudgetScope parse(String text) {
        String t = text == null ? "" : text.trim();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("total")) {
            return TOTAL;
        }
        if (lower.startsWith("service:") && t.length() > 8 && !t.substring(8).isBlank()) {
            return service(t.substring(8).trim());
        }
        if (lower.startsWith("tag:")) {
            String rest = t.substring(4);
            int eq = rest.indexOf('=');
            if (eq > 0 && eq < rest.length() - 1 && !rest.substring(0, eq).isBlank()
                    && !rest.substring(eq + 1).isBlank()) {
                return tag(rest.substring(0, eq).trim(), rest.substring(eq + 1).trim());
            }
        }
        throw PurserException.badArgument("'" + text + "' is not a budget scope; expected total, service:<name> "
                + "(service:EC2) or tag:<key>=<value> (tag:env=prod)");
    }

    /** The cost filter of this scope, restricted to {@code account} when it is not null. */
    public CostFilter filter(String account) {
        CostFilter filter = switch (kind) {
            case TOTAL -> CostFilter.NONE;
            case SERVICE -> CostFilter.NONE.and(Dimension.SERVICE, key);
            case TAG -> CostFilter.NONE.and(Dimension.tag(key), value);
        };
        return account == null ? filter : filter.and(new Dimension(Dimension.Kind.BILLING_ACCOUNT, null), account);
    }

    /** The form {@link #parse} reads. */
    public String text() {
        return switch (kind) {
            case TOTAL -> "total";
            case SERVICE -> "service:" + key;
            case TAG -> "tag:" + key + "=" + value;
        };
    }

    @Override
    public String toString() {
        return text();
    }
}
