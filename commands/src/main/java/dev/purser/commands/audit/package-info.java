/**
 * {@code audit verify|show|export}: checking, reading and exporting the hash-chained audit trail.
 */
package dev.purser.commands.audit;
