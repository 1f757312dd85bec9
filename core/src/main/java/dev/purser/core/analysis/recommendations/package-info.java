/**
 * Recommendations from stored evidence: {@link dev.purser.core.analysis.recommendations.RightsizingService}
 * loads inventory and usage from the store, runs the right-sizing engine per resource kind, prices
 * savings on what the bill actually charged where it can, and returns one ranked answer with its gaps.
 */
package dev.purser.core.analysis.recommendations;
