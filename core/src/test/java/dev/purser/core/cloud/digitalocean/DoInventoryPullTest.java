package dev.purser.core.cloud.digitalocean;

import dev.purser.core.config.Secret;
import dev.purser.core.config.DigitalOceanConfig;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.CLOCK;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.NOW;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.doResponse;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.error;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.purser.core.analysis.catalog.CatalogOrigin;
import dev.purser.core.analysis.catalog.PriceCatalog;
import dev.purser.core.analysis.catalog.PriceCatalogs;
import dev.purser.core.analysis.recommendations.RightsizingQuery;
import dev.purser.core.analysis.recommendations.RightsizingReport;
import dev.purser.core.analysis.recommendations.RightsizingService;
import dev.purser.core.analysis.rightsizing.DecisionMatrix;
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
import dev.purser.core.cloud.http.RateLimitRecorder;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.ingest.InventoryPull;
import dev.purser.core.model.Resource;
import dev.purser.core.model.UsageSeries;
import dev.purser.core.store.InventoryRepository;
import dev.purser.core.store.JdbcPriceCatalogs;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A DigitalOcean team served by WireMock in the documented shapes: pulled into a real store, then
 * right-sized and searched for waste as the demo's data is.
 */
class DoInventoryPullTest {

    private static final String API = "500001";
    private static final String WORKER = "500002";
    private static final String CLUSTER = "c0ffee00-1d2e-4f3a-9b8c-000000000201";
    private static final String FREE_VOLUME = "7e2f1c3a-91b4-4c6e-8a0d-000000000102";
    private static final String OLD_SNAPSHOT = "88000301";
    private static final String FREE_IP = "203.0.113.10";
    private static final Duration STEP = Duration.ofMinutes(10);
    private static final Instant GAP_FROM = NOW.minus(Duration.ofDays(20));
    private static final double GIB = 1024.0 * 1024 * 1024;

    private static WireMockServer wm;
    private static PurserDatabase db;
    private static String cpuBody;
    private static String memoryTotalBody;
    private static String memoryAvailableBody;
    private static String emptyMatrix;

