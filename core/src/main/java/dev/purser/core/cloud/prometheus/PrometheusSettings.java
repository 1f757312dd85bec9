package dev.purser.core.cloud.prometheus;

import dev.purser.core.cloud.http.HttpSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link PrometheusClient} talks to Prometheus. The bearer token is deliberately not here:
 * records print every component, and a token must never reach a log line.
 *
 * @param http        timeouts and retries, shared with the other cloud clients; the request
 *                    timeout is also sent as Prometheus's own {@code timeout} parameter so the
 *                    server stops evaluating when Purser stops waiting
 * @param method      {@code GET}, or {@code POST} form for queries too long for a URL
 * @param minimumStep the finest resolution to ask for, see {@link RangeQuery#stepFor}
 */
public record PrometheusSettings(HttpSettings http, Method method, Duration minimumStep) {

    /** The HTTP method for {@code query_range}; Prometheus accepts both. */
    public enum Method { GET, POST }

    public PrometheusSettings {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(minimumStep, "minimumStep");
        if (minimumStep.isZero() || minimumStep.isNegative()) {
            throw new IllegalArgumentException("minimumStep must be positive: " + minimumStep);
        }
    }

    /** {@link HttpSettings#defaults()}, GET, 5-minute resolution. */
    public static PrometheusSettings defaults() {
        return new PrometheusSettings(HttpSettings.defaults(), Method.GET, RangeQuery.DEFAULT_MINIMUM_STEP);
    }

    public PrometheusSettings withHttp(HttpSettings settings) {
        return new PrometheusSettings(settings, method, minimumStep);
    }

    public PrometheusSettings withMethod(Method m) {
        return new PrometheusSettings(http, m, minimumStep);
    }

    public PrometheusSettings withMinimumStep(Duration step) {
        return new PrometheusSettings(http, method, step);
    }
}
