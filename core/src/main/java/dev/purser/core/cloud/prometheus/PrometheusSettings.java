package dev.purser.core.cloud.prometheus;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link PrometheusClient} talks to Prometheus. The bearer token is deliberately not here:
 * records print every component, and a token must never reach a log line.
 *
 * @param connectTimeout  TCP connect limit
 * @param requestTimeout  limit for one whole request; also sent as Prometheus's own
 *                        {@code timeout} parameter so the server gives up at the same time
 * @param maxAttempts     tries per query; only timeouts, 429 and 5xx are retried
 * @param retryBackoff    wait before the second try, doubled before each later one
 * @param method          {@code GET}, or {@code POST} form for queries too long for a URL
 * @param minimumStep     the finest resolution to ask for, see {@link RangeQuery#stepFor}
 */
public record PrometheusSettings(Duration connectTimeout, Duration requestTimeout, int maxAttempts,
                                 Duration retryBackoff, Method method, Duration minimumStep) {

    /** The HTTP method for {@code query_range}; Prometheus accepts both. */
    public enum Method { GET, POST }

    public PrometheusSettings {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(minimumStep, "minimumStep");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(method, "method");
        if (retryBackoff.isNegative()) {
            throw new IllegalArgumentException("retryBackoff must not be negative: " + retryBackoff);
        }
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("maxAttempts must be 1..10: " + maxAttempts);
        }
    }

    /** 5 s connect, 30 s per request, 3 attempts from 500 ms backoff, GET, 5-minute resolution. */
    public static PrometheusSettings defaults() {
        return new PrometheusSettings(Duration.ofSeconds(5), Duration.ofSeconds(30), 3,
                Duration.ofMillis(500), Method.GET, RangeQuery.DEFAULT_MINIMUM_STEP);
    }

    public PrometheusSettings withRequestTimeout(Duration timeout) {
        return new PrometheusSettings(connectTimeout, timeout, maxAttempts, retryBackoff, method, minimumStep);
    }

    public PrometheusSettings withRetries(int attempts, Duration backoff) {
        return new PrometheusSettings(connectTimeout, requestTimeout, attempts, backoff, method, minimumStep);
    }

    public PrometheusSettings withMethod(Method m) {
        return new PrometheusSettings(connectTimeout, requestTimeout, maxAttempts, retryBackoff, m, minimumStep);
    }

    public PrometheusSettings withMinimumStep(Duration step) {
        return new PrometheusSettings(connectTimeout, requestTimeout, maxAttempts, retryBackoff, method, step);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
