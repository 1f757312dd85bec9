package dev.purser.core.cloud.aws;

import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import dev.purser.core.config.AwsConfig;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Settings and fixtures shared by the AWS tests: WireMock on a free port, fast retries, test keys. */
final class AwsTestSupport {

    static final String KEY_ID = "AKIDPURSERTEST";
    static final String SECRET = "purser-test-secret-never-shown";
    static final AwsCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET));
    /** The {@code aws} section with no account and no endpoint overrides. */
    static final AwsConfig CONFIG = AwsConfig.defaults();

    private AwsTestSupport() {
    }

    /**
     * Three attempts with a 1 ms backoff base, so retry tests take no wall-clock time to speak of.
     * The attempt timeout is generous because the build machine is shared and the SDK's first
     * call loads many classes.
     */
    static AwsSettings settings(WireMockServer wm, String region) {
        return AwsSettings.defaults(region)
                .withEndpoint(URI.create(wm.baseUrl()))
                .withTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(10))
                .withRetries(3, Duration.ofMillis(1));
    }

    static String resource(String path) {
        try (InputStream in = AwsTestSupport.class.getResourceAsStream("/aws/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /aws/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
