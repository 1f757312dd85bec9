package dev.purser.core.cloud.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How patiently a cloud client talks to its API.
 *
 * @param connectTimeout     longest wait for a TCP/TLS connection
 * @param requestTimeout     longest wait for one response, headers and body
 * @param maxAttempts        attempts per request, counting the first (1 = never retry)
 * @param initialBackoff     wait before the second attempt after a 5xx, timeout or connection
 *                           error; doubled for each further attempt
 * @param maxBackoff         cap on one backoff wait
 * @param maxRateLimitWait   longest single wait Purser accepts for a rate limit to reset; a 429
 *                           whose reset is further away fails at once instead of blocking
 */
public record HttpSettings(
        Duration connectTimeout,
        Duration requestTimeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration maxRateLimitWait) {

    public HttpSettings {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(initialBackoff, "initialBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRateLimitWait, "maxRateLimitWait");
        if (maxRateLimitWait.isNegative()) {
            throw new IllegalArgumentException("maxRateLimitWait must not be negative: " + maxRateLimitWait);
        }
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("maxAttempts must be between 1 and 20: " + maxAttempts);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff
                    + " is shorter than initialBackoff " + initialBackoff);
        }
    }

    /** 10 s to connect, 30 s per response, 4 attempts, backoff 1 s doubling to 30 s, rate-limit waits up to 2 min. */
    public static HttpSettings defaults() {
        return new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(30), 4,
                Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(2));
    }

    public HttpSettings withRequestTimeout(Duration timeout) {
        return new HttpSettings(connectTimeout, timeout, maxAttempts, initialBackoff, maxBackoff, maxRateLimitWait);
    }

    public HttpSettings withMaxAttempts(int attempts) {
        return new HttpSettings(connectTimeout, requestTimeout, attempts, initialBackoff, maxBackoff, maxRateLimitWait);
    }

    public HttpSettings withMaxRateLimitWait(Duration wait) {
        return new HttpSettings(connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff, wait);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
