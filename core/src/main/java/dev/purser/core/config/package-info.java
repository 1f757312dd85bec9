/**
 * Purser's one typed configuration: {@code purser.yaml} (its path in {@code PURSER_CONFIG}) read
 * once at start-up into {@link dev.purser.core.config.PurserConfig}, with the {@code PURSER_*}
 * environment variables laid over it by {@link dev.purser.core.config.EnvironmentOverlay}.
 *
 * <p>Precedence, lowest first: the defaults in the records' compact constructors, then the file,
 * then the environment. Secrets never live in the file: a section names the environment variable
 * that holds one ({@code token_env}, {@code password_env}), and the composition root resolves it
 * into a {@link dev.purser.core.config.Secret}. This package is the only part of core that sees
 * environment variables, and it sees them only as a map handed in by the launcher.
 */
package dev.purser.core.config;
