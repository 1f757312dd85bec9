/**
 * Database advice from a target's statistics: top queries, cache hit ratio, unused and duplicate
 * indexes, missing-index candidates, connection headroom and pooling, idle transactions, and
 * configuration for a proposed size. Input is {@link dev.purser.core.analysis.dbadvice.PostgresStats};
 * output is one {@link dev.purser.core.analysis.dbadvice.DatabaseAdvice} with evidence figures.
 */
package dev.purser.core.analysis.dbadvice;
