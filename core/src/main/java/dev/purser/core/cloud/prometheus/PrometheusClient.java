package dev.purser.core.cloud.prometheus;

import dev.purser.core.cloud.http.HttpSettings;
import dev.purser.core.cloud.http.Sleeper;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.UsageSeries;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads usage series from the Prometheus HTTP API ({@code /api/v1/query_range}).
 *
 * <p>Transport: timeouts and retries come from the shared {@link HttpSettings}, like every cloud
 * client's. The shared {@code ApiHttpClient} itself is not used because it requires a token and
 * only sends GET, while most Prometheus servers have no authentication and long PromQL needs a
 * POST form.
 *
 * <p>Failures, and who has to act on them:
 * <ul>
 *   <li>HTTP 400 {@code bad_data} (bad PromQL, bad range): {@link ErrorCode#BAD_ARGUMENT}, naming
 *       the query; not retried;</li>
 *   <li>HTTP 422 {@code execution}, 401/403, 404, other 4xx, a body that is not the Prometheus
 *       API: {@link ErrorCode#EXTERNAL_API_ERROR} at once, saying what to check;</li>
 *   <li>HTTP 5xx (503 is Prometheus's {@code timeout}), a client-side timeout or a refused
 *       connection: retried up to {@link HttpSettings#maxAttempts()} times in all, waiting
 *       {@link HttpSettings#initialBackoff()} doubling up to {@link HttpSettings#maxBackoff()},
 *       then {@link ErrorCode#EXTERNAL_API_ERROR} with what to try;</li>
 *   <li>HTTP 429 (from a proxy in front of Prometheus): retried after its {@code Retry-After} if
 *       that is within {@link HttpSettings#maxRateLimitWait()}.</li>
 * </ul>
 *
 * <p>Secrets: the bearer token is sent as {@code Authorization: Bearer …} and appears in no
 * message, log line or {@code toString}; user info in the base URI is stripped from messages
 * too. Redirects are not followed, so the token never travels to another host.
 *
 * <p>Thread-safe: one instance may serve concurrent callers.
 */
public final class PrometheusClient {

    private static final Logger LOG = LoggerFactory.getLogger(PrometheusClient.class);
    private static final int MAX_QUERY_IN_MESSAGE = 200;
    private static final Duration MINIMUM_RATE_WINDOW = Duration.ofMinutes(5);

    private final URI endpoint;
    private final String displayBase;
    private final PrometheusSettings settings;
    private final String bearerToken;
    private final Clock clock;
    private final Sleeper sleeper;
    private final HttpClient http;

    /** A client without authentication. */
    public PrometheusClient(URI baseUri, PrometheusSettings settings, Clock clock) {
        this(baseUri, settings, null, clock, Sleeper.system());
    }

    /**
     * @param baseUri     Prometheus's root, e.g. {@code http://prometheus:9090} or
     *                    {@code https://example.org/prometheus} behind a path prefix
     * @param bearerToken sent as {@code Authorization: Bearer}; {@code null} or blank for none.
     *                    The caller reads it from the environment ({@code PROMETHEUS_TOKEN})
     * @param sleeper     waits between attempts ({@link Sleeper#system()}); tests record instead
     * @throws IllegalArgumentException if {@code baseUri} is not an absolute http(s) URI
     */
    public PrometheusClient(URI baseUri, PrometheusSettings settings, String bearerToken, Clock clock,
                            Sleeper sleeper) {
        Objects.requireNonNull(baseUri, "baseUri");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        String scheme = baseUri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || baseUri.getHost() == null) {
            throw new IllegalArgumentException("Prometheus base URI must be an absolute http(s) URI: "
                    + withoutUserInfo(baseUri));
        }
        this.endpoint = resolve(baseUri, "api/v1/query_range");
        this.displayBase = withoutUserInfo(baseUri);
        this.bearerToken = bearerToken == null || bearerToken.isBlank() ? null : bearerToken.strip();
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.http().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * Runs one range query.
     *
     * @throws PurserException {@code BAD_ARGUMENT} if Prometheus rejects the query,
     *                         {@code EXTERNAL_API_ERROR} if it fails or cannot be reached
     */
    public RangeResult queryRange(RangeQuery query) {
        Objects.requireNonNull(query, "query");
        HttpRequest request = request(query);
        String shownQuery = abbreviate(query.promql());
        HttpSettings h = settings.http();
        Failure last;
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = response.statusCode();
                if (status == 200) {
                    return MatrixParser.parse(query, response.body(), "Prometheus at " + displayBase);
                }
                last = failure(status, response, shownQuery);
            } catch (HttpTimeoutException e) {
                last = new Failure(true, ErrorCode.EXTERNAL_API_ERROR, "Prometheus at " + displayBase
                        + " did not answer the query `" + shownQuery + "` within " + h.requestTimeout().toMillis()
                        + " ms; try a shorter window, a larger step, or a longer request timeout", e, null);
            } catch (IOException e) {
                last = new Failure(true, ErrorCode.EXTERNAL_API_ERROR, "could not reach Prometheus at " + displayBase
                        + " (" + e.getClass().getSimpleName() + "); check the URL and that Prometheus is running", e, null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PurserException(ErrorCode.EXTERNAL_API_ERROR,
                        "interrupted while querying Prometheus at " + displayBase + "; run it again", e);
            }
            if (!last.retryable() || attempt >= h.maxAttempts()) {
                String message = last.retryable() && attempt > 1
                        ? last.message() + " (gave up after " + attempt + " attempts)"
                        : last.message();
                throw new PurserException(last.code(), message, last.cause());
            }
            Duration wait = last.retryIn() != null ? last.retryIn() : backoff(attempt);
            LOG.warn("Prometheus query attempt {}/{} failed, retrying in {} ms: {}", attempt, h.maxAttempts(),
                    wait.toMillis(), last.message());
            pause(wait, last);
        }
    }

    /**
     * Usage of {@code metric} for every resource over {@code start..end}, at the finest step that
     * fits ({@link RangeQuery#stepFor}), as {@link UsageSeries}, with per-resource gaps.
     *
     * @throws PurserException {@code BAD_ARGUMENT} if {@code queries} has nothing for {@code metric}
     *                         or Prometheus rejects it; {@code EXTERNAL_API_ERROR} as for {@link #queryRange}
     */
    public UsageReport usage(PrometheusQueries queries, PrometheusMetric metric, Instant start, Instant end) {
        Objects.requireNonNull(queries, "queries");
        Objects.requireNonNull(metric, "metric");
        if (end.isBefore(start)) {
            throw PurserException.badArgument("usage window end is before start: " + start + ".." + end);
        }
        MetricQuery mq = queries.query(metric).orElseThrow(() -> PurserException.badArgument(
                "no Prometheus query is configured for " + metric.metricName()));
        RangeResult result = queryRange(mq, start, end);
        RangeQuery query = result.query();
        Duration step = query.step();

        List<UsageSeries> series = new ArrayList<>(result.series().size());
        List<String> gaps = new ArrayList<>();
        for (LabelledSeries s : result.series()) {
            String resourceId = s.resourceId(mq.resourceLabels());
            series.add(s.toUsageSeries(resourceId, metric.metricName(), metric.unit(), step));
            if (s.gaps() > 0) {
                gaps.add(resourceId + " " + metric.metricName() + ": " + s.gaps() + " of " + query.points()
                        + " points missing" + (s.nonFinite() > 0 ? " (" + s.nonFinite() + " NaN/Inf)" : ""));
            }
        }
        if (series.isEmpty()) {
            gaps.add("Prometheus returned no series for " + metric.metricName() + " from " + start + " to " + end
                    + "; check that the exporter is scraped and the query's labels match");
        }
        return new UsageReport(metric, query, series, gaps, result.warnings());
    }

    /**
     * Runs {@code query} over {@code start..end} at {@link #stepFor} of the window, with
     * {@value MetricQuery#RATE_INTERVAL} rendered as the larger of five minutes and the step; the
     * series keep all their labels, for callers that match them to resources themselves.
     *
     * @throws PurserException as for {@link #queryRange(RangeQuery)}
     */
    public RangeResult queryRange(MetricQuery query, Instant start, Instant end) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw PurserException.badArgument("usage window end is before start: " + start + ".." + end);
        }
        Duration step = stepFor(Duration.between(start, end));
        Duration rateWindow = step.compareTo(MINIMUM_RATE_WINDOW) > 0 ? step : MINIMUM_RATE_WINDOW;
        return queryRange(new RangeQuery(query.render(rateWindow), start, end, step));
    }

    /** The step this client asks for over a window this long: {@link RangeQuery#stepFor} at its minimum step. */
    public Duration stepFor(Duration window) {
        return RangeQuery.stepFor(window, settings.minimumStep());
    }

    /**
     * Usage over the {@code lookback} ending now (from the injected clock), the end rounded down to
     * a whole step so repeated calls ask for the same grid and caching proxies can help.
     */
    public UsageReport usage(PrometheusQueries queries, PrometheusMetric metric, Duration lookback) {
        Objects.requireNonNull(lookback, "lookback");
        if (lookback.isZero() || lookback.isNegative()) {
            throw PurserException.badArgument("usage lookback must be positive: " + lookback);
        }
        long stepSeconds = RangeQuery.stepFor(lookback, settings.minimumStep()).getSeconds();
        long now = clock.instant().getEpochSecond();
        Instant end = Instant.ofEpochSecond(now - Math.floorMod(now, stepSeconds));
        return usage(queries, metric, end.minus(lookback), end);
    }

    @Override
    public String toString() {
        return "PrometheusClient[" + displayBase + (bearerToken == null ? "" : ", bearer token set") + "]";
    }

    private HttpRequest request(RangeQuery query) {
        String form = "query=" + encode(query.promql())
                + "&start=" + seconds(query.start())
                + "&end=" + seconds(query.end())
                + "&step=" + query.step().getSeconds()
                + "&timeout=" + PromDuration.format(Duration.ofSeconds(Math.max(1, settings.http().requestTimeout().getSeconds())));
        HttpRequest.Builder b = switch (settings.method()) {
            case GET -> HttpRequest.newBuilder(URI.create(endpoint + "?" + form)).GET();
            case POST -> HttpRequest.newBuilder(endpoint)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
        };
        b.timeout(settings.http().requestTimeout()).header("Accept", "application/json");
        if (bearerToken != null) {
            b.header("Authorization", "Bearer " + bearerToken);
        }
        return b.build();
    }

    private Failure failure(int status, HttpResponse<String> response, String shownQuery) {
        String body = response.body();
        Optional<MatrixParser.ApiError> apiError = MatrixParser.error(body);
        String detail = apiError.map(e -> e.errorType() + ": " + abbreviate(e.error())).orElse("HTTP " + status);
        String errorType = apiError.map(MatrixParser.ApiError::errorType).orElse("");
        if (status == 400 || "bad_data".equals(errorType)) {
            return new Failure(false, ErrorCode.BAD_ARGUMENT, "Prometheus rejected the query `" + shownQuery + "` ("
                    + detail + "); fix the PromQL or the range", null, null);
        }
        if (status == 422) {
            return new Failure(false, ErrorCode.EXTERNAL_API_ERROR, "Prometheus could not evaluate the query `"
                    + shownQuery + "` (" + detail + "); check that its metrics exist on " + displayBase
                    + " or narrow the query", null, null);
        }
        if (status == 401 || status == 403) {
            return new Failure(false, ErrorCode.EXTERNAL_API_ERROR, "Prometheus at " + displayBase
                    + " refused the request (HTTP " + status + "); check the bearer token (PROMETHEUS_TOKEN)", null, null);
        }
        if (status == 404) {
            return new Failure(false, ErrorCode.EXTERNAL_API_ERROR, "no Prometheus HTTP API at " + displayBase
                    + " (HTTP 404 for /api/v1/query_range); check the Prometheus base URL", null, null);
        }
        if (status == 503 || "timeout".equals(errorType)) {
            return new Failure(true, ErrorCode.EXTERNAL_API_ERROR, "Prometheus at " + displayBase
                    + " could not answer the query `" + shownQuery + "` in time (" + detail
                    + "); try a shorter window, a larger step, or a longer request timeout", null, null);
        }
        if (status == 429) {
            Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(PrometheusClient::seconds);
            Duration limit = settings.http().maxRateLimitWait();
            boolean wait = retryAfter.map(d -> d.compareTo(limit) <= 0).orElse(true);
            return new Failure(wait, ErrorCode.EXTERNAL_API_ERROR, "the server in front of Prometheus at " + displayBase
                    + " is rate-limiting Purser (HTTP 429" + retryAfter.map(d -> ", retry after " + d.getSeconds() + " s")
                    .orElse("") + "); run it again later or ask for a higher limit", null, retryAfter.orElse(null));
        }
        boolean retryable = status >= 500;
        return new Failure(retryable, ErrorCode.EXTERNAL_API_ERROR, "Prometheus at " + displayBase
                + " failed the query `" + shownQuery + "` (" + (apiError.isPresent() ? detail : "HTTP " + status)
                + ")" + (retryable ? "; it may be overloaded, try again later" : "; check the Prometheus base URL"),
                null, null);
    }

    private static Optional<Duration> seconds(String retryAfter) {
        try {
            long s = Long.parseLong(retryAfter.strip());
            return s < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(s));
        } catch (NumberFormatException e) {
            // An HTTP-date Retry-After: fall back to the usual backoff.
            return Optional.empty();
        }
    }

    private Duration backoff(int attempt) {
        HttpSettings h = settings.http();
        long initial = h.initialBackoff().toMillis();
        long millis = attempt >= 31 ? Long.MAX_VALUE : initial << Math.min(attempt - 1, 30);
        return Duration.ofMillis(Math.min(h.maxBackoff().toMillis(), millis < 0 ? Long.MAX_VALUE : millis));
    }

    private void pause(Duration wait, Failure last) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PurserException(ErrorCode.EXTERNAL_API_ERROR,
                    "interrupted while retrying Prometheus at " + displayBase + "; run it again", last.cause());
        }
    }

    private static String seconds(Instant t) {
        return t.getNano() == 0
                ? Long.toString(t.getEpochSecond())
                : new BigDecimal(t.getEpochSecond()).add(BigDecimal.valueOf(t.getNano(), 9))
                        .stripTrailingZeros().toPlainString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        String oneLine = s.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_QUERY_IN_MESSAGE ? oneLine : oneLine.substring(0, MAX_QUERY_IN_MESSAGE - 1) + "…";
    }

    private static URI resolve(URI base, String relative) {
        String path = base.getPath() == null || base.getPath().isEmpty() ? "/" : base.getPath();
        if (!path.endsWith("/")) {
            path = path + "/";
        }
        try {
            return new URI(base.getScheme(), null, base.getHost(), base.getPort(), path + relative, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Prometheus base URI is not usable: " + withoutUserInfo(base), e);
        }
    }

    private static String withoutUserInfo(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                + (uri.getPath() == null ? "" : uri.getPath());
    }

    /** @param retryIn how long to wait before the next attempt, or null for the usual backoff */
    private record Failure(boolean retryable, ErrorCode code, String message, Throwable cause, Duration retryIn) {
    }
}
