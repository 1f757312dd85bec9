package dev.purser.commands.reply;

import java.util.Objects;

/** @param key stable machine name, snake_case; JSON uses it as the field name */
public record Column(String key, String label, ValueType type) {
    public Column {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(type, "type");
    }
}
