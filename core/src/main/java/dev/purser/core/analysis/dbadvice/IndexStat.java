package dev.purser.core.analysis.dbadvice;

import java.util.Objects;

/**
 * One user index: usage from {@code pg_stat_user_indexes}, shape from {@code pg_index}.
 *
 * @param scans            {@code idx_scan} since the statistics were reset
 * @param backsConstraint  it enforces a constraint (primary key, unique, exclusion) and cannot be
 *                         dropped on its own
 * @param keys             the indexed columns or expressions, as {@code pg_get_indexdef} shows them,
 *                         comma-separated, including {@code INCLUDE} columns
 * @param operatorClasses  {@code pg_index.indclass} and {@code indcollation}, so that two
 *                         indexes on one column with different operator classes are not called
 *                         duplicates
 * @param predicate        the partial-index {@code WHERE} clause, empty if none
 * @param definition       the full {@code CREATE INDEX} statement
 */
public record IndexStat(String schema, String table, String index, long scans, boolean unique,
                        boolean primary, boolean valid, boolean backsConstraint, long sizeBytes,
                        String accessMethod, String keys, String operatorClasses, String predicate,
                        String definition) {

    public IndexStat {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(accessMethod, "accessMethod");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(operatorClasses, "operatorClasses");
        Objects.requireNonNull(predicate, "predicate");
        Objects.requireNonNull(definition, "definition");
    }
}
