/**
 * Month-end forecasts: actual spend to date plus the expected rest of the month, weekday-aware,
 * with an interval, and monthly one-off charges (tax, credits, purchases) expected once rather
 * than extrapolated. The entry point is {@link dev.purser.core.analysis.forecast.MonthEndForecaster}.
 */
package dev.purser.core.analysis.forecast;
