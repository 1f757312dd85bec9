package dev.purser.core.engine;

import dev.purser.core.config.Secret;

/**
 * Where the engine reads the secrets the configuration names ({@code token_env},
 * {@code password_env}). The composition root backs it with the process environment; core never
 * sees that environment itself.
 */
@FunctionalInterface
public interface SecretSource {

    /** No secrets at all: every variable reads as unset. */
    SecretSource NONE = Secret::absent;

    /**
     * @param variable the environment variable's name, as the configuration gives it
     * @return the secret, absent when the variable is unset or blank
     */
    Secret secret(String variable);
}
