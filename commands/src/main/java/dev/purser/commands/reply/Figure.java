package dev.purser.commands.reply;

import java.util.Objects;

/**
 * A key figure shown prominently ("Total", "Change vs previous").
 *
 * @param key stable machine name, snake_case ({@code total}, {@code previous_total})
 */
public record Figure(String key, String label, Value value) {
    public Figure {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(value, "value");
    }
}
