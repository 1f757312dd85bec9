package dev.purser.core.cloud.http;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends requests to one provider's API with a bearer token, and retries what is worth
 * retrying: reads after any transient failure, changes only when the provider surely did not act.
 *
 * <p>Retries: a 5xx, a timeout or a connection error is retried after an exponential backoff
 * ({@link HttpSettings#initialBackoff()} doubling up to {@link HttpSettings#maxBackoff()}) with
 * "equal jitter" (half the wait fixed, half random) so that several Purser instances hitting the
 * same outage do not retry in lockstep. A 429 is retried after the wait the provider asks for
 * ({@link ProviderProfile#retryAt}); when that is further away than
 * {@link HttpSettings#maxRateLimitWait()} the call fails at once, because blocking a chat command
 * for an hour helps nobody. Every kind of retry counts against {@link HttpSettings#maxAttempts()}.
 * 401, 403, 404 and other 4xx are never retried: asking again cannot fix them.
 *
 * <p>Secrets: the token goes only into the {@code Authorization} header of requests to the URIs
 * the caller passes; it is never logged, and any message that would contain it (a provider
 * echoing it back, say) is scrubbed before it leaves this class. Redirects are not followed, so
 * the token cannot be carried to another host.
 *
 * <p>Thread-safe: the JDK client is, and no state is kept between calls apart from the recorder.
 */
public final class ApiHttpClient {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHttpClient.class);
    private static final String REDACTED = "[redacted]";

    private final ProviderProfile profile;
    private final String bearerToken;
    private final HttpSettings settings;
    private final RateLimitRecorder recorder;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final HttpClient http;

    /**
     * @param bearerToken the API token, from the environment; never logged
     * @param random      source of backoff jitter
     */
    public ApiHttpClient(ProviderProfile profile, String bearerToken, HttpSettings settings,
            RateLimitRecorder recorder, Clock clock, Sleeper sleeper, RandomGenerator random) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.bearerToken = Objects.requireNonNull(bearerToken, "bearerToken");
        if (bearerToken.isBlank()) {
            throw new IllegalArgumentException("bearerToken must not be blank");
        }
        this.settings = Objects.requireNonNull(settings, "settings");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public HttpSettings settings() {
        return settings;
    }

    /**
     * GETs {@code uri}, retrying as described on the class, and returns the 2xx response.
     *
     * @param headers extra request headers (e.g. {@code Accept}); not {@code Authorization}
     * @throws PurserException worded by the provider's profile when every attempt failed or the
     *                         answer cannot change on retry (401, 403, 404, other 4xx)
     */
    public ApiResponse get(URI uri, Map<String, String> headers, RequestTarget target) {
        return send("GET", uri, null, headers, target, true);
    }

    /**
     * Sends a change ({@code POST}, {@code PUT}, {@code DELETE}) with a JSON body (or none).
     *
     * <p>Unlike {@link #get}, a change is retried only when the provider certainly did not act on
     * it: a 429 (refused before it was looked at) is waited out as for a read. A 5xx, a timeout or
     * a dropped connection may come after the provider accepted the change, so the call fails at
     * once with {@link ApiCallException#failure()} saying which; the caller must read the
     * provider's state before deciding to send it again.
     *
     * @param method   {@code POST}, {@code PUT} or {@code DELETE}
     * @param jsonBody the request body, or null for none
     * @throws ApiCallException worded by the provider's profile
     */
    public ApiResponse change(String method, URI uri, String jsonBody, RequestTarget target) {
        Objects.requireNonNull(method, "method");
        if (!(method.equals("POST") || method.equals("PUT") || method.equals("DELETE"))) {
            throw new IllegalArgumentException("not a change method: " + method);
        }
        Map<String, String> headers = jsonBody == null ? Map.of("Accept", "application/json")
                : Map.of("Accept", "application/json", "Content-Type", "application/json");
        return send(method, uri, jsonBody, headers, target, false);
    }

    private ApiResponse send(String method, URI uri, String body, Map<String, String> headers, RequestTarget target,
            boolean retryUnsure) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(target, "target");
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + bearerToken);
        headers.forEach(builder::header);
        HttpRequest request = builder.build();
        int max = settings.maxAttempts();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                LOG.debug("{} {} {} ({}), attempt {}/{}", profile.providerName(), method, uri.getPath(),
                        target.description(), attempt, max);
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (HttpTimeoutException e) {
                if (!retryUnsure || attempt >= max) {
                    throw fail(new ApiFailure(ApiFailure.Kind.TIMEOUT, target, 0, "", attempt, null,
                            settings.requestTimeout(), e.getClass().getSimpleName(), e));
                }
                backOff(target, attempt, "timed out after " + settings.requestTimeout().toMillis() + " ms");
                continue;
            } catch (IOException e) {
                if (!retryUnsure || attempt >= max) {
                    throw fail(new ApiFailure(ApiFailure.Kind.CONNECTION, target, 0, "", attempt, null,
                            settings.requestTimeout(), describe(e), e));
                }
                backOff(target, attempt, "connection failed (" + describe(e) + ")");
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PurserException(ErrorCode.EXTERNAL_API_ERROR, "interrupted while asking "
                        + profile.providerName() + " for " + target.description() + ": nothing was changed; run it again", e);
            }

            Instant now = clock.instant();
            profile.rateLimits(response.headers(), now).forEach(recorder::record);
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new ApiResponse(uri, status, response.headers(), response.body());
            }
            if (status == 429) {
                Optional<Instant> retryAt = profile.retryAt(response.headers(), now);
                Duration wait = retryAt.map(at -> Duration.between(now, at))
                        .filter(d -> !d.isNegative())
                        .orElse(backoff(attempt));
                if (attempt >= max || wait.compareTo(settings.maxRateLimitWait()) > 0) {
                    throw fail(new ApiFailure(ApiFailure.Kind.RATE_LIMITED, target, status, response.body(),
                            attempt, retryAt.orElse(null), settings.requestTimeout(), "", null));
                }
                LOG.warn("{} rate limit hit for {}, attempt {}/{}; waiting {} ms for the reset",
                        profile.providerName(), target.description(), attempt, max, wait.toMillis());
                pause(wait, target);
                continue;
            }
            if (status >= 500) {
                if (!retryUnsure || attempt >= max) {
                    throw fail(new ApiFailure(ApiFailure.Kind.SERVER_ERROR, target, status, response.body(),
                            attempt, null, settings.requestTimeout(), "", null));
                }
                backOff(target, attempt, "answered " + status);
                continue;
            }
            ApiFailure.Kind kind = switch (status) {
                case 401 -> ApiFailure.Kind.UNAUTHORIZED;
                case 403 -> ApiFailure.Kind.FORBIDDEN;
                case 404 -> ApiFailure.Kind.NOT_FOUND;
                default -> ApiFailure.Kind.CLIENT_ERROR;
            };
            throw fail(new ApiFailure(kind, target, status, response.body(), attempt, null,
                    settings.requestTimeout(), "", null));
        }
    }

    /**
     * The exception for a response that arrived but cannot be read (malformed JSON, a missing
     * field), worded by the provider's profile.
     */
    public ApiCallException malformed(RequestTarget target, String detail, Throwable cause) {
        return fail(ApiFailure.malformed(target, detail, settings.requestTimeout(), cause));
    }

    private ApiCallException fail(ApiFailure failure) {
        PurserException e = profile.toException(failure);
        LOG.warn("{} call for {} failed after {} attempt(s): {} [ref {}]", profile.providerName(),
                failure.target().description(), failure.attempts(), scrub(e.getMessage()), e.referenceId());
        return new ApiCallException(e.code(), scrub(e.getMessage()), failure, e.getCause());
    }

    private String scrub(String text) {
        return text.replace(bearerToken, REDACTED);
    }

    private void backOff(RequestTarget target, int attempt, String why) {
        Duration wait = backoff(attempt);
        LOG.warn("{} {} for {}, attempt {}/{}; retrying in {} ms", profile.providerName(), scrub(why),
                target.description(), attempt, settings.maxAttempts(), wait.toMillis());
        pause(wait, target);
    }

    /** Equal jitter: half of initial * 2^(attempt-1), capped, plus a random part of the other half. */
    private Duration backoff(int attempt) {
        long cap = settings.maxBackoff().toMillis();
        long base = settings.initialBackoff().toMillis();
        long exp = attempt >= 31 ? cap : Math.min(cap, base << (attempt - 1));
        long half = exp / 2;
        return Duration.ofMillis(half + random.nextLong(exp - half + 1));
    }

    private void pause(Duration wait, RequestTarget target) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PurserException(ErrorCode.EXTERNAL_API_ERROR, "interrupted while waiting to retry "
                    + profile.providerName() + " for " + target.description() + ": nothing was changed; run it again", e);
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + message;
    }
}
