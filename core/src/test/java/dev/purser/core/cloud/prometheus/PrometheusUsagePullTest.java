package dev.purser.core.cloud.prometheus;

import dev.purser.core.config.Secret;
import dev.purser.core.config.PrometheusConfig;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.purser.core.analysis.catalog.PriceCatalogs;
import dev.purser.core.analysis.recommendations.RightsizeKind;
import dev.purser.core.analysis.recommendations.RightsizingQuery;
import dev.purser.core.analysis.recommendations.RightsizingReport;
import dev.purser.core.analysis.recommendations.RightsizingService;
import dev.purser.core.analysis.rightsizing.ContainerLimits;
import dev.purser.core.analysis.rightsizing.KubernetesAnalysis;
import dev.purser.core.analysis.rightsizing.KubernetesWorkload;
import dev.purser.core.analysis.rightsizing.Recommendation;
import dev.purser.core.analysis.rightsizing.RecommendedAction;
import dev.purser.core.analysis.rightsizing.RightsizingEngine;
import dev.purser.core.analysis.rightsizing.RightsizingRules;
import dev.purser.core.analysis.inventory.InventorySource;
import dev.purser.core.analysis.waste.WasteFinder;
import dev.purser.core.analysis.waste.WasteFinding;
import dev.purser.core.analysis.waste.WasteKind;
import dev.purser.core.analysis.waste.WasteReport;
import dev.purser.core.analysis.waste.WasteSettings;
import dev.purser.core.cloud.http.HttpSettings;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.ingest.InventoryPull;
import dev.purser.core.model.Money;
import dev.purser.core.model.Resource;
import dev.purser.core.model.UsageSeries;
import dev.purser.core.store.InventoryRepository;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus ({@code query_range} matrices over 30 days at the 5-minute step the client picks,
 * served by WireMock) into a real store, then the right-sizing service and waste finder on what
 * landed.
 */
class PrometheusUsagePullTest {

