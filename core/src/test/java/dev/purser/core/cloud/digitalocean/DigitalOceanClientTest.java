package dev.purser.core.cloud.digitalocean;

import dev.purser.core.config.Secret;
import dev.purser.core.config.DigitalOceanConfig;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.SETTINGS;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.TOKEN;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.doResponse;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.ok;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.purser.core.cloud.digitalocean.DoTestSupport.RecordingSleeper;
import dev.purser.core.cloud.http.RateLimitRecorder;
import dev.purser.core.cloud.http.RateLimitState;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DigitalOceanClientTest {

    private static WireMockServer wm;
    private RateLimitRecorder recorder;
    private RecordingSleeper sleeper;
    private DigitalOceanClient client;

    @BeforeAll
    static void startServer() {
        wm = DoTestSupport.startedServer();
    }

    @AfterAll
    static void stopServer() {
        wm.stop();
    }

    @BeforeEach
    void setUp() {
        wm.resetAll();
        recorder = new RateLimitRecorder();
        sleeper = new RecordingSleeper();
        client = DoTestSupport.client(wm, SETTINGS, recorder, sleeper);
    }

    @Test
    void billingHistory_threePages_followsNextLinksOnOwnHost() {
        String path = "/v2/customers/my/billing_history";
        wm.stubFor(get(urlPathEqualTo(path)).withQueryParam("per_page", equalTo("200"))
                .willReturn(doResponse(200, resource("billing_history_page1.json"), 4999)));
        wm.stubFor(get(urlPathEqualTo(path)).withQueryParam("page", equalTo("2"))
                .willReturn(doResponse(200, resource("billing_history_page2.json"), 4998)));
        wm.stubFor(get(urlPathEqualTo(path)).withQueryParam("page", equalTo("3"))
                .willReturn(doResponse(200, resource("billing_history_page3.json"), 4997)));

        List<BillingHistoryEntry> history = client.billingHistory();

        assertThat(history).hasSize(5);
        assertThat(history).extracting(BillingHistoryEntry::type)
                .containsExactly("Invoice", "Payment", "Invoice", "Payment", "Credit");
        assertThat(history.get(0).amount()).isEqualTo(Money.of("12.34", "USD"));
        assertThat(history.get(1).amount().amount()).isEqualByComparingTo("-12.34");
        assertThat(history.get(0).invoiceUuid()).isEqualTo("example-uuid");
        assertThat(history.get(1).invoiceUuid()).isNull();
        assertThat(history.get(4).date()).isEqualTo(Instant.parse("2018-07-15T10:00:00Z"));
        wm.verify(3, getRequestedFor(urlPathEqualTo(path)));
        wm.verify(getRequestedFor(urlPathEqualTo(path)).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void billingHistory_rateLimitRecorder_holdsLastRemaining() {
        billingHistory_threePages_followsNextLinksOnOwnHost();

        RateLimitState state = recorder.latest("DigitalOcean", "requests_per_hour").orElseThrow();
        assertThat(state.remaining()).isEqualTo(4997);
        assertThat(state.limit()).isEqualTo(5000);
        assertThat(state.resetAt()).isEqualTo(DoTestSupport.NOW.plusSeconds(1800));
        assertThat(recorder.snapshot()).hasSize(1);
    }

    @Test
    void list_metaTotalDisagreesWithPages_failsInsteadOfReturningPartialList() {
        wm.stubFor(get(urlPathEqualTo("/v2/customers/my/billing_history"))
                .willReturn(ok("billing_history_page3.json")));

        assertThatThrownBy(() -> client.billingHistory())
                .isInstanceOfSatisfying(PurserException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR);
                    assertThat(e.getMessage()).contains("meta.total is 5", "held 1");
                });
    }

    @Test
    void invoices_documentedList_readsInvoicesAndPreview() {
        wm.stubFor(get(urlPathEqualTo("/v2/customers/my/invoices")).willReturn(ok("invoices_list.json")));

        InvoiceListing listing = client.invoices();

        assertThat(listing.invoices()).extracting(InvoiceRef::invoiceUuid)
                .containsExactly("22737513-0ea7-4206-8ceb-98a575af7681", "fdabb512-6faf-443c-ba2e-665452332a9e");
        assertThat(listing.invoices().get(1).amount()).isEqualTo(Money.of("23.45", "USD"));
        assertThat(listing.invoices().get(1).period()).isEqualTo(YearMonth.of(2019, 11));
        assertThat(listing.preview().invoiceId()).isEqualTo("34567890");
        assertThat(listing.preview().updatedAt()).isEqualTo(Instant.parse("2020-02-23T06:31:50Z"));
    }

    @Test
    void invoice_documentedItems_keepsAmountsExact() {
        wm.stubFor(get(urlPathEqualTo("/v2/customers/my/invoices/22737513-0ea7-4206-8ceb-98a575af7681"))
                .willReturn(ok("invoice_items.json")));

        List<InvoiceItem> items = client.invoice("22737513-0ea7-4206-8ceb-98a575af7681");

        assertThat(items).hasSize(2);
        assertThat(items.get(0).product()).isEqualTo("Kubernetes Clusters");
        assertThat(items.get(0).groupDescription()).isEqualTo("my-doks-cluster");
        assertThat(items.get(1).amount().amount()).isEqualTo(new BigDecimal("34.45"));
        assertThat(items.get(1).duration()).isEqualByComparingTo("744");
        assertThat(items.get(1).endTime()).isEqualTo(Instant.parse("2020-02-01T00:00:00Z"));
    }

    @Test
    void invoiceSummary_documentedSummary_readsTotalAndParts() {
        wm.stubFor(get(urlPathEqualTo("/v2/customers/my/invoices/22737513-0ea7-4206-8ceb-98a575af7681/summary"))
                .willReturn(ok("invoice_summary_documented.json")));

        InvoiceSummary s = client.invoiceSummary("22737513-0ea7-4206-8ceb-98a575af7681");

        assertThat(s.amount()).isEqualTo(Money.of("27.13", "USD"));
        assertThat(s.billingPeriod()).isEqualTo(YearMonth.of(2020, 1));
        assertThat(s.productItems()).extracting(InvoiceSummary.Item::name)
                .containsExactly("Spaces Subscription", "Database Clusters");
        assertThat(s.taxes()).isEqualTo(Money.of("4.56", "USD"));
        assertThat(s.creditsAndAdjustments()).isEqualTo(Money.of("6.78", "USD"));
        assertThat(s.userCompany()).isEqualTo("DigitalOcean");
    }

    @Test
    void invoiceCsv_contentDisposition_givesFileNameAndCustomerNumber() {
        wm.stubFor(get(urlPathEqualTo("/v2/customers/my/invoices/22737513-0ea7-4206-8ceb-98a575af7681/csv"))
                .willReturn(doResponse(200, resource("invoice_documented.csv"), 4800)
                        .withHeader("content-type", "text/csv")
                        .withHeader("content-disposition",
                                "attachment; filename=\"DigitalOcean Invoice 2020 Jul (6173678-418071234).csv\"")));

        InvoiceCsv csv = client.invoiceCsv("22737513-0ea7-4206-8ceb-98a575af7681");

        assertThat(csv.fileName()).isEqualTo("DigitalOcean Invoice 2020 Jul (6173678-418071234).csv");
        assertThat(csv.customerNumber()).contains("6173678");
        assertThat(csv.text()).startsWith("product,group_description,description,hours,start,end,USD");
    }

    @Test
    void invoice_uuidWithSlash_isRejectedBeforeAnyRequest() {
        assertThatThrownBy(() -> client.invoiceCsv("../../droplets"))
                .isInstanceOfSatisfying(PurserException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT));
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void droplets_list_readsSizePriceAndRegion() {
        wm.stubFor(get(urlPathEqualTo("/v2/droplets")).willReturn(ok("droplets_list.json")));

        List<Droplet> droplets = client.droplets();

        assertThat(droplets).extracting(Droplet::name).containsExactly("mandible-api", "mandible-worker");
        Droplet api = droplets.get(0);
        assertThat(api.id()).isEqualTo(3164444L);
        assertThat(api.sizeSlug()).isEqualTo("s-2vcpu-4gb");
        assertThat(api.priceMonthly().amount()).isEqualByComparingTo("24");
        assertThat(api.regionSlug()).isEqualTo("nyc3");
        assertThat(api.tags()).containsExactly("mandible", "env:prod");
        assertThat(droplets.get(1).priceHourly()).isEqualTo(new BigDecimal("0.00743999984115362"));
    }

    @Test
    void databaseClusters_documentedList_readsSizeNodesEngineRegionTags() {
        wm.stubFor(get(urlPathEqualTo("/v2/databases")).willReturn(ok("databases_list_clusters.json")));

        List<DatabaseCluster> clusters = client.databaseClusters();

        assertThat(clusters).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("9cc10173-e9ea-4176-9dbc-a4cee4c4ff30");
            assertThat(c.engine()).isEqualTo("pg");
            assertThat(c.size()).isEqualTo("db-s-2vcpu-4gb");
            assertThat(c.numNodes()).isEqualTo(1);
            assertThat(c.region()).isEqualTo("nyc3");
            assertThat(c.tags()).containsExactly("production");
            assertThat(c.storageSizeMib()).isEqualTo(61440L);
        });
        assertThat(clusters.get(0).toString()).doesNotContain("wv78n3zpz42xezdk");
    }

    @Test
    void databaseOptions_documentedOptions_listsSizesPerNodeCount() {
        wm.stubFor(get(urlPathEqualTo("/v2/databases/options")).willReturn(ok("databases_list_options.json")));

        DatabaseOptions options = client.databaseOptions();

        DatabaseOptions.Engine pg = options.engine("pg").orElseThrow();
        assertThat(pg.versions()).contains("16", "17");
        assertThat(pg.sizesFor(1)).contains("db-s-1vcpu-1gb", "db-s-2vcpu-4gb");
        assertThat(pg.sizesFor(2)).contains("db-s-2vcpu-4gb");
        assertThat(options.engines()).containsKeys("mysql", "valkey", "kafka");
    }

    @Test
    void databaseBackups_list_readsSizes() {
        wm.stubFor(get(urlPathEqualTo("/v2/databases/9cc10173-e9ea-4176-9dbc-a4cee4c4ff30/backups"))
                .willReturn(ok("database_backups.json")));

        List<DatabaseBackup> backups = client.databaseBackups("9cc10173-e9ea-4176-9dbc-a4cee4c4ff30");

        assertThat(backups).hasSize(2);
        assertThat(backups.get(1).createdAt()).isEqualTo(Instant.parse("2019-01-12T18:42:29Z"));
        assertThat(backups.get(1).sizeGigabytes()).isEqualTo(new BigDecimal("0.03364864"));
    }

    @Test
    void volumes_dropletIds_tellAttachedFromUnattached() {
        wm.stubFor(get(urlPathEqualTo("/v2/volumes")).willReturn(ok("volumes_list.json")));

        List<Volume> volumes = client.volumes();

        assertThat(volumes).extracting(Volume::attached).containsExactly(false, true);
        assertThat(volumes.get(1).dropletIds()).containsExactly(3164494L);
        assertThat(volumes.get(0).sizeGigabytes()).isEqualByComparingTo("10");
        assertThat(volumes.get(0).regionSlug()).isEqualTo("nyc1");
    }

    @Test
    void snapshots_documentedList_readsDropletAndVolumeSnapshots() {
        wm.stubFor(get(urlPathEqualTo("/v2/snapshots")).willReturn(ok("snapshots_list.json")));

        List<Snapshot> snapshots = client.snapshots();

        assertThat(snapshots).extracting(Snapshot::resourceType).containsExactly("droplet", "volume");
        assertThat(snapshots.get(1).sizeGigabytes()).isEqualTo(new BigDecimal("0.1008"));
        assertThat(snapshots.get(0).createdAt()).isEqualTo(Instant.parse("2020-07-28T16:47:44Z"));
    }

    @Test
    void reservedIps_nullDroplet_isUnassigned() {
        wm.stubFor(get(urlPathEqualTo("/v2/reserved_ips")).willReturn(ok("reserved_ips_list.json")));

        List<ReservedIp> ips = client.reservedIps();

        assertThat(ips).extracting(ReservedIp::assigned).containsExactly(false, true);
        assertThat(ips.get(0).dropletId()).isNull();
        assertThat(ips.get(1).dropletId()).isEqualTo(3164444L);
        assertThat(ips.get(1).dropletName()).isEqualTo("mandible-api");
    }

    @Test
    void sizes_documentedList_keepsHourlyPriceExact() {
        wm.stubFor(get(urlPathEqualTo("/v2/sizes")).willReturn(ok("sizes_list.json")));

        List<Size> sizes = client.sizes();

        assertThat(sizes).singleElement().satisfies(s -> {
            assertThat(s.slug()).isEqualTo("s-1vcpu-1gb");
            assertThat(s.priceMonthly().amount()).isEqualByComparingTo("5");
            assertThat(s.priceHourly()).isEqualTo(new BigDecimal("0.00743999984115362"));
            assertThat(s.memoryMb()).isEqualTo(1024);
        });
    }

    @Test
    void dropletMetrics_cpu_readsOneSeriesPerMode() {
        wm.stubFor(get(urlPathEqualTo("/v2/monitoring/metrics/droplet/cpu"))
                .withQueryParam("host_id", equalTo("222651441"))
                .withQueryParam("start", equalTo("1635386880"))
                .withQueryParam("end", equalTo("1635387120"))
                .willReturn(ok("monitoring_droplet_cpu.json")));

        List<MetricSeries> series = client.dropletMetrics(DropletMetric.CPU, 222651441L,
                Instant.ofEpochSecond(1635386880L), Instant.ofEpochSecond(1635387120L));

        assertThat(series).isNotEmpty();
        MetricSeries idle = series.stream().filter(s -> "idle".equals(s.labels().get("mode"))).findFirst().orElseThrow();
        assertThat(idle.labels()).containsEntry("host_id", "222651441");
        assertThat(idle.samples()).hasSize(3);
        assertThat(idle.samples().get(0).at()).isEqualTo(Instant.ofEpochSecond(1635386880L));
        assertThat(idle.samples().get(0).value()).isEqualTo(122901.18);
    }

    @Test
    void dropletMetrics_memoryWithNaN_leavesTheGapOut() {
        wm.stubFor(get(urlPathEqualTo("/v2/monitoring/metrics/droplet/memory_total"))
                .willReturn(ok("monitoring_droplet_memory_total.json")));

        List<MetricSeries> series = client.dropletMetrics(DropletMetric.MEMORY_TOTAL, 222651441L,
                Instant.ofEpochSecond(1635386880L), Instant.ofEpochSecond(1635387240L));

        assertThat(series).singleElement().satisfies(s -> {
            assertThat(s.samples()).hasSize(3);
            assertThat(s.samples().get(0).value()).isEqualTo(1028415488.0);
            assertThat(s.labels()).isEqualTo(Map.of("host_id", "222651441"));
        });
    }

    @Test
    void create_tokenMissing_saysWhichVariableToSet() {
        assertThatThrownBy(() -> DigitalOceanClient.create(DigitalOceanConfig.defaults(),
                Secret.of("DIGITALOCEAN_TOKEN", " "), SETTINGS, recorder, DoTestSupport.CLOCK))
                .isInstanceOfSatisfying(PurserException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
                    assertThat(e.getMessage()).contains("DIGITALOCEAN_TOKEN");
                });
    }

    @Test
    void toString_neverShowsToken() {
        assertThat(client.toString()).doesNotContain(TOKEN);
        assertThat(wm.getAllServeEvents()).isEmpty();
        wm.stubFor(get(urlPathEqualTo("/v2/sizes")).willReturn(aResponse().withStatus(200).withBody(resource("sizes_list.json"))));
        assertThat(client.sizes()).hasSize(1);
        assertThat(recorder.snapshot()).as("no rate-limit headers, nothing recorded").isEmpty();
    }
}
