/**
 * Purser's Prometheus metrics, served at {@code /metrics} by {@code purser serve}: its own
 * (commands, latency, refused requests, job runs, plans) and the engine's cost figures (budgets,
 * daily cost, forecast, anomalies, savings, rate limits, imports). Every name, unit and help text
 * passes {@code promtool check metrics}; deploy/prometheus and deploy/grafana use only these names.
 */
package dev.purser.bot.metrics;
