/**
 * Cost anomalies: daily spend per service (or account) scored against a robust, weekday-aware
 * baseline, with spikes told apart from level shifts, the dollar impact of each, and the
 * resources and usage types that drove it.
 */
package dev.purser.core.analysis.anomalies;
