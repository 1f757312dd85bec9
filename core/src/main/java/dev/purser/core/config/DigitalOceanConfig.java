package dev.purser.core.config;

import java.net.URI;

/**
 * The DigitalOcean API, for {@code import do-billing} and {@code import do-inventory}.
 *
 * @param baseUrl  the API, or a proxy for it: https, plain http only to localhost (the token must
 *                 not cross a network in clear); default {@code https://api.digitalocean.com}
 * @param tokenEnv the environment variable holding a read token (default {@code DIGITALOCEAN_TOKEN})
 */
public record DigitalOceanConfig(URI baseUrl, String tokenEnv) {

    public static final URI DEFAULT_BASE_URL = URI.create("https://api.digitalocean.com");
    public static final String DEFAULT_TOKEN_ENV = "DIGITALOCEAN_TOKEN";

    public DigitalOceanConfig {
        baseUrl = Check.tokenUrl("base_url", baseUrl, DEFAULT_BASE_URL);
        tokenEnv = Check.variable("token_env", tokenEnv, DEFAULT_TOKEN_ENV);
    }

    public static DigitalOceanConfig defaults() {
        return new DigitalOceanConfig(null, null);
    }

    public DigitalOceanConfig withBaseUrl(URI newBaseUrl) {
        return new DigitalOceanConfig(newBaseUrl, tokenEnv);
    }
}
