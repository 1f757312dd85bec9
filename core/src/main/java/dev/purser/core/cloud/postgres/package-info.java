/**
 * Statistics of a target PostgreSQL database (the one being advised on, not Purser's own), read
 * over a read-only connection: {@code pg_stat_statements}, {@code pg_stat_database},
 * {@code pg_stat_activity}, index and table statistics, {@code pg_settings}.
 */
package dev.purser.core.cloud.postgres;
