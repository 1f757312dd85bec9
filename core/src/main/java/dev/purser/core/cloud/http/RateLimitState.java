package dev.purser.core.cloud.http;

import java.time.Instant;
import java.util.Objects;

/**
 * What one provider last said about one of its rate limits.
 *
 * @param provider   e.g. {@code DigitalOcean}
 * @param limitType  which limit, e.g. {@code requests_per_hour}
 * @param remaining  requests left before the provider answers 429
 * @param limit      the size of the limit, or -1 when the provider did not say
 * @param resetAt    when the provider says capacity comes back; null when it did not say
 * @param observedAt when Purser read it
 */
public record RateLimitState(
        String provider, String limitType, long remaining, long limit, Instant resetAt, Instant observedAt) {

    public RateLimitState {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(limitType, "limitType");
        Objects.requireNonNull(observedAt, "observedAt");
        if (remaining < 0) {
            throw new IllegalArgumentException("remaining must not be negative: " + remaining);
        }
        if (limit < -1) {
            throw new IllegalArgumentException("limit must be -1 (unknown) or more: " + limit);
        }
    }
}
