package dev.purser.core.cloud.aws;

import dev.purser.core.config.AwsConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How Purser talks to AWS: region, an optional endpoint (WireMock in tests, a VPC endpoint in
 * production), timeouts and the retry budget. Holds no credentials: those come from the
 * environment when a client is built ({@link AwsClients}).
 *
 * @param region           e.g. {@code us-east-1}; Cost Explorer only answers there
 * @param endpointOverride where to send requests instead of AWS's public endpoint, or null
 * @param apiCallTimeout   the most one call may take, retries included
 * @param attemptTimeout   the most one HTTP attempt may take before it is retried
 * @param maxAttempts      attempts per call, the first included (SDK standard retry mode)
 * @param retryBaseDelay   base of the exponential, jittered backoff between attempts
 */
public record AwsSettings(
        String region,
        URI endpointOverride,
        Duration apiCallTimeout,
        Duration attemptTimeout,
        int maxAttempts,
        Duration retryBaseDelay) {

    /** Cost Explorer's only region. */
    public static final String COST_EXPLORER_REGION = "us-east-1";
    /** The Price List API's region used here (it also answers in eu-central-1 and ap-south-1; prices are the same). */
    public static final String PRICING_REGION = "us-east-1";

    public AwsSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(apiCallTimeout, "apiCallTimeout");
        Objects.requireNonNull(attemptTimeout, "attemptTimeout");
        Objects.requireNonNull(retryBaseDelay, "retryBaseDelay");
        if (region.isBlank()) {
            throw new IllegalArgumentException("region is blank");
        }
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("maxAttempts must be 1..10: " + maxAttempts);
        }
        if (attemptTimeout.isNegative() || attemptTimeout.isZero()) {
            throw new IllegalArgumentException("attemptTimeout must be positive: " + attemptTimeout);
        }
        if (apiCallTimeout.compareTo(attemptTimeout) < 0) {
            throw new IllegalArgumentException("apiCallTimeout " + apiCallTimeout
                    + " is shorter than attemptTimeout " + attemptTimeout);
        }
        if (retryBaseDelay.isNegative()) {
            throw new IllegalArgumentException("retryBaseDelay is negative: " + retryBaseDelay);
        }
    }

    /** AWS's public endpoint in {@code region}: 60 s per call, 20 s per attempt, 3 attempts, 100 ms base backoff. */
    public static AwsSettings defaults(String region) {
        return new AwsSettings(region, null, Duration.ofSeconds(60), Duration.ofSeconds(20), 3, Duration.ofMillis(100));
    }

    public AwsSettings withEndpoint(URI endpoint) {
        return new AwsSettings(region, endpoint, apiCallTimeout, attemptTimeout, maxAttempts, retryBaseDelay);
    }

    /**
     * These settings for one service, with its endpoint override from the configuration when it
     * has one ({@code aws.endpoints.ec2}).
     *
     * @param service one of {@link AwsConfig#SERVICES}
     */
    public AwsSettings forService(AwsConfig config, String service) {
        URI endpoint = config.endpoint(service);
        return endpoint == null ? this : withEndpoint(endpoint);
    }

    public AwsSettings withTimeouts(Duration apiCall, Duration attempt) {
        return new AwsSettings(region, endpointOverride, apiCall, attempt, maxAttempts, retryBaseDelay);
    }

    /** The same endpoint, timeouts and retries in another region (the Price List API answers in {@value #PRICING_REGION}). */
    public AwsSettings withRegion(String otherRegion) {
        return new AwsSettings(otherRegion, endpointOverride, apiCallTimeout, attemptTimeout, maxAttempts, retryBaseDelay);
    }

    public AwsSettings withRetries(int attempts, Duration baseDelay) {
        return new AwsSettings(region, endpointOverride, apiCallTimeout, attemptTimeout, attempts, baseDelay);
    }
}
