package dev.purser.core.cloud.aws;

import dev.purser.core.config.AwsConfig;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.purser.core.analysis.catalog.CatalogOrigin;
import dev.purser.core.analysis.catalog.PriceCatalog;
import dev.purser.core.analysis.recommendations.RightsizingService;
import dev.purser.core.analysis.rightsizing.PriceBasis;
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
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.ingest.InventoryPull;
import dev.purser.core.model.Money;
import dev.purser.core.model.Resource;
import dev.purser.core.store.InventoryRepository;
import dev.purser.core.store.JdbcPriceCatalogs;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole path: EC2, RDS, CloudWatch and the Price List served by WireMock in AWS's shapes,
 * pulled into a real PostgreSQL, then right-sized and searched for waste from what landed.
 */
class AwsInventoryPullTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String OWNER = "111111111111";
    private static final String API = "i-0abc0000000000001";
    private static final String QUIET = "i-0quiet00000000004";
    private static final String DB = "reports-pg";
    private static final long GIB = 1L << 30;

    private FakeCloudWatch cloudWatch;
    private WireMockServer wm;
    private PurserDatabase db;
    private AwsInventoryPull pull;

    @BeforeEach
    void start() {
        cloudWatch = new FakeCloudWatch(100_800);
        wm = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(cloudWatch));
        wm.start();
        db = TestDatabase.fresh();
        pull = AwsInventoryPull.create(AwsTestSupport.CONFIG, AwsTestSupport.settings(wm, "us-east-1"),
                AwsTestSupport.CREDENTIALS, new InventoryRepository(db.dataSource()), new JdbcPriceCatalogs(db.dataSource()), CLOCK);
    }

    @AfterEach
    void stop() {
        wm.stop();
        db.close();
    }

    @Test
    void pull_liveAccount_rightsizesTheQuietInstanceAndFindsTheWaste() {
        account();

        InventoryPull.Result result = pull.pull(InventoryPull.Request.defaults());

        assertThat(pull.kind()).isEqualTo("aws-inventory");
        assertThat(result.account()).isEqualTo(OWNER);
        assertThat(result.resourcesByKind()).containsExactlyInAnyOrderEntriesOf(Map.of("ec2-instance", 2,
                "ebs-volume", 3, "elastic-ip", 2, "ebs-snapshot", 2, "database-instance", 1));
        // CPU of both instances, the agent's memory of one, and CPU, connections and memory of the database
        assertThat(result.series()).isEqualTo(6);
        assertThat(result.samples()).isEqualTo(6L * 30 * 288);
        assertThat(result.catalogs()).hasSize(2);
        assertThat(result.catalogs().get(0)).startsWith("aws-us-east-1 live 2026-11-23: 12 sizes");
        assertThat(result.catalogs().get(1)).isEqualTo("AWS Price List 2026-11-23 in us-east-1: EBS gp3 0.08, io1 0.125"
                + " USD per GB-month; snapshots 0.05 USD per GB-month (archive 0.0125); public IPv4 0.005 idle,"
                + " 0.005 in use USD per hour");
        assertThat(result.advice()).isZero();
        assertThat(result.notes()).anySatisfy(n -> assertThat(n).startsWith("CloudWatch: 6 metrics at 5-minute periods"))
                .anySatisfy(n -> assertThat(n).startsWith("1 running EC2 instance(s) have CPU only")
                        .contains("CloudWatch agent"))
                .anySatisfy(n -> assertThat(n).startsWith("2 EBS volume(s) are priced for their storage only"
                        + " (vol-0attached00000001, vol-0piops00000000003)"))
                .anySatisfy(n -> assertThat(n).startsWith("1 EBS snapshot(s) are priced at their full size"
                        + " (snap-0old000000000001), an upper bound"));

        InventoryRepository inventory = new InventoryRepository(db.dataSource());
        Resource api = inventory.resources(OWNER).stream().filter(r -> r.id().equals(API)).findFirst().orElseThrow();
        assertThat(api.scenario()).isEqualTo(OWNER);
        assertThat(api.attributes()).containsEntry("vcpus", "8").containsEntry("memory_bytes", Long.toString(32 * GIB))
                .containsEntry("price_hourly", "0.384").containsEntry("account_id", OWNER);
        assertThat(api.monthlyPrice()).isEqualTo(Money.of("280.32", "USD"));
        assertThat(api.attributes()).containsEntry("price_source", "AWS Price List 2026-11-23");
        Resource piops = resource(inventory, "vol-0piops00000000003");
        assertThat(piops.monthlyPrice()).isEqualTo(Money.of("25", "USD"));
        assertThat(piops.attributes()).containsEntry("price_rate", "0.125 USD per GB-month x 200 GiB")
                .containsEntry("price_note", "storage only: provisioned IOPS (4000) not priced");
        assertThat(resource(inventory, "vol-0attached00000001").attributes()).containsEntry("price_note",
                "storage only: IOPS above 3,000 (6000) and throughput above 125 MiB/s (250) not priced");
        assertThat(resource(inventory, "eipalloc-0used0000000001").monthlyPrice()).isEqualTo(Money.of("3.65", "USD"));
        assertThat(resource(inventory, "snap-0old000000000001").attributes())
                .containsEntry("fullSnapshotSizeBytes", "64424509440")
                .containsEntry("price_rate", "0.05 USD per GB-month x 60 GiB");
        Resource database = inventory.resources(OWNER).stream().filter(r -> r.id().equals(DB)).findFirst().orElseThrow();
        assertThat(database.kind()).isEqualTo("database-instance");
        assertThat(database.attributes()).containsEntry("nodes", "2").containsEntry("engine", "postgres")
                .containsEntry("memory_bytes", Long.toString(16 * GIB));
        assertThat(database.monthlyPrice()).isEqualTo(Money.of("443.84", "USD"));
        assertThat(inventory.metrics(DB)).containsExactly("connections", "cpu_percent", "memory_bytes");
        assertThat(inventory.usage(DB, "memory_bytes", NOW.minus(Duration.ofHours(1)), NOW).orElseThrow().samples())
                .allSatisfy(s -> assertThat(s.value()).isEqualTo(3.0 * GIB));

        // right-sizing on the stored live catalog
        List<PriceCatalog> live = new JdbcPriceCatalogs(db.dataSource()).latest();
        assertThat(live).singleElement().satisfies(c -> assertThat(c.origin()).isEqualTo(CatalogOrigin.LIVE));
        RightsizingService rightsizing = new RightsizingService(inventory,
                new RightsizingEngine(live, RightsizingRules.defaults(), CLOCK), null, CLOCK);
        List<Recommendation> recs = rightsizing.recommendations(OWNER);
        Recommendation downsize = recs.stream().filter(r -> r.resourceId().equals(API)).findFirst().orElseThrow();
        assertThat(downsize.action()).isEqualTo(RecommendedAction.DOWNSIZE);
        assertThat(downsize.current().values()).containsEntry("size", "m5.2xlarge");
        assertThat(downsize.proposed().values()).containsEntry("size", "m5.large");
        assertThat(downsize.monthlySaving()).contains(Money.of("210.24", "USD"));
        assertThat(downsize.priceBasis()).isEqualTo(PriceBasis.LIST_PRICE);
        assertThat(downsize.priceNote()).contains("aws-us-east-1 live 2026-11-23");
        Recommendation quiet = recs.stream().filter(r -> r.resourceId().equals(QUIET)).findFirst().orElseThrow();
        assertThat(quiet.action()).isEqualTo(RecommendedAction.FLAG_IDLE);

        // waste from the same store
        WasteReport waste = new WasteFinder(inventory, null, WasteSettings.defaults(), CLOCK)
                .find(OWNER);
        assertThat(waste.findings()).extracting(f -> f.kind() + " " + f.resourceId()).containsExactlyInAnyOrder(
                "UNATTACHED_VOLUME vol-0orphan000000002",
                "UNASSIGNED_IP eipalloc-0free0000000002",
                "OLD_SNAPSHOT snap-0old000000000001",
                "OLD_SNAPSHOT snap-0archive00000002",
                "IDLE_MACHINE " + QUIET,
                "IDLE_DATABASE " + DB);
        // the leftovers are priced from the Price List, exactly: no bill names them
        assertThat(waste.findings()).filteredOn(f -> f.basis() != PriceBasis.LIST_PRICE).isEmpty();
        assertThat(finding(waste, "vol-0orphan000000002").monthlyCost()).contains(Money.of("8", "USD")); // 100 GiB x 0.08
        assertThat(finding(waste, "eipalloc-0free0000000002").monthlyCost())
                .contains(Money.of("3.65", "USD")); // 0.005 x 730 h
        assertThat(finding(waste, "snap-0old000000000001").monthlyCost())
                .contains(Money.of("3", "USD")); // 60 GiB full size x 0.05
        assertThat(finding(waste, "snap-0archive00000002").monthlyCost())
                .contains(Money.of("1.25", "USD")); // 100 GiB x 0.0125, archive
        assertThat(waste.gaps()).noneMatch(g -> g.contains("have no price"));
        Resource orphan = resource(inventory, "vol-0orphan000000002");
        assertThat(orphan.attributes()).containsEntry("price_source", "AWS Price List 2026-11-23")
                .containsEntry("price_rate", "0.08 USD per GB-month x 100 GiB").doesNotContainKey("price_note");
        WasteFinding idleDb = waste.findings().stream().filter(f -> f.kind() == WasteKind.IDLE_DATABASE)
                .findFirst().orElseThrow();
        assertThat(idleDb.monthlyCost()).contains(Money.of("443.84", "USD"));
        assertThat(idleDb.evidence()).contains("at most 0 connection(s) over 7 days");
        WasteFinding idleMachine = waste.findings().stream().filter(f -> f.kind() == WasteKind.IDLE_MACHINE)
                .findFirst().orElseThrow();
        assertThat(idleMachine.monthlyCost()).contains(Money.of("60.736", "USD"));
    }

    @Test
    void pull_cloudWatchFailsOnTheSecondPage_leavesTheEarlierPullAsItWas() throws SQLException {
        account();
        InventoryPull.Request fortnight = new InventoryPull.Request(null, Duration.ofDays(14));
        pull.pull(fortnight);
        String before = snapshot(db.dataSource());

        cloudWatch.pageSize(5_000);
        wm.stubFor(CloudWatchMetricsTest.action("GetMetricData").atPriority(1).withRequestBody(containing("NextToken="))
                .willReturn(CloudWatchMetricsTest.error(500, "InternalFailure", "An internal error occurred")));
        AwsInventoryPull later = AwsInventoryPull.create(AwsTestSupport.CONFIG,
                AwsTestSupport.settings(wm, "us-east-1"), AwsTestSupport.CREDENTIALS, new InventoryRepository(db.dataSource()), new JdbcPriceCatalogs(db.dataSource()), Clock.offset(CLOCK, Duration.ofDays(1)));

        assertThatThrownBy(() -> later.pull(fortnight))
                .isInstanceOf(PurserException.class)
                .satisfies(e -> assertThat(((PurserException) e).code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR))
                .hasMessageContaining("AWS failed cloudwatch:GetMetricData (InternalFailure, HTTP 500)");
        assertThat(snapshot(db.dataSource())).isEqualTo(before);
    }

    @Test
    void pull_priceListFailsAfterTheFirstFamily_landsNothing() throws SQLException {
        account();
        wm.stubFor(PriceListFixtures.getProducts("AmazonRDS", "db.m6g.").atPriority(1)
                .willReturn(PriceListFixtures.error(503, "ServiceUnavailableException", "Service unavailable")));

        assertThatThrownBy(() -> pull.pull(InventoryPull.Request.defaults()))
                .hasMessageContaining("pricing:GetProducts");
        assertThat(snapshot(db.dataSource())).isEqualTo("resources=0 samples=0 catalogs=[]");
    }

    @Test
    void pull_noOwnerInAws_usesTheConfiguredAccountOrRefuses() throws SQLException {
        stubQuery("DescribeInstances", "pull/describe-instances-empty.xml");
        stubQuery("DescribeVolumes", "ec2/describe-volumes.xml");
        stubQuery("DescribeAddresses", "ec2/describe-addresses.xml");
        stubQuery("DescribeSnapshots", "pull/describe-snapshots-empty.xml");
        stubQuery("DescribeDBInstances", "pull/describe-db-instances-empty.xml");
        PriceListFixtures.stubStorage(wm);

        assertThatThrownBy(() -> pull.pull(InventoryPull.Request.defaults()))
                .satisfies(e -> assertThat(((PurserException) e).code()).isEqualTo(ErrorCode.BAD_ARGUMENT))
                .hasMessageContaining("AWS_ACCOUNT_ID");
        assertThat(snapshot(db.dataSource())).isEqualTo("resources=0 samples=0 catalogs=[]");

        InventoryPull.Result configured = AwsInventoryPull.create(AwsConfig.defaults().withAccountId("222233334444"),
                AwsTestSupport.settings(wm, "us-east-1"), AwsTestSupport.CREDENTIALS,
                new InventoryRepository(db.dataSource()), new JdbcPriceCatalogs(db.dataSource()), CLOCK).pull(InventoryPull.Request.defaults());
        assertThat(configured.account()).isEqualTo("222233334444");
        // the volumes and addresses are still priced: they need no instance catalog
        assertThat(configured.catalogs()).containsExactly("AWS Price List 2026-11-23 in us-east-1: EBS gp2 0.1, gp3"
                + " 0.08 USD per GB-month; public IPv4 0.005 idle, 0.005 in use USD per hour");
        assertThat(configured.notes()).contains("no EC2 or RDS instances: no instance prices pulled");
        assertThat(configured.resources()).isEqualTo(4);
        assertThat(new InventoryRepository(db.dataSource()).resources("222233334444"))
                .extracting(r -> r.id() + " " + r.monthlyPrice()).containsExactlyInAnyOrder(
                        "vol-0attached00000001 8 USD", "vol-0orphan000000002 50 USD",
                        "eipalloc-0used0000000001 3.65 USD", "eipalloc-0free0000000002 3.65 USD");
    }

    @Test
    void pull_accountInTheRequest_winsOverTheOwner() {
        account();

        InventoryPull.Result result = pull.pull(new InventoryPull.Request("livyflow-prod", Duration.ofDays(14)));

        assertThat(result.account()).isEqualTo("livyflow-prod");
        assertThat(result.samples()).isEqualTo(6L * 14 * 288);
        assertThat(new InventoryRepository(db.dataSource()).resources("livyflow-prod")).hasSize(10);
        assertThat(new InventoryRepository(db.dataSource()).resources(OWNER)).isEmpty();
    }

    @Test
    void pull_storagePriceFails_leavesTheEarlierPullAsItWas() throws SQLException {
        account();
        InventoryPull.Request fortnight = new InventoryPull.Request(null, Duration.ofDays(14));
        pull.pull(fortnight);
        String before = snapshot(db.dataSource());

        // the instance catalog is read, then the public IPv4 price fails: nothing may land
        wm.stubFor(PriceListFixtures.getPublicIpv4().atPriority(1)
                .willReturn(PriceListFixtures.error(500, "InternalErrorException", "An internal error occurred")));
        AwsInventoryPull later = AwsInventoryPull.create(AwsTestSupport.CONFIG,
                AwsTestSupport.settings(wm, "us-east-1"), AwsTestSupport.CREDENTIALS, new InventoryRepository(db.dataSource()), new JdbcPriceCatalogs(db.dataSource()), Clock.offset(CLOCK, Duration.ofDays(1)));

        assertThatThrownBy(() -> later.pull(fortnight))
                .isInstanceOf(PurserException.class)
                .satisfies(e -> assertThat(((PurserException) e).code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR))
                .hasMessageContaining("AWS failed pricing:GetProducts (InternalErrorException, HTTP 500)");
        assertThat(snapshot(db.dataSource())).isEqualTo(before);
        assertThat(resource(new InventoryRepository(db.dataSource()), "vol-0orphan000000002").monthlyPrice())
                .isEqualTo(Money.of("8", "USD"));
    }

    @Test
    void pull_volumeTypeWithoutPrice_staysUnpricedAndSaysSo() {
        account();
        wm.stubFor(PriceListFixtures.getVolumeStorage("io1").atPriority(1)
                .willReturn(PriceListFixtures.page(List.of(), null)));

        InventoryPull.Result result = pull.pull(new InventoryPull.Request(null, Duration.ofDays(14)));

        assertThat(result.notes()).contains("the Price List has no GB-month price in us-east-1 for EBS volume type io1:"
                + " those volumes stay unpriced");
        Resource piops = resource(new InventoryRepository(db.dataSource()), "vol-0piops00000000003");
        assertThat(piops.monthlyPrice()).isNull();
        assertThat(piops.attributes()).doesNotContainKeys("price_source", "price_rate");
    }

    // ---------------------------------------------------------------------------------------

    private static Resource resource(InventoryRepository inventory, String id) {
        return inventory.resources(OWNER).stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    private static WasteFinding finding(WasteReport report, String resourceId) {
        return report.findings().stream().filter(f -> f.resourceId().equals(resourceId)).findFirst().orElseThrow();
    }

    /** An account with a quiet m5.2xlarge (agent memory), an idle t3.large, an idle Multi-AZ PostgreSQL and leftovers. */
    private void account() {
        stubQuery("DescribeInstances", "pull/describe-instances.xml");
        stubQuery("DescribeVolumes", "pull/describe-volumes.xml");
        stubQuery("DescribeAddresses", "ec2/describe-addresses.xml");
        stubQuery("DescribeSnapshots", "pull/describe-snapshots.xml");
        stubQuery("DescribeDBInstances", "rds/describe-db-instances-page2.xml");
        wm.stubFor(CloudWatchMetricsTest.action("ListMetrics").withRequestBody(notContaining("NextToken"))
                .willReturn(CloudWatchMetricsTest.xml("cloudwatch/list-metrics-page1.xml")));
        wm.stubFor(CloudWatchMetricsTest.action("ListMetrics").withRequestBody(containing("NextToken=cw-list-2"))
                .willReturn(CloudWatchMetricsTest.xml("cloudwatch/list-metrics-page2.xml")));
        wm.stubFor(CloudWatchMetricsTest.action("GetMetricData").atPriority(5)
                .willReturn(aResponse().withTransformers(FakeCloudWatch.NAME)));
        wm.stubFor(PriceListFixtures.getProducts("AmazonEC2", "m5.").willReturn(PriceListFixtures.page(PriceListFixtures.m5(), null)));
        wm.stubFor(PriceListFixtures.getProducts("AmazonEC2", "t3.").willReturn(PriceListFixtures.page(PriceListFixtures.t3(), null)));
        wm.stubFor(PriceListFixtures.getProducts("AmazonRDS", "db.m6g.").atPriority(5)
                .willReturn(PriceListFixtures.page(PriceListFixtures.dbM6gPostgres(), null)));
        PriceListFixtures.stubStorage(wm);

        // about 8 % CPU with a daily swing on 8 vCPUs, 10-12 % of 32 GiB used: m5.large fits
        cloudWatch.put("CPUUtilization", API, at -> 8 + 3 * Math.sin(2 * Math.PI * hourOfDay(at) / 24) + wobble(at));
        cloudWatch.put("mem_used_percent", API, at -> 11 + Math.sin(2 * Math.PI * hourOfDay(at) / 24));
        cloudWatch.put("CPUUtilization", QUIET, at -> 0.4 + 0.1 * wobble(at));
        cloudWatch.put("CPUUtilization", DB, at -> 2.0 + 0.2 * wobble(at));
        cloudWatch.put("DatabaseConnections", DB, at -> 0.0);
        cloudWatch.put("FreeableMemory", DB, at -> 13.0 * GIB);
    }

    private void stubQuery(String action, String resource) {
        wm.stubFor(CloudWatchMetricsTest.action(action).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(AwsTestSupport.resource(resource))));
    }

    private static double hourOfDay(Instant at) {
        return (at.getEpochSecond() % 86_400) / 3600.0;
    }

    /** Deterministic noise in [-0.5, 0.5). */
    private static double wobble(Instant at) {
        long x = at.getEpochSecond() * 0x9E3779B97F4A7C15L;
        x ^= x >>> 31;
        return ((x >>> 11) % 1000) / 1000.0 - 0.5;
    }

    /** What the store holds, in a form two reads can be compared by. */
    private static String snapshot(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            long resources;
            long samples;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM resource")) {
                rs.next();
                resources = rs.getLong(1);
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*), coalesce(sum(value), 0) FROM usage_sample")) {
                rs.next();
                samples = rs.getLong(1);
            }
            StringBuilder catalogs = new StringBuilder("[");
            try (ResultSet rs = s.executeQuery("SELECT name, snapshot_date, fetched_at FROM price_catalog ORDER BY name")) {
                while (rs.next()) {
                    catalogs.append(rs.getString(1)).append(' ').append(rs.getString(2)).append(' ')
                            .append(rs.getString(3));
                }
            }
            return "resources=" + resources + " samples=" + samples + " catalogs=" + catalogs.append(']');
        }
    }
}
