package dev.purser.core.cloud.digitalocean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.purser.core.cloud.http.ApiFailure;
import dev.purser.core.cloud.http.ProviderProfile;
import dev.purser.core.cloud.http.RateLimitState;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * DigitalOcean's rate-limit headers and error wording.
 *
 * <p>Rate limits: every response carries {@code ratelimit-limit}, {@code ratelimit-remaining}
 * (of the hourly quota) and {@code ratelimit-reset} (epoch seconds when the oldest counted
 * request expires). A 429 from the per-minute burst limit adds {@code retry-after} in seconds,
 * which is the better hint when present; otherwise the reset is when one request's worth of
 * quota comes back.
 *
 * <p>Errors: DigitalOcean's error body is {@code {"id", "message", "request_id"?}}; its message
 * and request id are quoted so a user can hand them to DigitalOcean support.
 */
final class DoProfile implements ProviderProfile {

    static final String PROVIDER = "DigitalOcean";
    static final String HOURLY = "requests_per_hour";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String providerName() {
        return PROVIDER;
    }

    @Override
    public List<RateLimitState> rateLimits(HttpHeaders headers, Instant now) {
        OptionalLong remaining = longHeader(headers, "ratelimit-remaining");
        if (remaining.isEmpty() || remaining.getAsLong() < 0) {
            return List.of();
        }
        long limit = longHeader(headers, "ratelimit-limit").orElse(-1);
        Instant reset = resetAt(headers).orElse(null);
        return List.of(new RateLimitState(PROVIDER, HOURLY, remaining.getAsLong(), Math.max(limit, -1), reset, now));
    }

    @Override
    public Optional<Instant> retryAt(HttpHeaders headers, Instant now) {
        Optional<String> retryAfter = headers.firstValue("retry-after").map(String::trim);
        if (retryAfter.isPresent()) {
            try {
                return Optional.of(now.plusSeconds(Math.max(0, Long.parseLong(retryAfter.get()))));
            } catch (NumberFormatException notSeconds) {
                try {
                    return Optional.of(ZonedDateTime.parse(retryAfter.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                } catch (DateTimeException notADate) {
                    // fall through to the reset header: an unreadable hint is no hint
                }
            }
        }
        return resetAt(headers);
    }

    @Override
    public PurserException toException(ApiFailure f) {
        String what = f.target().description();
        String said = said(f.body());
        return switch (f.kind()) {
            case UNAUTHORIZED -> new PurserException(ErrorCode.EXTERNAL_API_ERROR,
                    "DigitalOcean rejected the token (401): set " + DigitalOceanClient.TOKEN_ENV
                            + " to a valid " + (reads(f) ? "read" : "read-write") + " token" + said);
            case FORBIDDEN -> new PurserException(ErrorCode.EXTERNAL_API_ERROR,
                    "the DigitalOcean token lacks the scope to " + (reads(f) ? "read " : "change ") + what
                            + " (403): it needs " + (reads(f) ? "read" : "write") + " access to "
                            + f.target().area() + " (scope " + f.target().scope() + "); create a token with that scope and set "
                            + DigitalOceanClient.TOKEN_ENV + said);
            case NOT_FOUND -> new PurserException(ErrorCode.NOT_FOUND,
                    "DigitalOcean has no " + what + " (404): check the id, and that the token belongs to the team that owns it" + said);
            case RATE_LIMITED -> new PurserException(ErrorCode.EXTERNAL_API_ERROR,
                    "DigitalOcean's rate limit is exhausted (429) for " + what + " after " + f.attempts() + " attempt(s)"
                            + (f.resetAt() == null ? "" : "; it resets at " + f.resetAt())
                            + ": try again after that, or space out scheduled pulls" + said);
            case SERVER_ERROR -> new PurserException(ErrorCode.EXTERNAL_API_ERROR,
                    "DigitalOcean failed to answer " + what + " (" + f.status() + ") on all " + f.attempts()
                            + " attempts: its API is having trouble; try again later (status.digitalocean.com)" + said);
            case TIMEOUT -> new PurserException(ErrorCode.EXTERNAL_API_ERROR,
                    "DigitalOcean did not answer " + what + " within " + f.timeout().toMillis() + " ms on all "
                            + f.attempts() + " attempts: check the network, or raise the request timeout", f.cause());
            case CONNECTION -> new PurserException(ErrorCode.EXTERNAL_API_ERROR,
                    "could not reach DigitalOcean for " + what + " on all " + f.attempts() + " attempts ("
                            + f.detail() + "): check the network and any proxy settings", f.cause());
            case CLIENT_ERROR -> f.status() == 422 && !reads(f)
                    ? new PurserException(ErrorCode.EXTERNAL_API_ERROR,
                            "DigitalOcean refused the change to " + what + " (422)" + said
                                    + "; nothing was changed: check the target size or node count against"
                                    + " what DigitalOcean offers for it")
                    : new PurserException(ErrorCode.EXTERNAL_API_ERROR,
                            "DigitalOcean refused the request for " + what + " (" + f.status() + ")" + said
                                    + "; this is likely a Purser bug: please report it");
            case MALFORMED_RESPONSE -> new PurserException(ErrorCode.EXTERNAL_API_ERROR,
                    "DigitalOcean sent a response for " + what + " that Purser cannot read (" + f.detail()
                            + "): try again; if it persists, report it with this reference", f.cause());
        };
    }

    /** Whether the failed request only read (its scope is a {@code :read} one). */
    private static boolean reads(ApiFailure f) {
        return f.target().scope().endsWith(":read");
    }

    /** {@code ; DigitalOcean said: "<message>" (request id ...)} from an error body, or empty. */
    private static String said(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                return "";
            }
            String message = node.path("message").asText("");
            String requestId = node.path("request_id").asText("");
            if (message.isBlank()) {
                return "";
            }
            String cut = message.length() > 200 ? message.substring(0, 200) + "..." : message;
            return "; DigitalOcean said: \"" + cut + "\"" + (requestId.isBlank() ? "" : " (request id " + requestId + ")");
        } catch (IOException notJson) {
            return "";
        }
    }

    private static Optional<Instant> resetAt(HttpHeaders headers) {
        OptionalLong epoch = longHeader(headers, "ratelimit-reset");
        return epoch.isPresent() ? Optional.of(Instant.ofEpochSecond(epoch.getAsLong())) : Optional.empty();
    }

    private static OptionalLong longHeader(HttpHeaders headers, String name) {
        Optional<String> value = headers.firstValue(name);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.get().trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
