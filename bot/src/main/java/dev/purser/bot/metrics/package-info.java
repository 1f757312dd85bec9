/** Purser's own Prometheus metrics (commands, latency, refused requests), served at {@code /metrics}. */
package dev.purser.bot.metrics;
