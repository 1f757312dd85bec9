/** Immutable domain values: money, periods, FOCUS cost rows, resources, usage series. */
package dev.purser.core.model;
