/**
 * The {@code db} command: advice on a PostgreSQL database from its own statistics, read over a
 * connection that cannot write. Targets are configured by name, or given as a URL whose host is on
 * an allow list; credentials come only from the environment and never appear in a reply.
 */
package dev.purser.commands.db;
