package dev.purser.core.cloud.http;

import dev.purser.core.error.PurserException;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What differs between providers: how they announce rate limits, and how their failures should
 * be explained to a user.
 */
public interface ProviderProfile {

    /** The FOCUS ProviderName, e.g. {@code DigitalOcean}; also the recorder's provider label. */
    String providerName();

    /** The rate limits a response announces (often one, sometimes none). */
    List<RateLimitState> rateLimits(HttpHeaders headers, Instant now);

    /** When a 429 answered with these headers may be retried; empty when the provider did not say. */
    Optional<Instant> retryAt(HttpHeaders headers, Instant now);

    /**
     * Words a final failure as an exception that tells the user what to do. The message must not
     * contain a token; {@link ApiHttpClient} scrubs its own token from it anyway.
     */
    PurserException toException(ApiFailure failure);
}
