package dev.purser.core.cloud.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        client = AwsClients.pricing(AwsTestSupport.settings(wm, "eu-west-1"), AwsTestSupport.ENV);
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
