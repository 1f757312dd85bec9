package dev.purser.core.cloud.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsErrorsTest {

    @Test
    void translate_noCredentials_namesTheVariablesToSet() {
        SdkClientException e = SdkClientException.builder()
                .message("Unable to load credentials from any of the providers in the chain AwsCredentialsProviderChain(...)")
                .build();
        PurserException p = AwsErrors.translate("ce:GetCostAndUsage", 3, e);
        assertThat(p.code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR);
        assertThat(p.getMessage()).contains("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")
                .doesNotContain("AwsCredentialsProviderChain");
    }

    @Test
    void translate_otherClientError_saysCouldNotReach() {
        SdkClientException e = SdkClientException.builder().message("Connection refused").build();
        assertThat(AwsErrors.translate("ce:GetCostAndUsage", 3, e).getMessage()).startsWith("could not reach AWS");
    }

    @Test
    void translate_socketReadTimeout_isATimeoutNotAnUnreachableHost() {
        SdkClientException e = SdkClientException.builder().message("Unable to execute HTTP request: Read timed out")
                .cause(new UncheckedIOException(new SocketTimeoutException("Read timed out"))).build();
        assertThat(AwsErrors.translate("cloudwatch:GetMetricData", 2, e).getMessage())
                .startsWith("AWS did not answer cloudwatch:GetMetricData in time");
    }
}
