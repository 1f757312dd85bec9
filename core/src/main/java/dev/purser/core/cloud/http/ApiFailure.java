package dev.purser.core.cloud.http;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Why a call finally failed, handed to {@link ProviderProfile#toException} to word the error.
 *
 * @param kind      what went wrong
 * @param target    what was asked for
 * @param status    the last HTTP status, or 0 when no response arrived
 * @param body      the last response body (error JSON), or empty; providers parse their own shape
 * @param attempts  how many attempts were made
 * @param resetAt   for {@link Kind#RATE_LIMITED}: when the provider said the limit resets, or null
 * @param timeout   the request timeout in force
 * @param detail    for {@link Kind#MALFORMED_RESPONSE} and {@link Kind#CONNECTION}: what was wrong
 * @param cause     the underlying exception, if any, for the logs
 */
public record ApiFailure(
        Kind kind,
        RequestTarget target,
        int status,
        String body,
        int attempts,
        Instant resetAt,
        Duration timeout,
        String detail,
        Throwable cause) {

    /** The kinds of final failure, each worded by the provider. */
    public enum Kind {
        /** 401: the token is missing, wrong or revoked. */
        UNAUTHORIZED,
        /** 403: the token is valid but lacks a scope. */
        FORBIDDEN,
        /** 404: the thing asked for does not exist. */
        NOT_FOUND,
        /** 429 on every attempt, or a reset too far away to wait for. */
        RATE_LIMITED,
        /** 5xx on every attempt. */
        SERVER_ERROR,
        /** No response within the request timeout on every attempt. */
        TIMEOUT,
        /** No connection (refused, reset, DNS) on every attempt. */
        CONNECTION,
        /** Another 4xx: the request itself was refused. */
        CLIENT_ERROR,
        /** A 2xx whose body is not what the documented API returns. */
        MALFORMED_RESPONSE
    }

    public ApiFailure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(timeout, "timeout");
        body = body == null ? "" : body;
        detail = detail == null ? "" : detail;
    }

    /** A response that arrived but cannot be read. */
    public static ApiFailure malformed(RequestTarget target, String detail, Duration timeout, Throwable cause) {
        return new ApiFailure(Kind.MALFORMED_RESPONSE, target, 200, "", 1, null, timeout, detail, cause);
    }
}
