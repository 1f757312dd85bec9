/**
 * The three demo scenarios ({@code mandible}, {@code investment}, {@code livyflow}) generated
 * deterministically from a last day, and the FOCUS CSV writer that turns them into files the
 * importers read like any real export.
 */
package dev.purser.core.demo;
