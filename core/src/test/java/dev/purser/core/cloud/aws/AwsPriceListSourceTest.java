package dev.purser.core.cloud.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.purser.core.analysis.catalog.CatalogOrigin;
import dev.purser.core.analysis.catalog.CatalogSize;
import dev.purser.core.analysis.catalog.PriceCatalog;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Money;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.pricing.PricingClient;

class AwsPriceListSourceTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-11-23");

    private WireMockServer wm;
    private PricingClient client;
    private AwsPriceListSource source;

    @BeforeEach
    void start() {
        wm = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        wm.start();
        // the pull's region is eu-west-1; the Price List client must still sign for us-east-1
        client = AwsClients.pricing(AwsTestSupport.settings(wm, "eu-west-1"), AwsTestSupport.CREDENTIALS);
        source = new AwsPriceListSource(client);
    }

    @AfterEach
    void stop() {
        client.close();
        wm.stop();
    }

    @Test
    void catalog_ec2AndRds_readsOnDemandHourlyAndMonthlyAt730Hours() {
        wm.stubFor(PriceListFixtures.getProducts("AmazonEC2", "m5.").willReturn(PriceListFixtures.page(PriceListFixtures.m5(), null)));
        wm.stubFor(PriceListFixtures.getProducts("AmazonRDS", "db.m6g.")
                .willReturn(PriceListFixtures.page(PriceListFixtures.dbM6gPostgres(), null)));

        AwsPriceListSource.Listing listing = source.catalog("us-east-1", Set.of("m5.2xlarge", "m5.large"),
                Map.of("postgres", Set.of("db.m6g.xlarge")), TODAY);

        PriceCatalog catalog = listing.catalog();
        assertThat(catalog.name()).isEqualTo("aws-us-east-1");
        assertThat(catalog.provider()).isEqualTo("AWS");
        assertThat(catalog.origin()).isEqualTo(CatalogOrigin.LIVE);
        assertThat(catalog.source()).isEqualTo("live 2026-11-23");
        assertThat(catalog.note()).contains("m5").contains("db.m6g").contains("730");
        CatalogSize large = catalog.machine("m5.large").orElseThrow();
        // the recorded entry's OnDemand price, not its Reserved one
        assertThat(large.hourlyPrice()).isEqualTo(Money.of("0.096", "USD"));
        assertThat(large.monthlyPrice()).isEqualTo(Money.of("70.08", "USD"));
        assertThat(large.vcpus()).isEqualTo(2);
        assertThat(large.memoryMib()).isEqualTo(8192);
        assertThat(large.family()).isEqualTo("m5");
        assertThat(catalog.machines("m5")).extracting(CatalogSize::slug)
                .containsExactly("m5.large", "m5.xlarge", "m5.2xlarge", "m5.4xlarge");
        CatalogSize db = catalog.databaseNode("postgres", "db.m6g.xlarge").orElseThrow();
        assertThat(db.monthlyPrice()).isEqualTo(Money.of("221.92", "USD"));
        assertThat(db.memoryMib()).isEqualTo(16384);
        assertThat(catalog.databaseNode("aurora-postgresql", "db.m6g.xlarge")).isEmpty();
        assertThat(listing.notes()).isEmpty();
        assertThat(source.requests()).isEqualTo(2);

        wm.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSPriceListService.GetProducts"))
                .withHeader("Authorization", containing("/us-east-1/pricing/aws4_request"))
                .withRequestBody(matchingJsonPath("$.FormatVersion", equalTo("aws_v1")))
                .withRequestBody(matchingJsonPath("$.Filters[?(@.Field == 'regionCode' && @.Value == 'us-east-1')]"))
                .withRequestBody(matchingJsonPath("$.Filters[?(@.Field == 'tenancy' && @.Value == 'Shared')]"))
                .withRequestBody(matchingJsonPath("$.Filters[?(@.Field == 'operatingSystem' && @.Value == 'Linux')]"))
                .withRequestBody(matchingJsonPath("$.Filters[?(@.Field == 'preInstalledSw' && @.Value == 'NA')]"))
                .withRequestBody(matchingJsonPath("$.Filters[?(@.Field == 'capacitystatus' && @.Value == 'Used')]")));
        wm.verify(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(matchingJsonPath("$.ServiceCode", equalTo("AmazonRDS")))
                .withRequestBody(matchingJsonPath("$.Filters[?(@.Field == 'databaseEngine' && @.Value == 'PostgreSQL')]"))
                .withRequestBody(matchingJsonPath("$.Filters[?(@.Field == 'deploymentOption' && @.Value == 'Single-AZ')]")));
    }

    @Test
    void catalog_twoPages_followsNextToken() {
        List<String> all = PriceListFixtures.t3();
        wm.stubFor(PriceListFixtures.getProducts("AmazonEC2", "t3.").withRequestBody(matchingJsonPath("$[?(!@.NextToken)]"))
                .willReturn(PriceListFixtures.page(all.subList(0, 2), "pricing-page-2")));
        wm.stubFor(PriceListFixtures.getProducts("AmazonEC2", "t3.")
                .withRequestBody(matchingJsonPath("$.NextToken", equalTo("pricing-page-2")))
                .willReturn(PriceListFixtures.page(all.subList(2, all.size()), null)));

        PriceCatalog catalog = source.catalog("us-east-1", Set.of("t3.large"), Map.of(), TODAY).catalog();

        assertThat(catalog.machines("t3")).extracting(CatalogSize::slug)
                .containsExactly("t3.micro", "t3.small", "t3.medium", "t3.large", "t3.xlarge");
        assertThat(source.requests()).isEqualTo(2);
    }

    @Test
    void catalog_productOfAnotherFamilyOrWithoutPrice_isLeftOutAndNoted() {
        wm.stubFor(PriceListFixtures.getProducts("AmazonEC2", "t3.").willReturn(PriceListFixtures.page(List.of(
                PriceListFixtures.ec2("t3.large", 2, "8 GiB", "0.0832"),
                PriceListFixtures.ec2("t3a.large", 2, "8 GiB", "0.0752"),
                PriceListFixtures.ec2("t3.nano", 2, "0.5 GiB", "0.0000")), null)));

        AwsPriceListSource.Listing listing = source.catalog("us-east-1", Set.of("t3.large"), Map.of(), TODAY);

        assertThat(listing.catalog().sizes()).extracting(CatalogSize::slug).containsExactly("t3.large");
        assertThat(listing.notes()).singleElement().asString().startsWith("1 product(s) had no hourly");
    }

    @Test
    void catalog_unknownEngineAndEmptyFamily_areNoted() {
        wm.stubFor(PriceListFixtures.getProducts("AmazonEC2", "x9.").willReturn(PriceListFixtures.page(List.of(), null)));

        AwsPriceListSource.Listing listing = source.catalog("us-east-1", Set.of("x9.large"),
                Map.of("oracle-ee", Set.of("db.m5.large")), TODAY);

        assertThat(listing.catalog().sizes()).isEmpty();
        assertThat(listing.notes()).anySatisfy(n -> assertThat(n).contains("RDS engine oracle-ee is not priced"))
                .anySatisfy(n -> assertThat(n).contains("no Linux on-demand price in us-east-1 for EC2 family x9"));
    }

    @Test
    void catalog_throttledOnce_retriesAndSucceeds() {
        wm.stubFor(PriceListFixtures.getProducts("AmazonEC2", "m5.").atPriority(1)
                .withHeader("amz-sdk-request", containing("attempt=1;"))
                .willReturn(PriceListFixtures.error(400, "ThrottlingException", "Rate exceeded")));
        wm.stubFor(PriceListFixtures.getProducts("AmazonEC2", "m5.").atPriority(5)
                .willReturn(PriceListFixtures.page(PriceListFixtures.m5(), null)));

        assertThat(source.catalog("us-east-1", Set.of("m5.large"), Map.of(), TODAY).catalog().sizes()).hasSize(4);
        wm.verify(2, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void catalog_throttledEveryTime_saysToWait() {
        wm.stubFor(PriceListFixtures.getProducts("AmazonEC2", "m5.")
                .willReturn(PriceListFixtures.error(400, "ThrottlingException", "Rate exceeded")));

        assertThatThrownBy(() -> source.catalog("us-east-1", Set.of("m5.large"), Map.of(), TODAY))
                .isInstanceOf(PurserException.class)
                .satisfies(e -> assertThat(((PurserException) e).code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR))
                .hasMessageContaining("AWS is throttling pricing:GetProducts (ThrottlingException, HTTP 400) after 3 attempts");
        wm.verify(3, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void catalog_internalErrorEveryTime_isOnAwsSide() {
        wm.stubFor(PriceListFixtures.getProducts("AmazonEC2", "m5.")
                .willReturn(PriceListFixtures.error(500, "InternalErrorException", "An internal error occurred")));

        assertThatThrownBy(() -> source.catalog("us-east-1", Set.of("m5.large"), Map.of(), TODAY))
                .hasMessageContaining("AWS failed pricing:GetProducts (InternalErrorException, HTTP 500) after 3 attempts");
    }

    @Test
    void catalog_priceListEntryNotJson_isMalformed() {
        wm.stubFor(PriceListFixtures.getProducts("AmazonEC2", "m5.")
                .willReturn(PriceListFixtures.page(List.of("{\"product\": {\"attributes\""), null)));

        assertThatThrownBy(() -> source.catalog("us-east-1", Set.of("m5.large"), Map.of(), TODAY))
                .satisfies(e -> assertThat(((PurserException) e).code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR))
                .hasMessageContaining("cannot read");
    }

    @Test
    void storagePrices_volumesSnapshotsAddresses_readsEachRateFromItsProduct() {
        PriceListFixtures.stubStorage(wm);

        AwsPriceListSource.StoragePrices prices = source.storagePrices("us-east-1", Set.of("gp3", "gp2"), true, true,
                TODAY);

        assertThat(prices.volumeGbMonth()).containsExactly(Map.entry("gp2", Money.of("0.1", "USD")),
                Map.entry("gp3", Money.of("0.08", "USD")));
        // EBS:SnapshotUsage, not the archive, Outposts or under-billing look-alikes in the same family
        assertThat(prices.snapshotGbMonth()).contains(Money.of("0.05", "USD"));
        assertThat(prices.archiveGbMonth()).contains(Money.of("0.0125", "USD"));
        assertThat(prices.idleAddressHourly()).contains(Money.of("0.005", "USD"));
        assertThat(prices.inUseAddressHourly()).contains(Money.of("0.005", "USD"));
        assertThat(prices.notes()).isEmpty();
        assertThat(prices.source()).isEqualTo("AWS Price List 2026-11-23");
        assertThat(prices.summary()).isEqualTo("AWS Price List 2026-11-23 in us-east-1: EBS gp2 0.1, gp3 0.08 USD per"
                + " GB-month; snapshots 0.05 USD per GB-month (archive 0.0125); public IPv4 0.005 idle, 0.005 in use"
                + " USD per hour");
        assertThat(source.requests()).isEqualTo(4);

        wm.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("Authorization", containing("/us-east-1/pricing/aws4_request"))
                .withRequestBody(matchingJsonPath("$.ServiceCode", equalTo("AmazonEC2")))
                .withRequestBody(matchingJsonPath("$.Filters[?(@.Field == 'regionCode' && @.Value == 'us-east-1')]"))
                .withRequestBody(matchingJsonPath("$.Filters[?(@.Field == 'productFamily' && @.Value == 'Storage')]"))
                .withRequestBody(matchingJsonPath("$.Filters[?(@.Field == 'volumeApiName' && @.Value == 'gp3')]")));
        wm.verify(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(matchingJsonPath("$.ServiceCode", equalTo("AmazonVPC")))
                .withRequestBody(matchingJsonPath("$.Filters[?(@.Field == 'regionCode' && @.Value == 'us-east-1')]"))
                .withRequestBody(matchingJsonPath("$.Filters[?(@.Field == 'group'"
                        + " && @.Value == 'VPCPublicIPv4Address')]")));
    }

    @Test
    void storagePrices_onlyWhatIsAskedFor_isRequested() {
        PriceListFixtures.stubStorage(wm);

        AwsPriceListSource.StoragePrices prices = source.storagePrices("us-east-1", Set.of("io1"), false, false, TODAY);

        assertThat(prices.volumeGbMonth()).containsOnlyKeys("io1");
        assertThat(prices.snapshotGbMonth()).isEmpty();
        assertThat(prices.idleAddressHourly()).isEmpty();
        assertThat(prices.summary()).isEqualTo("AWS Price List 2026-11-23 in us-east-1: EBS io1 0.125 USD per GB-month");
        wm.verify(1, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void storagePrices_lookAlikesOnly_priceNothingAndSaySo() {
        wm.stubFor(PriceListFixtures.getVolumeStorage("sc1").willReturn(PriceListFixtures.page(List.of(), null)));
        wm.stubFor(PriceListFixtures.getSnapshotStorage().willReturn(PriceListFixtures.page(List.of(
                PriceListFixtures.snapshotStorage("EBS:SnapshotUsage.outposts", "AWS Outposts", "0.07"),
                PriceListFixtures.snapshotStorage("EBS:SnapshotUsageUnderBilling", "AWS Region", "0.05")), null)));
        wm.stubFor(PriceListFixtures.getPublicIpv4().willReturn(PriceListFixtures.page(List.of(
                PriceListFixtures.publicIpv4("USE1-PublicIPv4:InUseAddress", "0.005")), null)));

        AwsPriceListSource.StoragePrices prices = source.storagePrices("us-east-1", Set.of("sc1"), true, true, TODAY);

        assertThat(prices.volumeGbMonth()).isEmpty();
        assertThat(prices.snapshotGbMonth()).isEmpty();
        assertThat(prices.idleAddressHourly()).isEmpty();
        assertThat(prices.inUseAddressHourly()).contains(Money.of("0.005", "USD"));
        assertThat(prices.notes()).containsExactly(
                "the Price List has no GB-month price in us-east-1 for EBS volume type sc1: those volumes stay unpriced",
                "the Price List has no EBS snapshot storage price (EBS:SnapshotUsage) in us-east-1: snapshots stay"
                        + " unpriced",
                "the Price List has no hourly public IPv4 price for idle addresses in us-east-1: those Elastic IPs stay"
                        + " unpriced");
    }

    @Test
    void storagePrices_freeFirstTier_takesTheOpenEndedRate() throws Exception {
        // an in-use address with a free first tier, as a free-tier offer would price it
        ObjectMapper json = new ObjectMapper();
        ObjectNode product = (ObjectNode)
                json.readTree(PriceListFixtures.publicIpv4("USE1-PublicIPv4:InUseAddress", "0.005"));
        ObjectNode dimensions = (ObjectNode)
                product.path("terms").path("OnDemand").elements().next().path("priceDimensions");
        ObjectNode paid = (ObjectNode)
                dimensions.elements().next();
        paid.put("beginRange", "750");
        ObjectNode free = paid.deepCopy();
        free.put("beginRange", "0").put("endRange", "750").putObject("pricePerUnit").put("USD", "0.0000000000");
        dimensions.set("FREE.TIER", free);
        wm.stubFor(PriceListFixtures.getPublicIpv4().willReturn(PriceListFixtures.page(List.of(
                json.writeValueAsString(product)), null)));

        AwsPriceListSource.StoragePrices prices = source.storagePrices("us-east-1", Set.of(), false, true, TODAY);

        assertThat(prices.inUseAddressHourly()).contains(Money.of("0.005", "USD"));
    }

    @Test
    void storagePrices_throttledEveryTime_saysToWait() {
        wm.stubFor(PriceListFixtures.getSnapshotStorage()
                .willReturn(PriceListFixtures.error(400, "ThrottlingException", "Rate exceeded")));

        assertThatThrownBy(() -> source.storagePrices("us-east-1", Set.of(), true, false, TODAY))
                .satisfies(e -> assertThat(((PurserException) e).code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR))
                .hasMessageContaining("AWS is throttling pricing:GetProducts");
    }

    @Test
    void monthly_hourlyTimes730_exact() {
        assertThat(AwsPriceListSource.monthly(Money.of("0.0050000000", "USD"))).isEqualTo(Money.of("3.65", "USD"));
    }

    @Test
    void isUsage_acceptsARegionPrefixOnly() {
        assertThat(AwsPriceListSource.isUsage("EBS:SnapshotUsage", "EBS:SnapshotUsage")).isTrue();
        assertThat(AwsPriceListSource.isUsage("EUW2-EBS:SnapshotUsage", "EBS:SnapshotUsage")).isTrue();
        assertThat(AwsPriceListSource.isUsage("EBS:SnapshotUsageUnderBilling", "EBS:SnapshotUsage")).isFalse();
        assertThat(AwsPriceListSource.isUsage("EBS:SnapshotUsage.outposts", "EBS:SnapshotUsage")).isFalse();
    }

    @Test
    void memoryMib_readsPriceListMemoryText() {
        assertThat(AwsPriceListSource.memoryMib("8 GiB")).isEqualTo(8192);
        assertThat(AwsPriceListSource.memoryMib("0.5 GiB")).isEqualTo(512);
        assertThat(AwsPriceListSource.memoryMib("1,952 GiB")).isEqualTo(1952L * 1024);
        assertThatThrownBy(() -> AwsPriceListSource.memoryMib("NA")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void families_takeThePartBeforeTheSize() {
        assertThat(AwsPriceListSource.families(Set.of("m5.2xlarge", "m5.large", "db.r6g.large", "weird")))
                .containsExactly("db.r6g", "m5");
    }
}
