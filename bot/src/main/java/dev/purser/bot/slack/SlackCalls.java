package dev.purser.bot.slack;

import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls to Slack that are retried the way Slack asks: a 429 waits the {@code Retry-After} it
 * carries (capped), a transient {@code ok:false} error or a network failure waits a short
 * backoff, anything else is final. A call that still fails is logged once with the command's
 * reference id, so a user quoting it finds the line; the token and the message body never are.
 *
 * <p>Waiting goes through {@link Sleeper}, so tests see the waits Slack asked for without
 * spending them.
 */
final class SlackCalls {

    private static final Logger LOG = LoggerFactory.getLogger(SlackCalls.class);
    /** Errors Slack documents as "try again": the call was fine, Slack was not. */
    private static final Set<String> TRANSIENT = Set.of("ratelimited", "internal_error", "fatal_error",
            "service_unavailable", "request_timeout");
    private static final Duration MAX_WAIT = Duration.ofSeconds(30);
    private static final Duration BACKOFF = Duration.ofMillis(500);

    /** How the calls wait between attempts. */
    @FunctionalInterface
    interface Sleeper {
        Sleeper REAL = d -> Thread.sleep(d.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }

    /** One Web API call. */
    @FunctionalInterface
    interface Call<T extends SlackApiTextResponse> {
        T call() throws IOException, SlackApiException;
    }

    private final HttpClient http;
    private final Sleeper sleeper;
    private final int attempts;

    SlackCalls(HttpClient http, Sleeper sleeper, int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be positive: " + attempts);
        }
        this.http = http;
        this.sleeper = sleeper;
        this.attempts = attempts;
    }

    /**
     * Runs a Web API method until it is ok, fails for good, or attempts run out.
     *
     * @param method the method's name, for the log ({@code chat.postMessage})
     * @param ref    the command's reference id, for the log
     * @return the last response, empty when none came (network failure, or interrupted)
     */
    <T extends SlackApiTextResponse> Optional<T> call(String method, String ref, Call<T> call) {
        String last = "no attempt";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Duration wait = BACKOFF.multipliedBy(attempt);
            try {
                T response = call.call();
                if (response.isOk()) {
                    return Optional.of(response);
                }
                last = response.getError();
                if (!TRANSIENT.contains(last) || attempt == attempts) {
                    LOG.warn("Slack {} failed for ref {}: {}", method, ref, last);
                    return Optional.of(response);
                }
            } catch (SlackApiException e) {
                int status = e.getResponse().code();
                last = "HTTP " + status;
                if (status == 429) {
                    wait = retryAfter(e.getResponse().header("Retry-After"));
                } else if (status < 500) {
                    LOG.warn("Slack {} failed for ref {}: {}", method, ref, last);
                    return Optional.empty();
                }
            } catch (IOException e) {
                last = e.getClass().getSimpleName();
            } catch (RuntimeException e) {
                // A body the SDK cannot read (a proxy's error page, say) will not read better next time.
                LOG.warn("Slack {} for ref {} answered something unreadable: {}", method, ref, e.getClass().getSimpleName());
                return Optional.empty();
            }
            if (attempt < attempts && !pause(wait)) {
                return Optional.empty();
            }
        }
        LOG.warn("Slack {} failed for ref {} after {} attempts: {}", method, ref, attempts, last);
        return Optional.empty();
    }

    /**
     * Posts a message to a {@code response_url} (wherever Slack's request said: Slack's host in
     * production, a stand-in in tests). Slack answers 200 {@code ok}; 404 with
     * {@code used_url}/{@code expired_url} after five uses or thirty minutes, which no retry mends.
     *
     * @return true when Slack took the message
     */
    boolean respond(String responseUrl, String json, String ref) {
        String last = "no attempt";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Duration wait = BACKOFF.multipliedBy(attempt);
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(responseUrl))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return true;
                }
                last = "HTTP " + status + " " + response.body().strip();
                if (status == 429) {
                    wait = retryAfter(response.headers().firstValue("Retry-After").orElse(null));
                } else if (status < 500) {
                    break;
                }
            } catch (IOException e) {
                last = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (attempt < attempts && !pause(wait)) {
                return false;
            }
        }
        LOG.warn("Slack response_url post failed for ref {}: {}", ref, last.length() > 200 ? last.substring(0, 200) : last);
        return false;
    }

    /** Sends bytes to an upload URL Slack handed out ({@code files.getUploadURLExternal}). */
    boolean upload(String uploadUrl, byte[] content, String ref) {
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(uploadUrl))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() / 100 == 2) {
                    return true;
                }
                if (response.statusCode() < 500 && response.statusCode() != 429) {
                    LOG.warn("Slack file upload failed for ref {}: HTTP {}", ref, response.statusCode());
                    return false;
                }
            } catch (IOException e) {
                LOG.debug("Slack file upload attempt {} for ref {} failed", attempt, ref, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (attempt < attempts && !pause(BACKOFF.multipliedBy(attempt))) {
                return false;
            }
        }
        LOG.warn("Slack file upload failed for ref {} after {} attempts", ref, attempts);
        return false;
    }

    private boolean pause(Duration wait) {
        try {
            sleeper.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Slack sends whole seconds; a missing or odd value waits one second, a huge one the cap. */
    static Duration retryAfter(String header) {
        if (header == null) {
            return Duration.ofSeconds(1);
        }
        try {
            long seconds = Long.parseLong(header.trim());
            Duration wait = Duration.ofSeconds(Math.max(seconds, 0));
            return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }
}
