package dev.purser.bot.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.purser.core.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import do-inventory} as a user runs it: real arguments and environment variables, a real
 * PostgreSQL, and one WireMock server answering like DigitalOcean's API ({@code /v2/...}) and like
 * Prometheus's {@code query_range} ({@code /api/v1/...}). Then {@code rightsize} and {@code waste}
 * on what landed, and the failures a user meets: a bad token, a rate limit, a missing variable.
 *
 * <p>The successful imports run once, in {@link #importOnce()}, and each test reads what they
 * printed; the failure tests re-import (and fail) on their own, so no test depends on another's order.
 */
class LiveInventoryCliTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Looks like a real DigitalOcean token, so a leak into any output would be recognisable. */
    private static final String TOKEN = "dop_v1_c1i7e57a0123456789abcdef0123456789abcdef0123456789abcdef0123";
    private static final String API = "500001";
    private static final String WORKER = "500002";
    private static final String CLUSTER = "c0ffee00-1d2e-4f3a-9b8c-000000000201";
    private static final String API_IP = "10.128.192.124";
    private static final String WORKER_IP = "10.128.192.125";
    private static final String QUERY_RANGE = "/api/v1/query_range";
    private static final double GIB = 1024.0 * 1024 * 1024;

    @TempDir
    static Path home;

    private static WireMockServer wm;
    private static Map<String, String> env;
    private static Map<String, String> envWithPrometheus;
    private static String doCpu;
    private static String doMemoryTotal;
    private static String doMemoryAvailable;
    private static String promCpu;
    private static String promMemory;

    private static Result importDo;
    private static Result rightsizeDo;
    private static Result wasteDo;
    private static Result wasteDoJson;
    private static Result importWithPrometheus;
    private static Result rightsizeWithPrometheus;
    private static int prometheusCallsWithoutUrl;
    private static List<String> nodeExporterSteps;

    record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void importOnce() {
        wm = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        wm.start();
        env = new HashMap<>();
        env.put("PURSER_HOME", home.toString());
        env.put("PURSER_DATABASE_URL", TestDatabase.freshJdbcUrl());
        env.put("PURSER_DATABASE_USER", "postgres");
        env.put("DIGITALOCEAN_TOKEN", TOKEN);
        env.put("PURSER_DIGITALOCEAN_URL", wm.baseUrl());
        env.put("COLUMNS", "1000"); // these tests read table rows as lines: keep them unwrapped
        envWithPrometheus = new HashMap<>(env);
        envWithPrometheus.put("PURSER_PROMETHEUS_URL", wm.baseUrl());

        doCpu = doCpuCounters(API);
        doMemoryTotal = doGauge(API, t -> 8.0 * GIB);
        // DigitalOcean's agent: 1.6 GiB used, up to 1.9 GiB in the afternoon
        doMemoryAvailable = doGauge(API, t -> 8.0 * GIB - (1.6 + 0.3 * daily(t)) * GIB);
        // node_exporter: CPU 0.2 to 0.45 cores; memory used 0.9 to 1.2 GiB (the agent above counts caches)
        promCpu = promMatrix(Map.of(API_IP + ":9100", t -> 0.2 + 0.25 * daily(t),
                WORKER_IP + ":9100", t -> 1.5 + 0.4 * daily(t)));
        promMemory = promMatrix(Map.of(API_IP + ":9100", t -> (0.9 + 0.3 * daily(t)) * GIB,
                WORKER_IP + ":9100", t -> (3.0 + 0.3 * daily(t)) * GIB));

        stubHappyPath();
        importDo = run("import", "do-inventory");
        prometheusCallsWithoutUrl = wm.findAll(getRequestedFor(urlPathEqualTo(QUERY_RANGE))).size();
        rightsizeDo = run("rightsize", "--account", "digitalocean");
        wasteDo = run("waste", "--account", "digitalocean");
        wasteDoJson = run("waste", "--account", "digitalocean", "--format", "json");
        importWithPrometheus = runWith(envWithPrometheus, "import", "do-inventory");
        nodeExporterSteps = wm.findAll(getRequestedFor(urlPathEqualTo(QUERY_RANGE))
                        .withQueryParam("query", containing("node_"))).stream()
                .map(r -> r.queryParameter("step").firstValue()).toList();
        rightsizeWithPrometheus = run("rightsize", "--account", "digitalocean");
    }

    @AfterAll
    static void stop() {
        wm.stop();
    }

    @BeforeEach
    void happyStubs() {
        stubHappyPath();
    }

    // ---------------------------------------------------------------- running

    static Result run(String... args) {
        return runWith(env, args);
    }

    static Result runWith(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PurserMain.run(args, environment, CLOCK, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- fixtures

    private static String resource(String name) {
        try (InputStream in = LiveInventoryCliTest.class.getResourceAsStream("/live/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource live/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A response with DigitalOcean's rate-limit headers. */
    private static ResponseDefinitionBuilder doResponse(int status, String body, Instant reset) {
        return aResponse().withStatus(status)
                .withHeader("content-type", "application/json; charset=utf-8")
                .withHeader("ratelimit-limit", "5000")
                .withHeader("ratelimit-remaining", status == 429 ? "0" : "4816")
                .withHeader("ratelimit-reset", Long.toString(reset.getEpochSecond()))
                .withBody(body);
    }

    private static ResponseDefinitionBuilder doOk(String file) {
        return doResponse(200, resource("digitalocean/" + file), NOW.plusSeconds(1800));
    }

    private static ResponseDefinitionBuilder prometheus(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static void stubHappyPath() {
        wm.resetAll();
        wm.stubFor(get(urlPathEqualTo("/v2/sizes")).withQueryParam("page", absent()).willReturn(doOk("sizes_page1.json")));
        wm.stubFor(get(urlPathEqualTo("/v2/sizes")).withQueryParam("page", equalTo("2"))
                .willReturn(doOk("sizes_page2.json")));
        wm.stubFor(get(urlPathEqualTo("/v2/databases/options")).willReturn(doOk("databases_list_options.json")));
        wm.stubFor(get(urlPathEqualTo("/v2/droplets")).willReturn(doOk("droplets.json")));
        wm.stubFor(get(urlPathEqualTo("/v2/databases")).willReturn(doOk("databases.json")));
        wm.stubFor(get(urlPathEqualTo("/v2/databases/" + CLUSTER + "/backups")).willReturn(doOk("backups.json")));
        wm.stubFor(get(urlPathEqualTo("/v2/volumes")).willReturn(doOk("volumes.json")));
        wm.stubFor(get(urlPathEqualTo("/v2/snapshots")).willReturn(doOk("snapshots.json")));
        wm.stubFor(get(urlPathEqualTo("/v2/reserved_ips")).willReturn(doOk("reserved_ips.json")));
        // Only the API droplet runs DigitalOcean's monitoring agent; the others answer an empty matrix.
        String empty = resource("prometheus/empty_matrix.json");
        wm.stubFor(get(urlPathMatching("/v2/monitoring/metrics/droplet/.*")).atPriority(10)
                .willReturn(doResponse(200, empty, NOW.plusSeconds(1800))));
        Map<String, String> agent = Map.of("cpu", doCpu, "memory_total", doMemoryTotal,
                "memory_available", doMemoryAvailable);
        agent.forEach((metric, body) -> wm.stubFor(get(urlPathEqualTo("/v2/monitoring/metrics/droplet/" + metric))
                .withQueryParam("host_id", equalTo(API)).atPriority(1)
                .willReturn(doResponse(200, body, NOW.plusSeconds(1800)))));
        // Prometheus: node_exporter for the API and worker droplets; no other exporter.
        wm.stubFor(get(urlPathEqualTo(QUERY_RANGE)).atPriority(10).willReturn(prometheus(empty)));
        wm.stubFor(get(urlPathEqualTo(QUERY_RANGE)).atPriority(1)
                .withQueryParam("query", containing("node_cpu_seconds_total")).willReturn(prometheus(promCpu)));
        wm.stubFor(get(urlPathEqualTo(QUERY_RANGE)).atPriority(1)
                .withQueryParam("query", containing("node_memory_MemAvailable_bytes")).willReturn(prometheus(promMemory)));
    }

    /** 0 at night, 1 at 15:00 UTC. */
    private static double daily(Instant t) {
        double hour = (t.getEpochSecond() % 86_400) / 3600.0;
        return Math.max(0, Math.sin((hour - 9) / 12 * Math.PI));
    }

    /** Every {@code step} over the 30 days up to now, as the APIs answer a 30-day range. */
    private static List<Instant> instants(Duration step) {
        List<Instant> out = new ArrayList<>();
        for (Instant t = NOW.minus(Duration.ofDays(30)); !t.isAfter(NOW); t = t.plus(step)) {
            out.add(t);
        }
        return out;
    }

    /**
     * DigitalOcean's droplet CPU metric: cumulative CPU seconds per mode over 4 vCPUs, busy 8 % at
     * night and 13 % at the afternoon peak, at the 10-minute resolution it answers for 30 days.
     */
    private static String doCpuCounters(String hostId) {
        List<Instant> times = instants(Duration.ofMinutes(10));
        String[] modes = {"idle", "system", "user"};
        double[] counters = {3_000_000, 200_000, 500_000};
        StringBuilder[] values = {new StringBuilder(), new StringBuilder(), new StringBuilder()};
        double perStep = 4 * 600.0;
        for (Instant t : times) {
            double busy = (0.08 + 0.05 * daily(t)) * perStep;
            counters[0] += perStep - busy;
            counters[1] += busy * 0.3;
            counters[2] += busy * 0.7;
            for (int m = 0; m < modes.length; m++) {
                values[m].append(values[m].length() == 0 ? "" : ",").append('[').append(t.getEpochSecond())
                        .append(",\"").append(String.format(Locale.ROOT, "%.2f", counters[m])).append("\"]");
            }
        }
        StringBuilder out = new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[");
        for (int m = 0; m < modes.length; m++) {
            out.append(m == 0 ? "" : ",").append("{\"metric\":{\"host_id\":\"").append(hostId).append("\",\"mode\":\"")
                    .append(modes[m]).append("\"},\"values\":[").append(values[m]).append("]}");
        }
        return out.append("]}}").toString();
    }

    private static String doGauge(String hostId, ToDoubleFunction<Instant> f) {
        StringBuilder values = new StringBuilder();
        for (Instant t : instants(Duration.ofMinutes(10))) {
            values.append(values.length() == 0 ? "" : ",").append('[').append(t.getEpochSecond()).append(",\"")
                    .append(String.format(Locale.ROOT, "%.0f", f.applyAsDouble(t))).append("\"]");
        }
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"host_id\":\""
                + hostId + "\"},\"values\":[" + values + "]}]}}";
    }

    /** A {@code query_range} matrix at the 5-minute step Purser asks for over 30 days, one series per instance. */
    private static String promMatrix(Map<String, ToDoubleFunction<Instant>> byInstance) {
        StringBuilder b = new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[");
        int s = 0;
        for (Map.Entry<String, ToDoubleFunction<Instant>> e : byInstance.entrySet()) {
            b.append(s++ == 0 ? "" : ",").append("{\"metric\":{\"instance\":\"").append(e.getKey())
                    .append("\",\"job\":\"node\"},\"values\":[");
            boolean first = true;
            for (Instant t : instants(Duration.ofMinutes(5))) {
                b.append(first ? "" : ",").append('[').append(t.getEpochSecond()).append(",\"")
                        .append(String.format(Locale.ROOT, "%.6f", e.getValue().applyAsDouble(t))).append("\"]");
                first = false;
            }
            b.append("]}");
        }
        return b.append("]}}").toString();
    }

    // ---------------------------------------------------------------- tests

    @Test
    void importDoInventory_printsResourcesByKindSamplesAndLiveCatalog() {
        assertThat(importDo.code()).as(importDo.err()).isZero();
        assertThat(importDo.err()).isEmpty();
        assertThat(importDo.out()).contains(
                "Pulled 11 resources of digitalocean (do-inventory) with 8,641 usage samples in 2 series over 30 days.",
                "Prices: digitalocean-live (live 2026-11-20)");
        assertThat(importDo.out()).containsPattern("database-cluster +1\\n").containsPattern("\\ndroplet +4\\n")
                .containsPattern("droplet-snapshot +1\\n").containsPattern("reserved-ip +2\\n")
                .containsPattern("\\nvolume +2\\n").containsPattern("volume-snapshot +1\\n")
                .containsPattern("Total +11\\n");
        // 10-minute agent samples over 30 days: 4,320 CPU rates from the counters and 4,321 memory readings
        assertThat(importDo.out()).containsPattern("Usage samples +8,641 samples");
        assertThat(importDo.out()).contains("no monitoring data (usage unknown, never idle): shop-worker-01");
        assertThat(prometheusCallsWithoutUrl).as("Prometheus asked without PURSER_PROMETHEUS_URL").isZero();
    }

    @Test
    void rightsize_afterImport_concreteDropletDownsizeOnTheLiveCatalog() {
        assertThat(rightsizeDo.code()).as(rightsizeDo.err()).isZero();
        // 48.00 today, 22.00 for s-2vcpu-4gb in the live price list (the bundled snapshot says 24.00)
        assertThat(rightsizeDo.out())
                .containsPattern("shop-api-01 +vm +s-4vcpu-8gb → s-2vcpu-4gb +downsize +\\$26\\.00 +list price")
                .containsPattern("shop-worker-01 +vm +s-2vcpu-4gb +insufficient data")
                .contains("Note: catalog: digitalocean-live live 2026-11-20")
                .contains("shop-db: decision matrix (production, tier=critical)")
                .contains("not allowed: tier=critical");
        assertThat(rightsizeDo.out()).contains("acting on 1 saves $26.00/month");
    }

    @Test
    void waste_afterImport_unattachedVolumeUnassignedIpAndOldSnapshotWithMonthlyCosts() {
        assertThat(wasteDo.code()).as(wasteDo.err()).isZero();
        assertThat(wasteDo.out())
                .contains("3 unused resource(s) in digitalocean cost $11.20 a month")
                .containsPattern("unassigned IP +203\\.0\\.113\\.10 +203\\.0\\.113\\.10 +\\$5\\.00")
                .containsPattern("unattached volume +shop-old-export +7e2f1c3a-91b4-4c6e-8a0d-000000000102 +\\$5\\.00")
                .containsPattern("old snapshot +shop-api-01-before-upgrade +88000301 +\\$1\\.20")
                .contains("203 days old, past the 90-day retention");
        // attached volume, assigned IP, a 5-day-old volume snapshot: not waste
        assertThat(wasteDo.out()).doesNotContain("203.0.113.11", "000000000101", "shop-api-data-weekly");
    }

    @Test
    void wasteJson_afterImport_itemsAddUpToTheTotal() throws IOException {
        assertThat(wasteDoJson.code()).as(wasteDoJson.err()).isZero();
        JsonNode reply = JSON.readTree(wasteDoJson.out());
        BigDecimal total = null;
        for (JsonNode f : reply.get("figures")) {
            if (f.get("key").asText().equals("total")) {
                total = new BigDecimal(f.get("value").get("amount").asText());
            }
        }
        BigDecimal items = BigDecimal.ZERO;
        List<String> ids = new ArrayList<>();
        for (JsonNode table : reply.get("tables")) {
            if (table.get("key").asText().equals("waste")) {
                for (JsonNode row : table.get("rows")) {
                    items = items.add(new BigDecimal(row.get("monthly_cost").get("amount").asText()));
                    ids.add(row.get("resource_id").asText());
                }
            }
        }
        assertThat(total).isEqualByComparingTo("11.20");
        assertThat(items).isEqualByComparingTo(total);
        assertThat(ids).containsExactlyInAnyOrder("203.0.113.10", "7e2f1c3a-91b4-4c6e-8a0d-000000000102", "88000301");
    }

    @Test
    void importDoInventory_withPrometheusUrl_mergesNodeExporterSeriesIntoTheSameAccount() {
        assertThat(importWithPrometheus.code()).as(importWithPrometheus.err()).isZero();
        assertThat(importWithPrometheus.out())
                .contains("Pulled 11 resources of digitalocean (do-inventory)")
                .contains("Note: Prometheus 2026-10-21T10:00:00Z to 2026-11-20T10:00:00Z at a 5m step:"
                        + " 4 series for 2 resources of digitalocean")
                .contains("node_exporter: 2 instances matched")
                .contains(API_IP + ":9100", WORKER_IP + ":9100");
        // DigitalOcean's 8,641 samples and 4 node_exporter series of 8,641 points (30 days at 5 minutes)
        assertThat(importWithPrometheus.out()).containsPattern("Usage samples +43,205 samples");
        // 30 days at 5 minutes: 8,641 points, within Prometheus's 11,000-point limit
        assertThat(nodeExporterSteps).hasSize(2).containsOnly("300");
    }

    @Test
    void rightsize_afterPrometheusMerge_memoryEvidenceComesFromNodeExporter() {
        assertThat(rightsizeWithPrometheus.code()).as(rightsizeWithPrometheus.err()).isZero();
        // DigitalOcean's agent peaked at 1.9 GiB (x 1.2 = 2.28 GiB: no 2 GiB size fits); node_exporter's
        // 1.2 GiB series replaced it (x 1.2 = 1.44 GiB), so the 2 GiB size at 12.00 now fits.
        assertThat(rightsizeWithPrometheus.out())
                .containsPattern("shop-api-01 +vm +s-4vcpu-8gb → s-1vcpu-2gb +downsize +\\$36\\.00")
                // the worker had no agent data; node_exporter shows it near 2 busy cores
                .containsPattern("shop-worker-01 +vm +s-2vcpu-4gb → s-4vcpu-8gb +upsize")
                .contains("Note: catalog: digitalocean-live live 2026-11-20");
        assertThat(rightsizeWithPrometheus.out()).doesNotContain("s-4vcpu-8gb → s-2vcpu-4gb");
    }

    @Test
    void importDoInventory_tokenRejected_exits1WithOneLineWithoutTheToken_andLandsNothing() {
        wm.stubFor(get(urlPathEqualTo("/v2/volumes")).atPriority(0)
                .willReturn(doResponse(401, resource("digitalocean/error_401.json"), NOW.plusSeconds(1800))));
        Map<String, String> empty = new HashMap<>(env);
        empty.put("PURSER_DATABASE_URL", TestDatabase.freshJdbcUrl());

        Result r = runWith(empty, "import", "do-inventory");

        assertThat(r.code()).isEqualTo(1);
        assertOneLineError(r);
        assertThat(r.err()).contains("401", "DIGITALOCEAN_TOKEN");
        Result waste = runWith(empty, "waste", "--account", "digitalocean");
        assertThat(waste.out()).contains("no inventory for digitalocean").doesNotContain("$5.00");
        Result rightsize = runWith(empty, "rightsize", "--account", "digitalocean");
        assertThat(rightsize.code()).isEqualTo(1);
        assertThat(rightsize.err()).contains("no inventory stored for account digitalocean");

        // and over an inventory already stored: the failed re-pull leaves it as it was
        String before = run("waste", "--account", "digitalocean", "--format", "json").out();
        Result again = run("import", "do-inventory");
        assertThat(again.code()).isEqualTo(1);
        assertOneLineError(again);
        assertThat(run("waste", "--account", "digitalocean", "--format", "json").out()).isEqualTo(before);
    }

    @Test
    void importDoInventory_rateLimited_exits1SayingWhenTheLimitResets_andChangesNothing() {
        wm.stubFor(get(urlPathEqualTo("/v2/snapshots")).atPriority(0)
                .willReturn(doResponse(429, resource("digitalocean/error_429.json"), NOW.plus(Duration.ofHours(1)))));
        String before = run("rightsize", "--account", "digitalocean", "--format", "json").out();

        Result r = run("import", "do-inventory");

        assertThat(r.code()).isEqualTo(1);
        assertOneLineError(r);
        assertThat(r.err()).contains("rate limit", "429", "resets at 2026-11-20T11:00:00Z");
        assertThat(run("rightsize", "--account", "digitalocean", "--format", "json").out()).isEqualTo(before);
    }

    @Test
    void importDoInventory_withoutToken_exits2NamingTheVariable() {
        Map<String, String> noToken = new HashMap<>(env);
        noToken.remove("DIGITALOCEAN_TOKEN");

        Result r = runWith(noToken, "import", "do-inventory");

        assertThat(r.code()).isEqualTo(2);
        assertOneLineError(r);
        assertThat(r.err()).contains("DIGITALOCEAN_TOKEN");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void importDoInventory_plainHttpUrlOffLocalhost_exits2NamingHttps() {
        Map<String, String> plain = new HashMap<>(env);
        plain.put("PURSER_DIGITALOCEAN_URL", "http://example.com");

        Result r = runWith(plain, "import", "do-inventory");

        assertThat(r.code()).isEqualTo(2);
        assertOneLineError(r);
        assertThat(r.err()).contains("PURSER_DIGITALOCEAN_URL", "https", "http://example.com");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void importDoInventory_window400d_exits2() {
        Result r = run("import", "do-inventory", "--window", "400d");

        assertThat(r.code()).isEqualTo(2);
        assertOneLineError(r);
        assertThat(r.err()).contains("400d", "365d");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    /** Nothing on stdout, one {@code purser: } line on stderr, and never the token. */
    private static void assertOneLineError(Result r) {
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("purser: ").endsWith("\n");
        assertThat(r.err().strip()).doesNotContain("\n").doesNotContain("Exception").doesNotContain(TOKEN)
                .doesNotContain(TOKEN.substring(7, 30));
    }
}
