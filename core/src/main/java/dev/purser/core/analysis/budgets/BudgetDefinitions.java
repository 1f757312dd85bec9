package dev.purser.core.analysis.budgets;

import dev.purser.core.error.PurserException;
import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Budgets written in a configuration file, one per line:
 *
 * <pre>
 * # name, amount and scope; account and thresholds are optional
 * name=livyflow-total;amount=4000 USD;scope=total;account=livyflow;thresholds=50,75,90,100
 * name=livyflow-ec2;amount=1500 USD;scope=service:EC2;account=livyflow
 * name=prod;amount=3000;currency=USD;scope=tag:env=prod
 * </pre>
 *
 * <p>Blank lines and lines starting with {@code #} are ignored. Keys are {@code name},
 * {@code amount} (a number, optionally followed by a currency code), {@code currency} (default
 * USD), {@code scope} ({@code total}, {@code service:<name>}, {@code tag:<key>=<value>}; default
 * total), {@code account} and {@code thresholds} (default 50,75,90,100). An unknown key is an
 * error, not ignored, so a typo cannot silently drop a setting.
 */
public final class BudgetDefinitions {

    private static final Set<String> KEYS = Set.of("name", "amount", "currency", "scope", "account", "thresholds");

    private BudgetDefinitions() {
    }

    /**
     * @throws PurserException BAD_ARGUMENT naming the line and what is wrong with it
     */
    public static List<Budget> parse(String text) {
        List<Budget> budgets = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Budget b;
            try {
                b = budget(line);
            } catch (PurserException e) {
                throw PurserException.badArgument("budget definitions line " + (i + 1) + ": " + e.getMessage());
            }
            if (!names.add(b.name())) {
                throw PurserException.badArgument("budget definitions line " + (i + 1) + ": budget " + b.name()
                        + " is defined twice");
            }
            budgets.add(b);
        }
        return List.copyOf(budgets);
    }

    /**
     * Saves the defined budgets the store does not have yet; budgets already there (perhaps changed
     * by an admin through the {@code budget} command) are left as they are, because the store is
     * the source of truth once a budget exists.
     *
     * @return the names added
     */
    public static List<String> seed(BudgetStore store, List<Budget> budgets, Clock clock) {
        List<String> added = new ArrayList<>();
        for (Budget b : budgets) {
            if (store.find(b.name()).isEmpty()) {
                store.save(b, "configuration", clock.instant());
                added.add(b.name());
            }
        }
        return added;
    }

    private static Budget budget(String line) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String part : line.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw PurserException.badArgument("'" + part.trim() + "' is not key=value");
            }
            String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            if (!KEYS.contains(key)) {
                throw PurserException.badArgument("unknown key '" + key + "'; expected name, amount, currency, scope, "
                        + "account or thresholds");
            }
            if (values.put(key, part.substring(eq + 1).trim()) != null) {
                throw PurserException.badArgument("key '" + key + "' is given twice");
            }
        }
        String name = values.get("name");
        String amountText = values.get("amount");
        if (name == null || amountText == null) {
            throw PurserException.badArgument("a budget needs at least name= and amount=");
        }
        String[] amountParts = amountText.split("\\s+");
        String currency = values.getOrDefault("currency", amountParts.length > 1 ? amountParts[1] : "USD");
        if (amountParts.length > 2 || (amountParts.length == 2 && values.containsKey("currency")
                && !amountParts[1].equalsIgnoreCase(values.get("currency")))) {
            throw PurserException.badArgument("amount '" + amountText + "' must be a number and at most one currency code "
                    + "that agrees with currency=");
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(amountParts[0]);
        } catch (NumberFormatException e) {
            throw PurserException.badArgument("amount '" + amountParts[0] + "' is not a number");
        }
        BudgetScope scope = BudgetScope.parse(values.getOrDefault("scope", "total"));
        List<Integer> thresholds = values.containsKey("thresholds")
                ? Budget.parseThresholds(values.get("thresholds")) : Budget.DEFAULT_THRESHOLDS;
        return new Budget(name, new Money(amount, Budget.currency(currency)), scope, values.get("account"), thresholds);
    }
}
