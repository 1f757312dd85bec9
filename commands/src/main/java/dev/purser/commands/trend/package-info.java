/** {@code trend}: the daily cost of a period as a table and a stacked chart, with the top movers. */
package dev.purser.commands.trend;
