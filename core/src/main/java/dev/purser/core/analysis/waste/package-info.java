/**
 * Waste: what is paid for and unused. Unattached volumes, unassigned reserved/Elastic IPs,
 * snapshots past a retention, idle machines (p95 CPU under a threshold over a window) and
 * databases with no connections for a week, each with its monthly cost and where that figure came
 * from (the bill's effective cost for the resource, or the inventory's list price).
 *
 * <p>Safety: a resource whose state or usage Purser cannot see is reported as unknown, never as
 * waste, and no saving is claimed without a price from the bill or the inventory.
 */
package dev.purser.core.analysis.waste;
