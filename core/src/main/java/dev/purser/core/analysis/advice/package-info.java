/**
 * A provider's own recommendations (AWS Cost Explorer's right-sizing, Reserved Instance and
 * Savings Plan purchases) as stored by the last pull, read through one port so commands can show
 * them beside Purser's without knowing where they are kept.
 */
package dev.purser.core.analysis.advice;
