package dev.purser.commands.reply;

import java.util.Objects;

/**
 * A setting now and as proposed, both typed (quantities, details); an empty side means "none".
 * People see {@code 1 → 0.45}, or the one value when nothing changes; machines see both sides.
 */
public record Change(Value from, Value to) {
    public Change {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.type() != to.type()) {
            throw new IllegalArgumentException("a change keeps its type: " + from.type() + " → " + to.type());
        }
    }
}
