/**
 * On-demand benchmarks for the design's targets (ingestion against a bare COPY, cost breakdown
 * latency against DuckDB, right-sizing time, MCP latency and resident memory). Not tests: no
 * class here matches surefire's includes, and the {@code bench} Maven profile runs them, each in
 * a JVM of its own, through {@link dev.purser.bot.bench.RunBenchmarks}. Figures and commands are
 * in {@code bot/BENCHMARKS.md}.
 */
package dev.purser.bot.bench;
