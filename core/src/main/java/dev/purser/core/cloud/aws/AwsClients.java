package dev.purser.core.cloud.aws;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.pricing.PricingClient;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * Builds the SDK clients Purser uses, all the same way: the SDK's Apache HTTP client (the
 * URL-connection client fails with an internal NullPointerException when the SDK aborts a
 * timed-out attempt, so it cannot back the attempt timeout; Netty is not needed), the SDK's standard retry mode bounded by {@link AwsSettings#maxAttempts()} (it
 * retries throttling, 5xx, timeouts and connection failures, and nothing else), call and
 * attempt timeouts, and the credentials provider the caller gives.
 *
 * <p>Credentials: in production {@link #standardCredentials()}, the SDK's own chain, so keys
 * never pass through Purser's configuration; tests give static ones. Neither the keys nor the
 * provider are ever logged or put in a message.
 */
public final class AwsClients {

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(20);

    private AwsClients() {
    }

    /** A Cost Explorer client; Cost Explorer answers in {@value AwsSettings#COST_EXPLORER_REGION} only. */
    public static CostExplorerClient costExplorer(AwsSettings settings, AwsCredentialsProvider credentials) {
        return configure(CostExplorerClient.builder(), settings, credentials).build();
    }

    public static Ec2Client ec2(AwsSettings settings, AwsCredentialsProvider credentials) {
        return configure(Ec2Client.builder(), settings, credentials).build();
    }

    public static RdsClient rds(AwsSettings settings, AwsCredentialsProvider credentials) {
        return configure(RdsClient.builder(), settings, credentials).build();
    }

    /** A CloudWatch client in the settings' region, for the usage of that region's resources. */
    public static CloudWatchClient cloudWatch(AwsSettings settings, AwsCredentialsProvider credentials) {
        return configure(CloudWatchClient.builder(), settings, credentials).build();
    }

    /**
     * A Price List API client. The API answers in a few regions only, so the client always uses
     * {@value AwsSettings#PRICING_REGION} whatever region the settings name; the prices it returns
     * cover every region.
     */
    public static PricingClient pricing(AwsSettings settings, AwsCredentialsProvider credentials) {
        Objects.requireNonNull(settings, "settings");
        return configure(PricingClient.builder(), settings.withRegion(AwsSettings.PRICING_REGION), credentials).build();
    }

    /**
     * The SDK's standard credential chain: the {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}
     * (and {@code AWS_SESSION_TOKEN}) variables, then a profile, SSO, a container or instance role.
     * The SDK reads those itself; Purser never handles the keys.
     */
    public static AwsCredentialsProvider standardCredentials() {
        return DefaultCredentialsProvider.builder().build();
    }

    private static <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(
            B builder, AwsSettings settings, AwsCredentialsProvider credentials) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(credentials, "credentials");
        BackoffStrategy backoff = BackoffStrategy.exponentialDelay(settings.retryBaseDelay(), MAX_BACKOFF);
        builder.region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(settings.apiCallTimeout())
                        .apiCallAttemptTimeout(settings.attemptTimeout())
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(settings.maxAttempts())
                                .backoffStrategy(backoff)
                                .throttlingBackoffStrategy(backoff)
                                .build())
                        .build());
        if (settings.endpointOverride() != null) {
            builder.endpointOverride(settings.endpointOverride());
        }
        builder.httpClientBuilder(ApacheHttpClient.builder()
                .connectionTimeout(settings.attemptTimeout())
                .socketTimeout(settings.attemptTimeout()));
        return builder;
    }

}
