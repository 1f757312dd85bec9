package dev.purser.core.cloud.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.UsageSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

class CloudWatchMetricsTest {

    private static final Instant FROM = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-23T10:15:00Z");
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final CloudWatchMetrics.Query CPU = CloudWatchMetrics.Query.of("AWS/EC2", "CPUUtilization",
            "InstanceId", "i-0abc0000000000001", "Average");
    private static final CloudWatchMetrics.Query CONNECTIONS = CloudWatchMetrics.Query.of("AWS/RDS",
            "DatabaseConnections", "DBInstanceIdentifier", "reports-pg", "Maximum");
    private static final CloudWatchMetrics.Query SILENT = CloudWatchMetrics.Query.of("AWS/EC2", "CPUUtilization",
            "InstanceId", "i-0silent00000000003", "Average");

    private FakeCloudWatch fake;
    private WireMockServer wm;
    private CloudWatchClient client;
    private CloudWatchMetrics metrics;

    @BeforeEach
    void start() {
        fake = new FakeCloudWatch(7);
        wm = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(fake));
        wm.start();
        client = AwsClients.cloudWatch(AwsTestSupport.settings(wm, "us-east-1"), AwsTestSupport.CREDENTIALS);
        metrics = new CloudWatchMetrics(client);
    }

    @AfterEach
    void stop() {
        client.close();
        wm.stop();
    }

    @Test
    void read_twoPages_mergesEachQueryInTimeOrder() {
        wm.stubFor(action("GetMetricData").withRequestBody(notContaining("NextToken"))
                .willReturn(xml("cloudwatch/get-metric-data-page1.xml")));
        wm.stubFor(action("GetMetricData").withRequestBody(containing("NextToken=cw-page-2"))
                .willReturn(xml("cloudwatch/get-metric-data-page2.xml")));

        Map<CloudWatchMetrics.Query, List<UsageSeries.Sample>> read = metrics.read(List.of(CPU, CONNECTIONS, SILENT),
                FROM, TO, FIVE_MINUTES);

        assertThat(read.get(CPU)).extracting(UsageSeries.Sample::value).containsExactly(12.5, 14.0, 9.25);
        assertThat(read.get(CPU)).extracting(UsageSeries.Sample::at).containsExactly(FROM, FROM.plusSeconds(300),
                FROM.plusSeconds(600));
        assertThat(read.get(CONNECTIONS)).extracting(UsageSeries.Sample::value).containsExactly(0.0);
        assertThat(read.get(SILENT)).isEmpty();
        assertThat(metrics.requests()).isEqualTo(2);
        wm.verify(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=GetMetricData&Version=2010-08-01"))
                .withRequestBody(containing("MetricDataQueries.member.1.Id=m0"))
                .withRequestBody(containing("MetricDataQueries.member.1.MetricStat.Metric.Namespace=AWS%2FEC2"))
                .withRequestBody(containing("MetricDataQueries.member.1.MetricStat.Metric.MetricName=CPUUtilization"))
                .withRequestBody(containing("MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name=InstanceId"))
                .withRequestBody(containing("MetricDataQueries.member.1.MetricStat.Period=300"))
                .withRequestBody(containing("MetricDataQueries.member.1.MetricStat.Stat=Average"))
                .withRequestBody(containing("MetricDataQueries.member.2.MetricStat.Stat=Maximum"))
                .withRequestBody(containing("StartTime=2026-11-23T10%3A00%3A00Z"))
                .withRequestBody(containing("ScanBy=TimestampAscending"))
                .withHeader("Authorization", containing("/us-east-1/monitoring/aws4_request")));
    }

    @Test
    void read_manyPagesFromFake_returnsEveryPoint() {
        wm.stubFor(action("GetMetricData").willReturn(aResponse().withTransformers(FakeCloudWatch.NAME)));
        fake.put("CPUUtilization", "i-0abc0000000000001", at -> (double) (at.getEpochSecond() / 300 % 10));
        fake.put("DatabaseConnections", "reports-pg", at -> at.getEpochSecond() / 300 % 2 == 0 ? 3.0 : null);
        Instant from = FROM.minus(Duration.ofHours(1));

        Map<CloudWatchMetrics.Query, List<UsageSeries.Sample>> read = metrics.read(List.of(CPU, CONNECTIONS),
                from.plusSeconds(17), TO.plusSeconds(17), FIVE_MINUTES);

        // 15 five-minute points of CPU and 8 of connections (every other period), 7 per page
        assertThat(read.get(CPU)).hasSize(15);
        assertThat(read.get(CONNECTIONS)).hasSize(8).allSatisfy(s -> assertThat(s.value()).isEqualTo(3.0));
        assertThat(read.get(CPU).get(0).at()).isEqualTo(from);
        assertThat(metrics.requests()).isEqualTo(4);
    }

    @Test
    void read_moreThan500Queries_splitsIntoRequests() {
        wm.stubFor(action("GetMetricData").willReturn(aResponse().withTransformers(FakeCloudWatch.NAME)));
        List<CloudWatchMetrics.Query> queries = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            queries.add(CloudWatchMetrics.Query.of("AWS/EC2", "CPUUtilization", "InstanceId", "i-" + i, "Average"));
        }

        assertThat(metrics.read(queries, FROM, TO, FIVE_MINUTES)).hasSize(501);
        wm.verify(2, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void read_forbiddenMetric_failsRatherThanLookingIdle() {
        wm.stubFor(action("GetMetricData").willReturn(xml("cloudwatch/get-metric-data-forbidden.xml")));

        assertThatThrownBy(() -> metrics.read(List.of(CPU), FROM, TO, FIVE_MINUTES))
                .isInstanceOf(PurserException.class)
                .satisfies(e -> assertThat(((PurserException) e).code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR))
                .hasMessageContaining("CloudWatch answered Forbidden for AWS/EC2 CPUUtilization")
                .hasMessageContaining("Insufficient permissions");
    }

    @Test
    void read_throttledOnce_retries() {
        wm.stubFor(action("GetMetricData").atPriority(1).withHeader("amz-sdk-request", containing("attempt=1;"))
                .willReturn(error(400, "Throttling", "Rate exceeded")));
        wm.stubFor(action("GetMetricData").atPriority(5).willReturn(xml("cloudwatch/get-metric-data-page2.xml")));

        assertThat(metrics.read(List.of(CPU), FROM, TO, FIVE_MINUTES).get(CPU)).hasSize(1);
        wm.verify(2, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void read_unavailableEveryTime_saysItIsOnAwsSide() {
        wm.stubFor(action("GetMetricData").willReturn(error(503, "ServiceUnavailable", "Service is unavailable")));

        assertThatThrownBy(() -> metrics.read(List.of(CPU), FROM, TO, FIVE_MINUTES))
                .hasMessageContaining("AWS failed cloudwatch:GetMetricData (ServiceUnavailable, HTTP 503) after 3 attempts");
        wm.verify(3, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void read_slowerThanTheTimeout_isATimeout() {
        CloudWatchClient impatient = AwsClients.cloudWatch(AwsTestSupport.settings(wm, "us-east-1")
                .withTimeouts(Duration.ofMillis(1500), Duration.ofMillis(400)).withRetries(2, Duration.ofMillis(1)),
                AwsTestSupport.CREDENTIALS);
        wm.stubFor(action("GetMetricData").willReturn(xml("cloudwatch/get-metric-data-page2.xml").withFixedDelay(2000)));

        try (impatient) {
            assertThatThrownBy(() -> new CloudWatchMetrics(impatient).read(List.of(CPU), FROM, TO, FIVE_MINUTES))
                    .satisfies(e -> assertThat(((PurserException) e).code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR))
                    .hasMessageContaining("AWS did not answer cloudwatch:GetMetricData in time");
        }
    }

    @Test
    void list_twoPages_keepsEachMetricsFullDimensions() {
        wm.stubFor(action("ListMetrics").withRequestBody(notContaining("NextToken"))
                .willReturn(xml("cloudwatch/list-metrics-page1.xml")));
        wm.stubFor(action("ListMetrics").withRequestBody(containing("NextToken=cw-list-2"))
                .willReturn(xml("cloudwatch/list-metrics-page2.xml")));

        List<CloudWatchMetrics.Query> found = metrics.list("CWAgent", "mem_used_percent", "Average");

        assertThat(found).hasSize(2);
        assertThat(found.get(0).dimensions()).containsExactly(Map.entry("InstanceId", "i-0abc0000000000001"),
                Map.entry("ImageId", "ami-0abcdef1234567890"), Map.entry("InstanceType", "m5.2xlarge"));
        assertThat(found.get(0).stat()).isEqualTo("Average");
        wm.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Namespace=CWAgent"))
                .withRequestBody(containing("MetricName=mem_used_percent")));
    }

    @Test
    void periodFor_followsCloudWatchRetention() {
        assertThat(CloudWatchMetrics.periodFor(Duration.ofDays(30))).isEqualTo(Duration.ofMinutes(5));
        assertThat(CloudWatchMetrics.periodFor(Duration.ofDays(63))).isEqualTo(Duration.ofMinutes(5));
        assertThat(CloudWatchMetrics.periodFor(Duration.ofDays(90))).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> CloudWatchMetrics.periodFor(Duration.ofDays(500)))
                .satisfies(e -> assertThat(((PurserException) e).code()).isEqualTo(ErrorCode.BAD_ARGUMENT));
    }

    // ---------------------------------------------------------------------------------------

    static MappingBuilder action(String action) {
        return post(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&"));
    }

    static ResponseDefinitionBuilder xml(String resource) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(AwsTestSupport.resource(resource));
    }

    static ResponseDefinitionBuilder error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml")
                .withBody("<ErrorResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\"><Error>"
                        + "<Type>" + (status >= 500 ? "Receiver" : "Sender") + "</Type><Code>" + code + "</Code><Message>"
                        + message + "</Message></Error><RequestId>c1d2e3f4-example</RequestId></ErrorResponse>");
    }
}
