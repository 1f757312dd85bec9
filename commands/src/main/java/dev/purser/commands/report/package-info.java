/**
 * The {@code report} command: one month's cost report (total, average day, largest services,
 * budgets, movers, anomalies, savings, a daily chart and a top-services chart), built from the
 * same services and requests as the commands that answer each part alone, so its figures are theirs.
 */
package dev.purser.commands.report;
