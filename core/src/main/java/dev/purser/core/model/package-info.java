/** Immutable domain values: money, periods, FOCUS cost rows, resources with their typed facts, usage series. */
package dev.purser.core.model;
