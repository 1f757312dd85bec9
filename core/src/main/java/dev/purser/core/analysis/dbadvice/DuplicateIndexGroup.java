package dev.purser.core.analysis.dbadvice;

import java.util.List;
import java.util.Objects;

/**
 * Indexes of one table over the same keys (same columns or expressions, order, operator classes,
 * access method and predicate): all but one are dead weight on every write.
 *
 * @param keep           the one to keep: one that enforces a constraint, else the most scanned
 * @param redundant      the others, which can be dropped
 * @param redundantBytes the size of {@code redundant} together
 */
public record DuplicateIndexGroup(String schema, String table, String keys, String keep, List<String> redundant,
                                  long redundantBytes) {

    public DuplicateIndexGroup {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(keep, "keep");
        redundant = List.copyOf(redundant);
        if (redundant.isEmpty()) {
            throw new IllegalArgumentException("a duplicate group of " + schema + "." + table + " needs a redundant index");
        }
    }
}
