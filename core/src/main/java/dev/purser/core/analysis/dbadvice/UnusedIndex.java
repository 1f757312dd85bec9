package dev.purser.core.analysis.dbadvice;

import java.util.Objects;

/** An index never scanned since the statistics were reset, and not enforcing a constraint. */
public record UnusedIndex(String schema, String table, String index, long sizeBytes, String definition) {

    public UnusedIndex {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(definition, "definition");
    }
}
