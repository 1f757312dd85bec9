package dev.purser.core.alerts;

import dev.purser.core.model.Money;
import java.util.List;
import java.util.Objects;

/**
 * One thing worth telling a channel.
 *
 * @param kind     routes by kind
 * @param key      the subject: two alerts with one key are about the same thing (a budget's
 *                 threshold in a month and basis, an anomaly's series and day), which is what
 *                 de-duplication, the quiet period and "increases only" compare
 * @param account  the billing account it concerns, for {@code account:} scopes; may be null
 * @param budget   the budget it concerns, for {@code budget:} scopes; may be null
 * @param tier     the environment tier it concerns, for {@code tier:} scopes; may be null
 * @param title    one line
 * @param lines    the detail, one fact a line (drivers, figures)
 * @param amount   the figure "increases only" compares (an anomaly's dollar impact); null for none
 * @param onceOnly true: sent once per route ever (a budget crossing); false: may repeat
 * @param explain  the command that explains it, such as {@code purser budget status --month 2026-11}
 */
public record Alert(AlertKind kind, String key, String account, String budget, String tier, String title,
        List<String> lines, Money amount, boolean onceOnly, String explain) {

    public Alert {
        Objects.requireNonNull(kind, "kind");
        key = requireText("key", key);
        title = requireText("title", title);
        lines = List.copyOf(lines);
        explain = requireText("explain", explain);
        if (key.length() > 400) {
            throw new IllegalArgumentException("alert key is longer than 400 characters: " + key.substring(0, 40) + "...");
        }
    }

    private static String requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("alert " + field + " is blank");
        }
        return value.strip();
    }

    /** The message a channel receives for this alert alone. */
    public AlertMessage message() {
        return new AlertMessage(kind, title, lines, explain);
    }
}
