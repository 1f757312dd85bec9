/**
 * Cloud API clients: the only HTTP calls in core. Each provider has its own subpackage
 * ({@code digitalocean}, ...) that returns typed records; {@code http} holds the plumbing they
 * share (timeouts, retries with backoff, rate-limit waits and bookkeeping, error mapping).
 */
package dev.purser.core.cloud;