    @BeforeAll
    static void start() {
        wm = DoTestSupport.startedServer();
        db = TestDatabase.fresh();
        cpuBody = cpuCounters(API);
        memoryTotalBody = gauge(API, t -> 8.0 * GIB);
        // 1.6 GiB used, up to 1.9 GiB in the afternoon
        memoryAvailableBody = gauge(API, t -> 8.0 * GIB - (1.6 + 0.3 * daily(t)) * GIB);
        emptyMatrix = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}";
    }

    @AfterAll
    static void stop() {
        wm.stop();
        db.close();
    }

    @BeforeEach
    void stubs() {
        wm.resetAll();
        stubHappyPath();
    }

    // ---------------------------------------------------------------- fixtures

    /** 0 at night, 1 at 15:00 UTC. */
    private static double daily(Instant t) {
        double hour = (t.getEpochSecond() % 86_400) / 3600.0;
        return Math.max(0, Math.sin((hour - 9) / 12 * Math.PI));
    }

    private static List<Instant> instants() {
        Instant from = NOW.minus(InventoryPull.Request.DEFAULT_WINDOW);
        List<Instant> out = new java.util.ArrayList<>();
        for (Instant t = from.plus(STEP); !t.isAfter(NOW); t = t.plus(STEP)) {
            out.add(t);
        }
        return out;
    }

    /**
     * DigitalOcean's CPU metric: cumulative CPU seconds per mode over 4 vCPUs; busy 8 % at night,
     * 13 % at the afternoon peak. One documented NaN sample in the idle mode.
     */
    private static String cpuCounters(String hostId) {
        List<Instant> times = instants();
        String[] modes = {"idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"};
        double[] counters = new double[modes.length];
        StringBuilder[] values = new StringBuilder[modes.length];
        for (int m = 0; m < modes.length; m++) {
            counters[m] = 100_000 * (m + 1);
            values[m] = new StringBuilder();
        }
        double perStep = 4 * STEP.toSeconds();
        for (int i = 0; i < times.size(); i++) {
            double busy = (0.08 + 0.05 * daily(times.get(i))) * perStep;
            counters[0] += perStep - busy;
            counters[6] += busy * 0.3;
            counters[7] += busy * 0.7;
            for (int m = 0; m < modes.length; m++) {
                String v = m == 0 && i == 100 ? "NaN" : String.format(Locale.ROOT, "%.2f", counters[m]);
                values[m].append(values[m].length() == 0 ? "" : ",").append("[").append(times.get(i).getEpochSecond())
                        .append(",\"").append(v).append("\"]");
            }
        }
        StringBuilder out = new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[");
        for (int m = 0; m < modes.length; m++) {
            out.append(m == 0 ? "" : ",").append("{\"metric\":{\"host_id\":\"").append(hostId).append("\",\"mode\":\"")
                    .append(modes[m]).append("\"},\"values\":[").append(values[m]).append("]}");
        }
        return out.append("]}}").toString();
    }

    private static String gauge(String hostId, java.util.function.ToDoubleFunction<Instant> f) {
        StringBuilder values = new StringBuilder();
        for (Instant t : instants()) {
            if (t.isAfter(GAP_FROM) && t.isBefore(GAP_FROM.plus(Duration.ofDays(4)))) {
                continue; // the agent was down for four days: a gap, reported as such
            }
            values.append(values.length() == 0 ? "" : ",").append("[").append(t.getEpochSecond()).append(",\"")
                    .append(String.format(Locale.ROOT, "%.0f", f.applyAsDouble(t))).append("\"]");
        }
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"host_id\":\""
                + hostId + "\"},\"values\":[" + values + "]}]}}";
    }

    private static void stubHappyPath() {
        wm.stubFor(get(urlPathEqualTo("/v2/sizes")).withQueryParam("page", absent())
                .willReturn(ok("inventory/sizes_page1.json")));
        wm.stubFor(get(urlPathEqualTo("/v2/sizes")).withQueryParam("page", equalTo("2"))
                .willReturn(ok("inventory/sizes_page2.json")));
        wm.stubFor(get(urlPathEqualTo("/v2/databases/options")).willReturn(ok("databases_list_options.json")));
        wm.stubFor(get(urlPathEqualTo("/v2/droplets")).willReturn(ok("inventory/droplets.json")));
        wm.stubFor(get(urlPathEqualTo("/v2/databases")).willReturn(ok("inventory/databases.json")));
        wm.stubFor(get(urlPathEqualTo("/v2/databases/" + CLUSTER + "/backups")).willReturn(ok("inventory/backups.json")));
        wm.stubFor(get(urlPathEqualTo("/v2/volumes")).willReturn(ok("inventory/volumes.json")));
        wm.stubFor(get(urlPathEqualTo("/v2/snapshots")).willReturn(ok("inventory/snapshots.json")));
        wm.stubFor(get(urlPathEqualTo("/v2/reserved_ips")).willReturn(ok("inventory/reserved_ips.json")));
        for (String metric : List.of("cpu", "memory_total", "memory_available")) {
            wm.stubFor(get(urlPathEqualTo("/v2/monitoring/metrics/droplet/" + metric))
                    .willReturn(doResponse(200, emptyMatrix, 4800)));
        }
        wm.stubFor(metric("cpu", API).willReturn(doResponse(200, cpuBody, 4800)));
        wm.stubFor(metric("memory_total", API).willReturn(doResponse(200, memoryTotalBody, 4800)));
        wm.stubFor(metric("memory_available", API).willReturn(doResponse(200, memoryAvailableBody, 4800)));
    }

    private static MappingBuilder metric(String name, String hostId) {
        return get(urlPathEqualTo("/v2/monitoring/metrics/droplet/" + name)).withQueryParam("host_id", equalTo(hostId))
                .atPriority(1);
    }

    private static DoInventoryPull pull(PurserDatabase database) {
        DigitalOceanClient client = DoTestSupport.client(wm, DoTestSupport.SETTINGS, new RateLimitRecorder(),
                new DoTestSupport.RecordingSleeper());
        return new DoInventoryPull(client, new InventoryRepository(database.dataSource()), new JdbcPriceCatalogs(database.dataSource()), CLOCK);
    }

    private static InventoryPull.Request request(String account) {
        return new InventoryPull.Request(account, InventoryPull.Request.DEFAULT_WINDOW);
    }

    private static Resource byId(List<Resource> rs, String id) {
        return rs.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    // ---------------------------------------------------------------- tests

    @Test
    void pull_fullTeam_landsInTheDemosVocabulary() {
        InventoryPull.Result result = pull(db).pull(request("shop"));

        assertThat(result.account()).isEqualTo("shop");
        assertThat(result.resourcesByKind()).containsEntry("droplet", 4).containsEntry("database-cluster", 1)
                .containsEntry("volume", 2).containsEntry("droplet-snapshot", 1).containsEntry("volume-snapshot", 1)
                .containsEntry("reserved-ip", 2);
        assertThat(result.series()).isEqualTo(2);
        assertThat(result.catalogs()).singleElement().asString().contains("digitalocean-live", "live 2026-11-20");
        assertThat(result.notes()).anySatisfy(n -> assertThat(n)
                .contains("3 droplets have no monitoring data (usage unknown, never idle)", "shop-worker-01"));
        assertThat(result.notes()).anySatisfy(n -> assertThat(n).contains("shop-api-01", "memory_bytes", "gaps"));
        assertThat(result.notes()).anySatisfy(n -> assertThat(n).contains("DigitalOcean's public price list"));

        InventoryRepository inventory = new InventoryRepository(db.dataSource());
        List<Resource> rs = inventory.resources("shop");
        Resource api = byId(rs, API);
        assertThat(api.size()).isEqualTo("s-4vcpu-8gb");
        assertThat(api.monthlyPrice().amount()).isEqualByComparingTo("48");
        assertThat(api.tags()).containsEntry("env", "production").containsEntry("team", "api");
        assertThat(api.attributes()).containsEntry("vcpus", "4").containsEntry("memory_bytes", "8589934592")
                .containsEntry("private_ip", "10.128.192.124").containsEntry("public_ip", "192.241.165.154");
        Resource cluster = byId(rs, CLUSTER);
        assertThat(cluster.attributes()).containsEntry("num_nodes", "2").containsEntry("engine", "pg")
                .containsEntry("latest_backup", "2026-11-20T03:10:00Z").containsEntry("tier", "critical")
                .containsEntry("storage_used_bytes", Long.toString((long) (12.5 * GIB)));
        assertThat(cluster.monthlyPrice().amount()).isEqualByComparingTo("120");
        Resource pooled = byId(rs, "500003");
        assertThat(pooled.attributes()).containsEntry("autoscaler", DoInventoryPull.AUTOSCALER)
                .containsEntry("autoscale_pool", "web").containsEntry("replicas", "2");
        assertThat(byId(rs, FREE_VOLUME).monthlyPrice().amount()).isEqualByComparingTo("5.00");

        UsageSeries cpu = inventory.usage(API, "cpu_percent", NOW.minus(Duration.ofDays(30)), NOW.plusSeconds(1)).orElseThrow();
        assertThat(cpu.step()).isEqualTo(STEP);
        assertThat(cpu.samples()).allSatisfy(s -> assertThat(s.value()).isBetween(7.9, 13.1));
        UsageSeries mem = inventory.usage(API, "memory_bytes", NOW.minus(Duration.ofDays(30)), NOW.plusSeconds(1)).orElseThrow();
        assertThat(mem.samples()).allSatisfy(s -> assertThat(s.value()).isBetween(1.59 * GIB, 1.91 * GIB));

        PriceCatalog live = new JdbcPriceCatalogs(db.dataSource()).latest().get(0);
        assertThat(live.origin()).isEqualTo(CatalogOrigin.LIVE);
        assertThat(live.note()).contains("database node prices from the bundled 2026-11-01 snapshot");
        assertThat(live.machine("s-8vcpu-16gb").orElseThrow().available()).isFalse();
        assertThat(live.machine("s-2vcpu-4gb").orElseThrow().monthlyPrice().amount()).isEqualByComparingTo("22");
    }

    @Test
    void rightsize_afterPull_concreteDropletAndClusterMatrixOnLivePrices() {
        pull(db).pull(request("shop"));
        InventoryRepository inventory = new InventoryRepository(db.dataSource());
        RightsizingEngine engine = new RightsizingEngine(PriceCatalogs.bundled(), RightsizingRules.defaults(), CLOCK);
        JdbcPriceCatalogs catalogs = new JdbcPriceCatalogs(db.dataSource());
        RightsizingService live = new RightsizingService(inventory, engine, null, CLOCK,
                RightsizingService.ComposeFileReader.NONE, catalogs::latest);
        RightsizingService bundledOnly = new RightsizingService(inventory, engine, null, CLOCK);

        RightsizingReport report = live.rightsize(RightsizingQuery.account("shop"));
        Recommendation api = report.recommendations().stream().filter(r -> r.resourceId().equals(API)).findFirst()
                .orElseThrow();
        assertThat(api.action()).isEqualTo(RecommendedAction.DOWNSIZE);
        assertThat(api.proposed().values()).containsEntry("size", "s-2vcpu-4gb");
        assertThat(api.monthlySaving().orElseThrow().amount()).isEqualByComparingTo("26"); // 48 - live 22
        assertThat(report.notes()).contains("catalog: digitalocean-live live 2026-11-20");

        Recommendation onBundled = bundledOnly.rightsize(RightsizingQuery.account("shop")).recommendations().stream()
                .filter(r -> r.resourceId().equals(API)).findFirst().orElseThrow();
        assertThat(onBundled.monthlySaving().orElseThrow().amount()).isEqualByComparingTo("24"); // 48 - bundled 24

        Recommendation cluster = report.recommendations().stream().filter(r -> r.resourceId().equals(CLUSTER))
                .findFirst().orElseThrow();
        assertThat(cluster.action()).isEqualTo(RecommendedAction.INSUFFICIENT_DATA);
        DecisionMatrix matrix = cluster.decisionMatrix().orElseThrow();
        assertThat(matrix.critical()).isTrue();
        assertThat(matrix.options()).hasSizeGreaterThanOrEqualTo(2);
        DecisionMatrix.Option one = matrix.options().stream().filter(o -> o.nodes() == 1).findFirst().orElseThrow();
        assertThat(one.restoreEstimate()).startsWith("about ").doesNotContain("unknown");
        assertThat(one.backupRecency()).contains("2026-11-20T03:10:00Z");
        assertThat(one.monthlySaving().orElseThrow().amount()).isEqualByComparingTo("60");
        assertThat(one.allowed()).isFalse();

        Recommendation worker = report.recommendations().stream().filter(r -> r.resourceId().equals(WORKER))
                .findFirst().orElseThrow();
        assertThat(worker.action()).isEqualTo(RecommendedAction.INSUFFICIENT_DATA);
    }

    @Test
    void waste_afterPull_findsVolumeIpAndSnapshotWithMonthlyCost() {
        pull(db).pull(request("shop"));
        WasteFinder finder = new WasteFinder(new InventoryRepository(db.dataSource()), null,
                WasteSettings.defaults(), CLOCK);
        WasteReport report = finder.find("shop");
        Map<String, WasteFinding> byResource = new java.util.HashMap<>();
        report.findings().forEach(f -> byResource.put(f.resourceId(), f));

        assertThat(byResource.get(FREE_VOLUME).kind()).isEqualTo(WasteKind.UNATTACHED_VOLUME);
        assertThat(byResource.get(FREE_VOLUME).monthlyCost().orElseThrow().amount()).isEqualByComparingTo("5.00");
        assertThat(byResource.get(FREE_IP).kind()).isEqualTo(WasteKind.UNASSIGNED_IP);
        assertThat(byResource.get(FREE_IP).monthlyCost().orElseThrow().amount()).isEqualByComparingTo("5.00");
        assertThat(byResource.get(OLD_SNAPSHOT).kind()).isEqualTo(WasteKind.OLD_SNAPSHOT);
        assertThat(byResource.get(OLD_SNAPSHOT).monthlyCost().orElseThrow().amount()).isEqualByComparingTo("1.20");
        assertThat(byResource).doesNotContainKeys("7e2f1c3a-91b4-4c6e-8a0d-000000000101", "203.0.113.11",
                "5a0f0000-0000-4000-8000-000000000302", WORKER);
        assertThat(report.unknown()).anySatisfy(u -> assertThat(u.resourceId()).isEqualTo(WORKER));
        assertThat(byResource.get(FREE_VOLUME).costNote()).contains("DigitalOcean's public price list as of 2026-11-01");
        assertThat(report.gaps()).contains("list prices from " + DoStorageRates.PRICE_LIST_2026_11_01.source());
    }

    @Test
    void pull_twice_replacesRatherThanDuplicates() {
        DoInventoryPull p = pull(db);
        InventoryRepository inventory = new InventoryRepository(db.dataSource());
        InventoryPull.Result first = p.pull(request("shop"));
        int cpuSamples = inventory.usage(API, "cpu_percent", NOW.minus(Duration.ofDays(31)), NOW.plusSeconds(1)).orElseThrow()
                .samples().size();
        InventoryPull.Result second = p.pull(request("shop"));
        assertThat(second.resources()).isEqualTo(first.resources());
        assertThat(inventory.resources("shop")).hasSize(first.resources());
        assertThat(inventory.usage(API, "cpu_percent", NOW.minus(Duration.ofDays(31)), NOW.plusSeconds(1)).orElseThrow().samples())
                .hasSize(cpuSamples);
        assertThat(new JdbcPriceCatalogs(db.dataSource()).latest()).filteredOn(c -> c.provider().equals("DigitalOcean"))
                .hasSize(1);
    }

    @Test
    void pull_apiFailsHalfWay_leavesStoreUnchanged() {
        record Failure(String path, int status) {
        }
        try (PurserDatabase fresh = TestDatabase.fresh()) {
            for (Failure f : List.of(new Failure("/v2/volumes", 401), new Failure("/v2/snapshots", 429),
                    new Failure("/v2/monitoring/metrics/droplet/memory_available", 500))) {
                wm.resetAll();
                stubHappyPath();
                wm.stubFor(get(urlPathEqualTo(f.path())).atPriority(0).willReturn(f.status() == 429
                        ? doResponse(429, DoTestSupport.resource("error_429.json"), 0, NOW.plusSeconds(2))
                        : error(f.status())));
                assertThatThrownBy(() -> pull(fresh).pull(request("shop")))
                        .as(f.toString()).isInstanceOf(PurserException.class);
                assertThat(new InventoryRepository(fresh.dataSource()).resources(null)).as(f.toString()).isEmpty();
                assertThat(new JdbcPriceCatalogs(fresh.dataSource()).latest()).as(f.toString()).isEmpty();
            }
        }
    }

    @Test
    void create_noToken_badArgumentAtPullNamingTheVariable() {
        DoInventoryPull p = DoInventoryPull.create(DigitalOceanConfig.defaults(),
                Secret.absent(DigitalOceanClient.TOKEN_ENV), DoTestSupport.SETTINGS, new RateLimitRecorder(),
                new InventoryRepository(db.dataSource()), new JdbcPriceCatalogs(db.dataSource()), CLOCK);
        assertThat(p.kind()).isEqualTo("do-inventory");
        assertThatThrownBy(() -> p.pull(InventoryPull.Request.defaults()))
                .isInstanceOfSatisfying(PurserException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
                    assertThat(e.getMessage()).contains(DigitalOceanClient.TOKEN_ENV);
                });
    }

    @Test
    void pull_noAccount_filesUnderDefault() {
        try (PurserDatabase fresh = TestDatabase.fresh()) {
            InventoryPull.Result r = pull(fresh).pull(InventoryPull.Request.defaults());
            assertThat(r.account()).isEqualTo(DoInventoryPull.DEFAULT_ACCOUNT);
            assertThat(new InventoryRepository(fresh.dataSource()).resources("digitalocean")).hasSize(r.resources());
        }
    }

    @Test
    void cpuPercent_counterGoesBack_leavesAGapNotANegative() {
        Instant t0 = Instant.parse("2026-11-20T09:00:00Z");
        List<UsageSeries.Sample> idle = List.of(new UsageSeries.Sample(t0, 1000), new UsageSeries.Sample(t0.plusSeconds(60), 1090),
                new UsageSeries.Sample(t0.plusSeconds(120), 10), new UsageSeries.Sample(t0.plusSeconds(180), 70));
        List<UsageSeries.Sample> user = List.of(new UsageSeries.Sample(t0, 500), new UsageSeries.Sample(t0.plusSeconds(60), 530),
                new UsageSeries.Sample(t0.plusSeconds(120), 5), new UsageSeries.Sample(t0.plusSeconds(180), 65));
        UsageSeries cpu = DoInventoryPull.cpuPercent("1", List.of(new MetricSeries(Map.of("mode", "idle"), idle),
                new MetricSeries(Map.of("mode", "user"), user))).orElseThrow();
        assertThat(cpu.metric()).isEqualTo("cpu_percent");
        assertThat(cpu.samples()).extracting(UsageSeries.Sample::at).containsExactly(t0.plusSeconds(60), t0.plusSeconds(180));
        assertThat(cpu.samples()).extracting(UsageSeries.Sample::value).containsExactly(25.0, 50.0);
    }

    @Test
    void tags_pairsEnvironmentWordsAndCritical() {
        assertThat(DoInventoryPull.tags(List.of("team:api", "production", "critical", "web")))
                .containsEntry("team", "api").containsEntry("env", "production").containsEntry("tier", "critical")
                .containsEntry("web", "true");
        assertThat(DoInventoryPull.pool(List.of("x", "autoscale-pool:web"))).hasValue("web");
        assertThat(DoInventoryPull.pool(List.of("web"))).isEmpty();
    }
}
