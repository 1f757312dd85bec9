/**
 * PostgreSQL storage: the pool, embedded start-up, Flyway migrations and the JDBC implementations
 * of the ports that analysis ({@code analysis.*}) and ingestion ({@code ingest}) declare. Only the
 * composition root names these classes.
 */
package dev.purser.core.store;
