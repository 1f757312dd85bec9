/**
 * The analysis thresholds a team may change without rebuilding Purser: right-sizing rules and
 * waste thresholds, read from one properties file ({@code PURSER_RULES_FILE}) over the documented
 * defaults.
 */
package dev.purser.core.analysis.rules;
