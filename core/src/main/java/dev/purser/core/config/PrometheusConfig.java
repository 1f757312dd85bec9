package dev.purser.core.config;

import java.net.URI;
import java.nio.file.Path;

/**
 * Prometheus, for {@code import prometheus}; when {@code url} is set, {@code import do-inventory}
 * and {@code import aws-inventory} merge its series at once.
 *
 * @param url          Prometheus's base URL, or null when there is none
 * @param tokenEnv     the environment variable holding a bearer token (default {@code PURSER_PROMETHEUS_TOKEN}); unset means none
 * @param queriesFile  a properties (or {@code .json}) file overriding queries by key, or null
 */
public record PrometheusConfig(URI url, String tokenEnv, Path queriesFile) {

    public static final String DEFAULT_TOKEN_ENV = "PURSER_PROMETHEUS_TOKEN";

    public PrometheusConfig {
        url = Check.httpUrl("url", url, null);
        tokenEnv = Check.variable("token_env", tokenEnv, DEFAULT_TOKEN_ENV);
    }

    public static PrometheusConfig defaults() {
        return new PrometheusConfig(null, null, null);
    }

    public boolean configured() {
        return url != null;
    }

    public PrometheusConfig withUrl(URI newUrl) {
        return new PrometheusConfig(newUrl, tokenEnv, queriesFile);
    }

    public PrometheusConfig withQueriesFile(Path newFile) {
        return new PrometheusConfig(url, tokenEnv, newFile);
    }
}
