package dev.purser.core.config;

import dev.purser.core.analysis.budgets.Budget;
import dev.purser.core.analysis.budgets.BudgetDefinitions;
import dev.purser.core.error.PurserException;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One monthly budget, as a line of a budget definitions file would say it.
 *
 * @param name       unique name
 * @param amount     the monthly amount, positive
 * @param currency   ISO code, default USD
 * @param scope      {@code total}, {@code service:<name>} or {@code tag:<key>=<value>}; default total
 * @param account    the billing account it watches, or null for every account
 * @param thresholds percentages alerted once each; default 50, 75, 90, 100
 */
public record BudgetConfig(String name, BigDecimal amount, String currency, String scope, String account,
        List<Integer> thresholds) {

    public BudgetConfig {
        name = Check.required("name", name);
        if (amount == null || amount.signum() <= 0) {
            throw new SettingException("amount", "must be a positive amount");
        }
        currency = Check.orDefault(currency, "USD");
        scope = Check.orDefault(scope, "total");
        account = Check.blankToNull(account);
        thresholds = Check.list(thresholds);
        try {
            toBudget(name, amount, currency, scope, account, thresholds);
        } catch (PurserException e) {
            String message = e.getMessage().replaceFirst("^budget definitions line 1: ", "");
            String key = message.contains("threshold") ? "thresholds" : message.contains("currency") ? "currency" : "scope";
            throw new SettingException(key, message);
        }
    }

    /** The budget, checked by the same parser as a definitions file line. */
    public Budget toBudget() {
        return toBudget(name, amount, currency, scope, account, thresholds);
    }

    private static Budget toBudget(String name, BigDecimal amount, String currency, String scope, String account,
            List<Integer> thresholds) {
        StringBuilder line = new StringBuilder("name=").append(name)
                .append(";amount=").append(amount.toPlainString())
                .append(";currency=").append(currency)
                .append(";scope=").append(scope);
        if (account != null) {
            line.append(";account=").append(account);
        }
        if (!thresholds.isEmpty()) {
            line.append(";thresholds=").append(thresholds.stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        return BudgetDefinitions.parse(line.toString()).get(0);
    }
}
