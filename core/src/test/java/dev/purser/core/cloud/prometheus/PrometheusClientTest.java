package dev.purser.core.cloud.prometheus;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.purser.core.cloud.http.HttpSettings;
import dev.purser.core.cloud.http.Sleeper;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.UsageSeries;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PrometheusClientTest {

    private static final String PATH = "/api/v1/query_range";
    private static final Instant NOW = Instant.parse("2026-01-31T00:02:17Z");
    private static final String TOKEN = "s3cr3t-prom-token";

    private WireMockServer server;
    private PrometheusSettings fast;
    private final List<Duration> waits = new ArrayList<>();
    private final Sleeper recordingSleeper = waits::add;

    @BeforeEach
    void start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        fast = PrometheusSettings.defaults().withHttp(http(Duration.ofSeconds(5), 3));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private static HttpSettings http(Duration requestTimeout, int attempts) {
        return new HttpSettings(Duration.ofSeconds(2), requestTimeout, attempts, Duration.ofMillis(500),
                Duration.ofSeconds(4), Duration.ofSeconds(30));
    }

    private PrometheusClient client(PrometheusSettings settings) {
        return new PrometheusClient(URI.create(server.baseUrl()), settings, TOKEN, Clock.fixed(NOW, ZoneOffset.UTC),
                recordingSleeper);
    }

    private static String fixture(String name) {
        try (InputStream in = PrometheusClientTest.class.getResourceAsStream("/prometheus/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void answer(int status, String fixture) {
        server.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(fixture(fixture))));
    }

    @Test
    void queryRange_matrix_parsesEverySeriesWithLabelsAndExactTimestamps() {
        answer(200, "matrix_two_series.json");
        RangeQuery q = new RangeQuery("up", Instant.ofEpochSecond(1435781430), Instant.ofEpochSecond(1435781460),
                Duration.ofSeconds(15));

        RangeResult result = client(fast).queryRange(q);

        assertThat(result.series()).hasSize(2);
        LabelledSeries first = result.series().get(0);
        assertThat(first.labels()).containsEntry("job", "prometheus").containsEntry("instance", "localhost:9090");
        assertThat(first.samples()).extracting(UsageSeries.Sample::at).containsExactly(
                Instant.parse("2015-07-01T20:10:30.781Z"), Instant.parse("2015-07-01T20:10:45.781Z"),
                Instant.parse("2015-07-01T20:11:00.781Z"));
        assertThat(result.series().get(1).samples()).extracting(UsageSeries.Sample::value).containsExactly(0.0, 0.0, 1.0);
        assertThat(first.gaps()).isZero();
        server.verify(getRequestedFor(urlPathEqualTo(PATH))
                .withQueryParam("query", equalTo("up"))
                .withQueryParam("start", equalTo("1435781430"))
                .withQueryParam("end", equalTo("1435781460"))
                .withQueryParam("step", equalTo("15"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void usage_nanAndInfSamples_skippedAndCountedAsGaps() {
        answer(200, "node_memory_with_nan.json");
        Instant start = Instant.parse("2026-01-01T00:00:00Z");

        UsageReport report = client(fast).usage(PrometheusQueries.nodeExporter(), PrometheusMetric.MEMORY_BYTES,
                start, start.plus(Duration.ofMinutes(25)));

        assertThat(report.series()).singleElement().satisfies(s -> {
            assertThat(s.resourceId()).isEqualTo("api-1:9100");
            assertThat(s.metric()).isEqualTo("memory_bytes");
            assertThat(s.unit()).isEqualTo("bytes");
            assertThat(s.step()).isEqualTo(Duration.ofMinutes(5));
            assertThat(s.samples()).extracting(UsageSeries.Sample::value)
                    .containsExactly(2147483648.0, 2215000000.0, 1.9e9);
        });
        // 6 evaluation points (0..25 min every 5): 2 non-finite, 1 absent
        assertThat(report.gaps()).containsExactly("api-1:9100 memory_bytes: 3 of 6 points missing (2 NaN/Inf)");
        assertThat(report.warnings()).containsExactly("remote read of store-2 was partial");
    }

    @Test
    void usage_thirtyDays_asksForFiveMinuteStepWithinPointLimit() {
        answer(200, "empty_matrix.json");

        UsageReport report = client(fast).usage(PrometheusQueries.cadvisor(), PrometheusMetric.CPU_CORES,
                Duration.ofDays(30));

        assertThat(report.query().step()).isEqualTo(Duration.ofMinutes(5));
        assertThat(report.query().points()).isEqualTo(8_641);
        assertThat(report.query().end()).isEqualTo(Instant.parse("2026-01-31T00:00:00Z"));
        assertThat(report.query().promql()).contains("[5m]").doesNotContain(MetricQuery.RATE_INTERVAL);
        assertThat(report.gaps()).singleElement().asString().contains("no series for cpu_cores");
        server.verify(getRequestedFor(urlPathEqualTo(PATH))
                .withQueryParam("step", equalTo("300"))
                .withQueryParam("start", equalTo(Long.toString(Instant.parse("2026-01-01T00:00:00Z").getEpochSecond())))
                .withQueryParam("end", equalTo(Long.toString(Instant.parse("2026-01-31T00:00:00Z").getEpochSecond()))));
    }

    @Test
    void usage_ninetyDays_widensStepAndRateWindowTogether() {
        answer(200, "empty_matrix.json");

        UsageReport report = client(fast).usage(PrometheusQueries.nodeExporter(), PrometheusMetric.CPU_CORES,
                Duration.ofDays(90));

        assertThat(report.query().step()).isEqualTo(Duration.ofMinutes(15));
        assertThat(report.query().promql()).contains("[15m]");
        assertThat(report.query().points()).isLessThanOrEqualTo(RangeQuery.MAX_POINTS_PER_SERIES);
    }

    @Test
    void queryRange_badData_isUserErrorNamingTheQuery() {
        answer(400, "bad_data.json");
        RangeQuery q = RangeQuery.covering("sum(rate(x[5m])))", NOW.minus(Duration.ofHours(1)), NOW, Duration.ofMinutes(5));

        PurserException e = catchThrowableOfType(PurserException.class, () -> client(fast).queryRange(q));

        assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(e.getMessage()).contains("sum(rate(x[5m])))").contains("bad_data").doesNotContain(TOKEN);
        server.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void queryRange_execution422_isExternalErrorWithoutRetry() {
        answer(422, "execution_422.json");
        RangeQuery q = RangeQuery.covering("a * on() b", NOW.minus(Duration.ofHours(1)), NOW, Duration.ofMinutes(5));

        PurserException e = catchThrowableOfType(PurserException.class, () -> client(fast).queryRange(q));

        assertThat(e.code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR);
        assertThat(e.getMessage()).contains("execution").contains("a * on() b");
        server.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void queryRange_503ThenSuccess_retriesAndReturnsTheMatrix() {
        server.stubFor(get(urlPathEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody(fixture("timeout_503.json")))
                .willSetStateTo("recovered"));
        server.stubFor(get(urlPathEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200).withBody(fixture("matrix_two_series.json"))));
        RangeQuery q = RangeQuery.covering("up", Instant.ofEpochSecond(1435781430), Instant.ofEpochSecond(1435781460),
                Duration.ofSeconds(15));

        RangeResult result = client(fast).queryRange(q);

        assertThat(result.series()).hasSize(2);
        assertThat(waits).containsExactly(Duration.ofMillis(500));
        server.verify(2, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void queryRange_503Always_givesUpAfterMaxAttemptsSayingWhatToDo() {
        answer(503, "timeout_503.json");
        RangeQuery q = RangeQuery.covering("up", NOW.minus(Duration.ofHours(1)), NOW, Duration.ofMinutes(5));

        PurserException e = catchThrowableOfType(PurserException.class, () -> client(fast).queryRange(q));

        assertThat(e.code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR);
        assertThat(e.getMessage()).contains("shorter window").contains("3 attempts");
        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
        server.verify(3, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void queryRange_slowServer_timesOutAsExternalError() {
        server.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withFixedDelay(3_000).withBody(fixture("empty_matrix.json"))));
        PrometheusSettings impatient = fast.withHttp(http(Duration.ofMillis(200), 2));
        RangeQuery q = RangeQuery.covering("up", NOW.minus(Duration.ofHours(1)), NOW, Duration.ofMinutes(5));

        PurserException e = catchThrowableOfType(PurserException.class, () -> client(impatient).queryRange(q));

        assertThat(e.code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR);
        assertThat(e.getMessage()).contains("did not answer").contains("2 attempts").doesNotContain(TOKEN);
        server.verify(2, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void queryRange_unauthorized_pointsAtTheTokenWithoutShowingIt() {
        server.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(401).withBody("Unauthorized")));
        RangeQuery q = RangeQuery.covering("up", NOW.minus(Duration.ofHours(1)), NOW, Duration.ofMinutes(5));

        PurserException e = catchThrowableOfType(PurserException.class, () -> client(fast).queryRange(q));

        assertThat(e.code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR);
        assertThat(e.getMessage()).contains("PROMETHEUS_TOKEN").doesNotContain(TOKEN);
        assertThat(client(fast).toString()).doesNotContain(TOKEN);
        server.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void queryRange_htmlFromProxy_isExternalErrorAboutTheBaseUrl() {
        server.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("<html>login</html>")));
        RangeQuery q = RangeQuery.covering("up", NOW.minus(Duration.ofHours(1)), NOW, Duration.ofMinutes(5));

        PurserException e = catchThrowableOfType(PurserException.class, () -> client(fast).queryRange(q));

        assertThat(e.code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR);
        assertThat(e.getMessage()).contains("base URL");
    }

    @Test
    void queryRange_post_sendsTheQueryAsForm() {
        server.stubFor(post(urlPathEqualTo("/prom" + PATH)).willReturn(aResponse().withStatus(200)
                .withBody(fixture("empty_matrix.json"))));
        PrometheusClient client = new PrometheusClient(URI.create(server.baseUrl() + "/prom"),
                fast.withMethod(PrometheusSettings.Method.POST), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(client.toString()).doesNotContain("token");
        RangeQuery q = RangeQuery.covering("sum by (instance) (pg_stat_activity_count)",
                NOW.minus(Duration.ofHours(1)), NOW, Duration.ofMinutes(5));

        assertThat(client.queryRange(q).series()).isEmpty();

        server.verify(postRequestedFor(urlPathEqualTo("/prom" + PATH))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withRequestBody(containing("query=sum+by+%28instance%29+%28pg_stat_activity_count%29"))
                .withRequestBody(containing("step=300")));
    }

    @Test
    void queryRange_rateLimitedByProxy_waitsRetryAfterThenSucceeds() {
        server.stubFor(get(urlPathEqualTo(PATH)).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7"))
                .willSetStateTo("open"));
        server.stubFor(get(urlPathEqualTo(PATH)).inScenario("limited").whenScenarioStateIs("open")
                .willReturn(aResponse().withStatus(200).withBody(fixture("empty_matrix.json"))));
        RangeQuery q = RangeQuery.covering("up", NOW.minus(Duration.ofHours(1)), NOW, Duration.ofMinutes(5));

        assertThat(client(fast).queryRange(q).series()).isEmpty();

        assertThat(waits).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void queryRange_rateLimitedForTooLong_failsAtOnce() {
        server.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
        RangeQuery q = RangeQuery.covering("up", NOW.minus(Duration.ofHours(1)), NOW, Duration.ofMinutes(5));

        PurserException e = catchThrowableOfType(PurserException.class, () -> client(fast).queryRange(q));

        assertThat(e.code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR);
        assertThat(e.getMessage()).contains("429").contains("3600 s");
        assertThat(waits).isEmpty();
    }

    @Test
    void queryRange_withoutToken_sendsNoAuthorizationHeader() {
        answer(200, "empty_matrix.json");
        PrometheusClient anonymous = new PrometheusClient(URI.create(server.baseUrl()), fast,
                Clock.fixed(NOW, ZoneOffset.UTC));

        anonymous.queryRange(RangeQuery.covering("up", NOW.minus(Duration.ofHours(1)), NOW, Duration.ofMinutes(5)));

        server.verify(getRequestedFor(urlPathEqualTo(PATH)).withoutHeader("Authorization"));
    }

    @Test
    void usage_noQueryForMetric_isUserError() {
        PurserException e = catchThrowableOfType(PurserException.class, () -> client(fast).usage(
                PrometheusQueries.cadvisor(), PrometheusMetric.CONNECTIONS, Duration.ofDays(1)));

        assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(e.getMessage()).contains("connections");
    }

    @Test
    void usage_customQuery_replacesDefaultAndNamesResourceByItsLabels() {
        server.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody(
                "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":"
                        + "{\"name\":\"investment-postgres-1\"},\"values\":[[1767225600,\"0.25\"]]}]}}")));
        PrometheusQueries docker = PrometheusQueries.cadvisor().with(PrometheusMetric.CPU_CORES, new MetricQuery(
                "sum by (name) (rate(container_cpu_usage_seconds_total{name!=\"\"}[$__rate_interval]))",
                List.of("name")));
        Instant start = Instant.parse("2026-01-01T00:00:00Z");

        UsageReport report = client(fast).usage(docker, PrometheusMetric.CPU_CORES, start, start);

        assertThat(report.series()).extracting(UsageSeries::resourceId).containsExactly("investment-postgres-1");
        server.verify(getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("query",
                equalTo("sum by (name) (rate(container_cpu_usage_seconds_total{name!=\"\"}[5m]))")));
    }
}
