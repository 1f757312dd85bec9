/** PostgreSQL storage: the pool, embedded start-up, Flyway migrations and JDBC repositories. */
package dev.purser.core.store;