    private static final String PATH = "/api/v1/query_range";
    private static final Instant NOW = Instant.parse("2026-12-10T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration STEP = Duration.ofMinutes(5);
    private static final Instant START = NOW.minus(Duration.ofDays(30));
    private static final int POINTS = 30 * 288 + 1;
    private static final double GIB = 1024.0 * 1024 * 1024;
    private static final Money USD_48 = new Money(new BigDecimal("48.00"), Currency.getInstance("USD"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private static WireMockServer server;
    private static PurserDatabase db;
    private static InventoryRepository inventory;
    private static RightsizingEngine engine;

    @BeforeAll
    static void start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        db = TestDatabase.fresh();
        inventory = new InventoryRepository(db.dataSource());
        engine = new RightsizingEngine(PriceCatalogs.bundled(), RightsizingRules.defaults(), CLOCK);
    }

    @AfterAll
    static void stop() {
        server.stop();
        db.close();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
        // Anything not stubbed below answers like a Prometheus without that exporter.
        server.stubFor(get(urlPathEqualTo(PATH)).atPriority(10).willReturn(json(200, fixture("empty_matrix.json"))));
    }

    // ------------------------------------------------------------------ fixtures

    private static String fixture(String name) {
        try (InputStream in = PrometheusUsagePullTest.class.getResourceAsStream("/prometheus/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One documented error envelope of error_examples.json. */
    private static String errorExample(String key) {
        try {
            JsonNode node = JSON.readTree(fixture("error_examples.json")).get(key);
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static void answer(String querySubstring, String body) {
        server.stubFor(get(urlPathEqualTo(PATH)).atPriority(1)
                .withQueryParam("query", containing(querySubstring)).willReturn(json(200, body)));
    }

    /** A matrix series: labels and one value per point from {@code first} on (null values are gaps). */
    private record Series(Map<String, String> labels, Instant first, int count, Duration step, IntToDoubleFunction value) {
    }

    private static Series usage(Map<String, String> labels, IntToDoubleFunction value) {
        return new Series(labels, START, POINTS, STEP, value);
    }

    /** A state series: kube-state-metrics values over the last five minutes at the 1-minute step. */
    private static Series state(Map<String, String> labels, double value) {
        return new Series(labels, NOW.minus(Duration.ofMinutes(5)), 6, Duration.ofMinutes(1), i -> value);
    }

    /** A body shaped like the documented query_range matrix. */
    private static String matrix(Series... series) {
        StringBuilder b = new StringBuilder(64 + series.length * POINTS * 24);
        b.append("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[");
        for (int s = 0; s < series.length; s++) {
            Series x = series[s];
            b.append(s == 0 ? "" : ",").append("{\"metric\":{");
            int l = 0;
            for (Map.Entry<String, String> e : x.labels().entrySet()) {
                b.append(l++ == 0 ? "" : ",").append('"').append(e.getKey()).append("\":\"").append(e.getValue())
                        .append('"');
            }
            b.append("},\"values\":[");
            boolean firstValue = true;
            for (int i = 0; i < x.count(); i++) {
                double v = x.value().applyAsDouble(i);
                if (Double.isNaN(v)) {
                    continue; // absent: Prometheus leaves the point out
                }
                b.append(firstValue ? "" : ",").append('[')
                        .append(x.first().plus(x.step().multipliedBy(i)).getEpochSecond()).append(",\"")
                        .append(String.format(Locale.ROOT, "%.6f", v)).append("\"]");
                firstValue = false;
            }
            b.append("]}");
        }
        return b.append("]}}").toString();
    }

    /** A daily cycle between {@code low} and {@code high} with a little noise, one point per 5 minutes. */
    private static IntToDoubleFunction daily(double low, double high, long seed) {
        Random rnd = new Random(seed);
        double[] v = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            double phase = 0.5 + 0.5 * Math.sin(2 * Math.PI * i / 288.0);
            v[i] = Math.max(0, low + (high - low) * phase * (1 + 0.05 * rnd.nextGaussian()));
        }
        return i -> v[i];
    }

    private static Map<String, String> labels(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static PrometheusClient client(HttpSettings http) {
        return new PrometheusClient(URI.create(server.baseUrl()), PrometheusSettings.defaults().withHttp(http), null,
                CLOCK, d -> { });
    }

    private static HttpSettings http(int attempts, Duration requestTimeout) {
        return new HttpSettings(Duration.ofSeconds(2), requestTimeout, attempts, Duration.ofMillis(10),
                Duration.ofMillis(20), Duration.ofSeconds(1));
    }

    private static PrometheusUsagePull pull() {
        return new PrometheusUsagePull(client(http(2, Duration.ofSeconds(10))), UsageQueries.defaults(),
                new InventoryRepository(db.dataSource()), new InventoryRepository(db.dataSource()), CLOCK);
    }

    private static InventoryPull.Request request(String account) {
        return new InventoryPull.Request(account, Duration.ofDays(30));
    }

    private static Resource droplet(String scenario, String id, String name, Map<String, String> attributes) {
        Map<String, String> a = new LinkedHashMap<>(attributes);
        a.put("vcpus", "4");
        a.put("memory_bytes", Long.toString(8L << 30));
        return new Resource(scenario, id, name, "DigitalOcean", "droplet", "s-4vcpu-8gb", "fra1", USD_48, Map.of(), a);
    }

    private static void stubNodes(Series cpu, Series... more) {
        answer("count by (instance) (node_cpu_seconds_total", matrix(cpu));
        answer("node_memory_MemAvailable_bytes", matrix(more));
    }

    // ------------------------------------------------------------------ tests

    @Test
    void pull_nodeExporterOnStoredDroplet_rightsizingDownsizesFromTheSeries() {
        String scenario = "vm";
        inventory.replaceScenario(scenario, List.of(
                droplet(scenario, "vm-1001", "api-1", Map.of("private_ip", "10.110.0.5")),
                droplet(scenario, "vm-1002", "worker-1", Map.of())), List.of());
        answer("count by (instance) (node_cpu_seconds_total", matrix(
                usage(labels("instance", "10.110.0.5:9100", "job", "node"), daily(0.15, 0.45, 1)),
                usage(labels("instance", "worker-1:9100", "job", "node"), daily(2.0, 3.4, 2)),
                usage(labels("instance", "10.110.0.99:9100", "job", "node"), daily(0.1, 0.2, 3))));
        answer("node_memory_MemAvailable_bytes", matrix(
                usage(labels("instance", "10.110.0.5:9100", "job", "node"), daily(0.9 * GIB, 1.3 * GIB, 4)),
                usage(labels("instance", "worker-1:9100", "job", "node"), daily(5 * GIB, 6 * GIB, 5))));

        InventoryPull.Result result = pull().pull(request(scenario));

        assertThat(result.account()).isEqualTo(scenario);
        assertThat(result.series()).isEqualTo(4);
        assertThat(result.samples()).isEqualTo(4L * POINTS);
        assertThat(result.resources()).isZero();
        assertThat(result.notes()).anySatisfy(n -> assertThat(n).contains("10.110.0.99:9100").contains("no resource"));
        assertThat(inventory.metrics("vm-1001")).containsExactly("cpu_cores", "memory_bytes");
        assertThat(inventory.usage("vm-1001", "cpu_cores", START, NOW.plusSeconds(1)).orElseThrow().step()).isEqualTo(STEP);

        RightsizingReport report = new RightsizingService(inventory, engine, null, CLOCK)
                .rightsize(RightsizingQuery.account(scenario));
        Recommendation api = report.recommendations().stream().filter(r -> r.resourceId().equals("vm-1001"))
                .findFirst().orElseThrow();
        assertThat(api.action()).isEqualTo(RecommendedAction.DOWNSIZE);
        assertThat(api.proposed().label()).isNotEqualTo("s-4vcpu-8gb");
        assertThat(api.monthlySaving()).hasValueSatisfying(s -> assertThat(s.amount()).isPositive());
        Recommendation worker = report.recommendations().stream().filter(r -> r.resourceId().equals("vm-1002"))
                .findFirst().orElseThrow();
        assertThat(worker.action()).isNotEqualTo(RecommendedAction.DOWNSIZE);
    }

    @Test
    void pull_twice_replacesTheSeriesInsteadOfAddingSamples() {
        String scenario = "again";
        inventory.replaceScenario(scenario, List.of(droplet(scenario, "vm-2001", "db-box", Map.of())), List.of());
        stubNodes(usage(labels("instance", "db-box:9100"), daily(1, 2, 6)),
                usage(labels("instance", "db-box:9100"), daily(GIB, 2 * GIB, 7)));

        pull().pull(request(scenario));
        InventoryPull.Result second = pull().pull(request(scenario));

        assertThat(second.samples()).isEqualTo(2L * POINTS);
        assertThat(inventory.usage("vm-2001", "cpu_cores", START, NOW.plusSeconds(1)).orElseThrow().samples()).hasSize(POINTS);
    }

    @Test
    void pull_documentedExampleInstances_listedAsUnmatchedNothingInvented() {
        String scenario = "unmatched";
        inventory.replaceScenario(scenario, List.of(droplet(scenario, "vm-3001", "api-9", Map.of())), List.of());
        answer("count by (instance) (node_cpu_seconds_total", fixture("query_range_matrix_example.json"));

        InventoryPull.Result result = pull().pull(request(scenario));

        assertThat(result.series()).isZero();
        assertThat(result.notes()).anySatisfy(n -> assertThat(n).contains("localhost:9090", "localhost:9091"));
        assertThat(inventory.resources(scenario)).extracting(Resource::id).containsExactly("vm-3001");
    }

    @Test
    void pull_cadvisorAndKubeStateMetrics_kubernetesRecommendationPerReplicaForHpaWorkload() {
        String scenario = "k8s";
        inventory.replaceScenario(scenario, List.of(droplet(scenario, "node-pool-1", "pool-1", Map.of())), List.of());
        String rs = "api-7d4b9c8f6";
        String pod1 = rs + "-x2k9p";
        String pod2 = rs + "-q7w4z";
        // pod2 replaced pod1 half-way through (a rollout): per replica, the series is continuous.
        IntToDoubleFunction firstHalf = i -> i < POINTS / 2 ? 0.25 + 0.1 * Math.sin(i / 40.0) : Double.NaN;
        IntToDoubleFunction secondHalf = i -> i >= POINTS / 2 ? 0.3 + 0.1 * Math.sin(i / 40.0) : Double.NaN;
        answer("container_cpu_usage_seconds_total", matrix(
                usage(labels("namespace", "shop", "pod", pod1, "container", "app"), firstHalf),
                usage(labels("namespace", "shop", "pod", pod2, "container", "app"), secondHalf),
                usage(labels("namespace", "shop", "pod", "postgres-0", "container", "postgres"), daily(0.5, 0.9, 8))));
        answer("container_memory_working_set_bytes", matrix(
                usage(labels("namespace", "shop", "pod", pod1, "container", "app"),
                        i -> i < POINTS / 2 ? 300e6 + 20e6 * Math.sin(i / 50.0) : Double.NaN),
                usage(labels("namespace", "shop", "pod", pod2, "container", "app"),
                        i -> i >= POINTS / 2 ? 320e6 + 20e6 * Math.sin(i / 50.0) : Double.NaN),
                usage(labels("namespace", "shop", "pod", "postgres-0", "container", "postgres"),
                        daily(1.5 * GIB, 1.8 * GIB, 9))));
        answer("kube_pod_container_resource_requests", matrix(
                state(labels("namespace", "shop", "pod", pod2, "container", "app", "resource", "cpu", "unit", "core"), 1),
                state(labels("namespace", "shop", "pod", pod2, "container", "app", "resource", "memory", "unit", "byte"),
                        GIB)));
        answer("kube_pod_container_resource_limits", matrix(
                state(labels("namespace", "shop", "pod", pod2, "container", "app", "resource", "cpu", "unit", "core"), 2),
                state(labels("namespace", "shop", "pod", pod2, "container", "app", "resource", "memory", "unit", "byte"),
                        2 * GIB)));
        answer("kube_pod_owner", matrix(
                state(labels("namespace", "shop", "pod", pod2, "owner_kind", "ReplicaSet", "owner_name", rs,
                        "owner_is_controller", "true"), 1)));
        answer("kube_replicaset_owner", matrix(
                state(labels("namespace", "shop", "replicaset", rs, "owner_kind", "Deployment", "owner_name", "api"), 1)));
        answer("kube_deployment_spec_replicas", matrix(state(labels("namespace", "shop", "deployment", "api"), 3)));
        answer("kube_horizontalpodautoscaler_info", matrix(state(labels("namespace", "shop",
                "horizontalpodautoscaler", "api-hpa", "scaletargetref_kind", "Deployment", "scaletargetref_name", "api"), 1)));
        answer("kube_horizontalpodautoscaler_spec_min_replicas",
                matrix(state(labels("namespace", "shop", "horizontalpodautoscaler", "api-hpa"), 2)));
        answer("kube_horizontalpodautoscaler_spec_max_replicas",
                matrix(state(labels("namespace", "shop", "horizontalpodautoscaler", "api-hpa"), 10)));

        InventoryPull.Result result = pull().pull(request(scenario));

        assertThat(result.resourcesByKind()).containsEntry("container", 2);
        Resource app = inventory.resources(scenario).stream().filter(r -> r.id().equals("k8s/shop/api/app"))
                .findFirst().orElseThrow();
        assertThat(app.attributes()).containsEntry("k8s_workload", "api").containsEntry("k8s_kind", "Deployment")
                .containsEntry("k8s_namespace", "shop").containsEntry("k8s_container", "app")
                .containsEntry("replicas", "3").containsEntry("autoscaler", "hpa").containsEntry("min_replicas", "2")
                .containsEntry("max_replicas", "10").containsEntry("cpu_request", "1").containsEntry("cpu_limit", "2")
                .containsEntry("memory_request_bytes", Long.toString(1L << 30))
                .containsEntry("memory_limit_bytes", Long.toString(2L << 30));
        assertThat(inventory.usage(app.id(), "cpu_cores", START, NOW.plusSeconds(1)).orElseThrow().samples()).hasSize(POINTS);
        Resource pg = inventory.resources(scenario).stream().filter(r -> r.id().equals("k8s/shop/postgres/postgres"))
                .findFirst().orElseThrow();
        assertThat(pg.attributes()).containsEntry("k8s_kind", "StatefulSet").containsEntry("autoscaler", "none")
                .containsEntry("replicas", "1").doesNotContainKey("cpu_request");

        RightsizingReport report = new RightsizingService(inventory, engine, null, CLOCK).rightsize(
                new RightsizingQuery(Optional.of(scenario), Optional.empty(), EnumSet.of(RightsizeKind.KUBERNETES),
                        Duration.ofDays(30), Optional.empty(), Set.of(), Optional.empty(), false));
        Recommendation rec = report.recommendations().stream().filter(r -> r.resourceId().equals("shop/api/app"))
                .findFirst().orElseThrow();
        assertThat(rec.action()).isEqualTo(RecommendedAction.SET_LIMITS);
        assertThat(rec.autoscaled()).isTrue();
        assertThat(rec.summary()).contains("per pod");
        // CPU peaked at 0.4 cores and memory at 340 MB per replica: both far under the current requests.
        assertThat(Double.parseDouble(rec.proposed().values().get("cpu_limit").replace("m", "")) / 1000)
                .isBetween(0.4, 1.0);

        KubernetesAnalysis patch = engine.analyzeKubernetes(new KubernetesWorkload("Deployment", "shop", "api", 3, true,
                Map.of("app", new ContainerLimits(OptionalDouble.of(2), OptionalLong.of(2L << 30), OptionalDouble.of(1),
                        OptionalLong.of(1L << 30)))),
                Map.of("app", List.of(inventory.usage(app.id(), "cpu_cores", START, NOW.plusSeconds(1)).orElseThrow(),
                        inventory.usage(app.id(), "memory_bytes", START, NOW.plusSeconds(1)).orElseThrow())));
        assertThat(patch.patchYaml()).contains("kubectl patch deployment api -n shop", "- name: app", "requests:",
                "limits:");
    }

    @Test
    void pull_postgresExporterZeroConnectionsForEightDays_wasteFlagsTheDatabase() {
        String scenario = "dbs";
        Resource orders = new Resource(scenario, "db-orders", "orders-db", "DigitalOcean", "database-cluster",
                "db-s-2vcpu-4gb", "fra1", new Money(new BigDecimal("60.00"), Currency.getInstance("USD")), Map.of(),
                Map.of("nodes", "1", "engine", "pg", "prometheus_instance", "pg-exporter-orders:9187"));
        Resource users = new Resource(scenario, "db-users", "users-db", "DigitalOcean", "database-cluster",
                "db-s-1vcpu-2gb", "fra1", new Money(new BigDecimal("30.00"), Currency.getInstance("USD")), Map.of(),
                Map.of("nodes", "1", "engine", "pg"));
        inventory.replaceScenario(scenario, List.of(orders, users), List.of());
        int eightDaysAgo = POINTS - 8 * 288;
        answer("pg_stat_database_numbackends", matrix(
                usage(labels("instance", "pg-exporter-orders:9187"), i -> i < eightDaysAgo ? 4 : 0),
                usage(labels("instance", "users-db:9187"), i -> 3 + (i % 5))));

        InventoryPull.Result result = pull().pull(request(scenario));

        assertThat(result.series()).isEqualTo(2);
        WasteReport waste = new WasteFinder(inventory, null, WasteSettings.defaults(), CLOCK)
                .find(scenario);
        assertThat(waste.findings()).filteredOn(f -> f.kind() == WasteKind.IDLE_DATABASE)
                .extracting(WasteFinding::resourceId).containsExactly("db-orders");
        server.verify(getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("step", equalTo("300"))
                .withQueryParam("query", containing("pg_stat_database_numbackends")));
    }

    @Test
    void pull_errorPartWay_storeUnchanged() {
        String scenario = "fail";
        inventory.replaceScenario(scenario, List.of(droplet(scenario, "vm-4001", "edge-1", Map.of())), List.of(
                new UsageSeries("vm-4001", "cpu_cores", "cores", STEP,
                        List.of(new UsageSeries.Sample(NOW.minus(Duration.ofHours(1)), 1.5)))));
        stubNodes(usage(labels("instance", "edge-1:9100"), daily(0.1, 0.2, 10)),
                usage(labels("instance", "edge-1:9100"), daily(GIB, GIB, 11)));
        server.stubFor(get(urlPathEqualTo(PATH)).atPriority(1).withQueryParam("query",
                containing("container_memory_working_set_bytes")).willReturn(json(400, errorExample("too_many_points_400"))));

        PurserException badData = catchThrowableOfType(PurserException.class, () -> pull().pull(request(scenario)));
        assertThat(badData.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertUnchanged(scenario);

        server.stubFor(get(urlPathEqualTo(PATH)).atPriority(1).withQueryParam("query",
                containing("container_memory_working_set_bytes")).willReturn(json(500, "{\"status\":\"error\","
                + "\"errorType\":\"internal\",\"error\":\"unexpected error\"}")));
        PurserException internal = catchThrowableOfType(PurserException.class, () -> pull().pull(request(scenario)));
        assertThat(internal.code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR);
        assertUnchanged(scenario);

        server.stubFor(get(urlPathEqualTo(PATH)).atPriority(1).withQueryParam("query",
                containing("kube_horizontalpodautoscaler_spec_max_replicas"))
                .willReturn(json(503, fixture("timeout_503.json"))));
        server.stubFor(get(urlPathEqualTo(PATH)).atPriority(1).withQueryParam("query",
                containing("container_memory_working_set_bytes")).willReturn(json(200, fixture("empty_matrix.json"))));
        PurserException timeout = catchThrowableOfType(PurserException.class, () -> pull().pull(request(scenario)));
        assertThat(timeout.code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR);
        assertUnchanged(scenario);

        server.stubFor(get(urlPathEqualTo(PATH)).atPriority(1).withQueryParam("query",
                containing("kube_horizontalpodautoscaler_spec_max_replicas"))
                .willReturn(json(200, fixture("empty_matrix.json")).withFixedDelay(1_500)));
        PrometheusUsagePull impatient = new PrometheusUsagePull(client(http(1, Duration.ofMillis(500))),
                UsageQueries.defaults(), new InventoryRepository(db.dataSource()), new InventoryRepository(db.dataSource()), CLOCK);
        PurserException clientTimeout = catchThrowableOfType(PurserException.class,
                () -> impatient.pull(request(scenario)));
        assertThat(clientTimeout.code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR);
        assertUnchanged(scenario);
    }

    private static void assertUnchanged(String scenario) {
        assertThat(inventory.resources(scenario)).extracting(Resource::id).containsExactly("vm-4001");
        assertThat(inventory.metrics("vm-4001")).containsExactly("cpu_cores");
        assertThat(inventory.usage("vm-4001", "cpu_cores", START, NOW.plusSeconds(1)).orElseThrow().samples())
                .extracting(UsageSeries.Sample::value).containsExactly(1.5);
    }

    @Test
    void pull_withoutAccount_badArgumentNamingTheOption() {
        PurserException e = catchThrowableOfType(PurserException.class,
                () -> pull().pull(InventoryPull.Request.defaults()));

        assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(e.getMessage()).contains("--account");
        server.verify(0, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void create_noUrl_badArgumentAtPullTimeNamingTheKeyAndVariable() {
        PrometheusUsagePull p = PrometheusUsagePull.create(PrometheusConfig.defaults(),
                Secret.absent(PrometheusConfig.DEFAULT_TOKEN_ENV), HttpSettings.defaults(), new InventoryRepository(db.dataSource()), new InventoryRepository(db.dataSource()),
                CLOCK);

        PurserException e = catchThrowableOfType(PurserException.class, () -> p.pull(request("any")));

        assertThat(p.kind()).isEqualTo("prometheus");
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(e.getMessage()).contains("prometheus.url", PrometheusUsagePull.URL_VARIABLE);
    }

    @Test
    void create_tokenAndQueriesFile_sentAndOverridesUsed(@TempDir Path dir) throws IOException {
        String scenario = "env";
        inventory.replaceScenario(scenario, List.of(droplet(scenario, "vm-5001", "box-1", Map.of())), List.of());
        Path file = dir.resolve("queries.properties");
        Files.writeString(file, "node.cpu_cores = avg by (host) (my_cpu_cores)\nnode.cpu_cores.labels = host\n"
                + "cadvisor.cpu_cores =\ncadvisor.memory_bytes =\n");
        answer("my_cpu_cores", matrix(usage(labels("host", "box-1"), daily(0.2, 0.4, 12))));
        String token = "prom-secret-token-123";
        PrometheusUsagePull p = PrometheusUsagePull.create(
                new PrometheusConfig(URI.create(server.baseUrl()), "PROM_TOKEN", file),
                Secret.of("PROM_TOKEN", token), http(1, Duration.ofSeconds(10)),
                new InventoryRepository(db.dataSource()), new InventoryRepository(db.dataSource()), CLOCK);

        InventoryPull.Result result = p.pull(request(scenario));

        assertThat(result.series()).isEqualTo(1);
        assertThat(inventory.metrics("vm-5001")).containsExactly("cpu_cores");
        server.verify(getRequestedFor(urlPathEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer " + token)));
        server.verify(0, getRequestedFor(urlPathEqualTo(PATH))
                .withQueryParam("query", containing("container_cpu_usage_seconds_total")));
        assertThat(String.join(" ", result.notes())).doesNotContain(token);
    }

    @Test
    void create_unknownQueryKey_badArgumentNamingTheVariable(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("queries.json");
        Files.writeString(file, "{\"node.cpu\": \"up\"}");
        PrometheusUsagePull p = PrometheusUsagePull.create(
                new PrometheusConfig(URI.create(server.baseUrl()), null, file),
                Secret.absent(PrometheusConfig.DEFAULT_TOKEN_ENV), HttpSettings.defaults(), new InventoryRepository(db.dataSource()), new InventoryRepository(db.dataSource()), CLOCK);

        PurserException e = catchThrowableOfType(PurserException.class, () -> p.pull(request("any")));

        assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(e.getMessage()).contains(PrometheusUsagePull.QUERIES_VARIABLE, "node.cpu");
    }
}
