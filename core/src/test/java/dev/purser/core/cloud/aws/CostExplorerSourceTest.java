package dev.purser.core.cloud.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
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
import dev.purser.core.analysis.advice.ReservationAdvice;
import dev.purser.core.analysis.advice.RightsizingAdvice;
import dev.purser.core.analysis.advice.SavingsPlanAdvice;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.ChargeCategory;
import dev.purser.core.model.CostLineItem;
import dev.purser.core.model.Money;
import dev.purser.core.model.Period;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;

class CostExplorerSourceTest {

    private static final String JSON_11 = "application/x-amz-json-1.1";
    private static final String TARGET = "AWSInsightsIndexService.";
    private static final Period OCTOBER_1_2 = Period.ofDays(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 2), ZoneOffset.UTC);

    private WireMockServer wm;
    private CostExplorerClient client;
    private CostExplorerSource source;

    @BeforeEach
    void start() {
        wm = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        wm.start();
        client = AwsClients.costExplorer(AwsTestSupport.settings(wm, AwsSettings.COST_EXPLORER_REGION), AwsTestSupport.CREDENTIALS);
        source = new CostExplorerSource(client);
    }

    @AfterEach
    void stop() {
        client.close();
        wm.stop();
    }

    @Test
    void dailyCosts_twoPages_followsTokenAndTotalsExactly() {
        wm.stubFor(call("GetCostAndUsage").withRequestBody(notContaining("NextPageToken"))
                .willReturn(ok(AwsTestSupport.resource("ce/cost-and-usage-page1.json"))));
        wm.stubFor(call("GetCostAndUsage").withRequestBody(matchingJsonPath("$.NextPageToken", equalTo("page-2-token")))
                .willReturn(ok(AwsTestSupport.resource("ce/cost-and-usage-page2.json"))));

        List<CostLineItem> rows = source.dailyCosts("111111111111", OCTOBER_1_2, "Environment");

        assertThat(rows).hasSize(4);
        assertThat(rows.stream().map(CostLineItem::billedCost).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("135.1326137779");
        assertThat(rows.stream().map(CostLineItem::effectiveCost).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("144.0478341025");
        CostLineItem first = rows.get(0);
        assertThat(first.billingAccountId()).isEqualTo("111111111111");
        assertThat(first.serviceName()).isEqualTo("Amazon Elastic Compute Cloud - Compute");
        assertThat(first.billed()).isEqualTo(Money.of("91.4400000001", "USD"));
        assertThat(first.effective()).isEqualTo(Money.of("88.1234567891", "USD"));
        assertThat(first.tags()).isEqualTo(Map.of("Environment", "prod"));
        assertThat(first.chargePeriodStart()).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
        assertThat(first.chargePeriodEnd()).isEqualTo(Instant.parse("2026-10-02T00:00:00Z"));
        assertThat(first.billingPeriodStart()).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
        assertThat(first.billingPeriodEnd()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(first.providerName()).isEqualTo("AWS");
        assertThat(rows.get(1).tags()).as("an untagged group ('Environment$') has no tag").isEmpty();
        assertThat(rows.get(2).extras()).containsEntry("x_Estimated", "true");
        assertThat(rows.get(3).chargeCategory()).isEqualTo(ChargeCategory.TAX);
        assertThat(rows.get(0).chargeCategory()).isEqualTo(ChargeCategory.USAGE);
        assertThat(source.requests()).isEqualTo(2);
        assertThat(source.remainingCalls()).isEmpty();

        wm.verify(2, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(TARGET + "GetCostAndUsage"))
                .withHeader("Content-Type", containing(JSON_11))
                .withHeader("Authorization", containing("Credential=" + AwsTestSupport.KEY_ID + "/"))
                .withRequestBody(matchingJsonPath("$.Granularity", equalTo("DAILY")))
                .withRequestBody(matchingJsonPath("$.TimePeriod.Start", equalTo("2026-10-01")))
                .withRequestBody(matchingJsonPath("$.TimePeriod.End", equalTo("2026-10-03")))
                .withRequestBody(matchingJsonPath("$.GroupBy[0].Key", equalTo("SERVICE")))
                .withRequestBody(matchingJsonPath("$.GroupBy[1].Type", equalTo("TAG")))
                .withRequestBody(matchingJsonPath("$.GroupBy[1].Key", equalTo("Environment")))
                .withRequestBody(matchingJsonPath("$.Metrics[?(@ == 'AmortizedCost')]")));
    }

    @Test
    void dailyCosts_throttledOnce_retriesAndSucceeds() {
        failOnceThenServePage2(aResponse().withStatus(400).withHeader("Content-Type", JSON_11)
                .withBody("{\"__type\":\"com.amazon.coral.availability#ThrottlingException\",\"message\":\"Rate exceeded\"}"));

        List<CostLineItem> rows = source.dailyCosts("111111111111", OCTOBER_1_2, null);

        assertThat(rows).hasSize(2);
        wm.verify(2, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void dailyCosts_serverErrorOnce_retriesAndSucceeds() {
        failOnceThenServePage2(aResponse().withStatus(500).withHeader("Content-Type", JSON_11)
                .withBody("{\"__type\":\"InternalServerError\",\"message\":\"oops\"}"));

        assertThat(source.dailyCosts("111111111111", OCTOBER_1_2, null)).hasSize(2);
        wm.verify(2, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void dailyCosts_slowAttemptOnce_timesOutAndRetries() {
        failOnceThenServePage2(ok(AwsTestSupport.resource("ce/cost-and-usage-page2.json")).withFixedDelay(8_000));
        AwsSettings impatient = AwsTestSupport.settings(wm, AwsSettings.COST_EXPLORER_REGION)
                .withTimeouts(Duration.ofSeconds(50), Duration.ofSeconds(3));

        try (CostExplorerClient quick = AwsClients.costExplorer(impatient, AwsTestSupport.CREDENTIALS)) {
            assertThat(new CostExplorerSource(quick).dailyCosts("111111111111", OCTOBER_1_2, null)).hasSize(2);
        }
        wm.verify(postRequestedFor(urlEqualTo("/")).withHeader("amz-sdk-request", containing("attempt=2;")));
    }

    @Test
    void dailyCosts_serverErrorsExhaustRetries_saysTryLater() {
        wm.stubFor(call("GetCostAndUsage").willReturn(aResponse().withStatus(503).withHeader("Content-Type", JSON_11)
                .withBody("{\"__type\":\"ServiceUnavailableException\",\"message\":\"down\"}")));

        assertThatThrownBy(() -> source.dailyCosts("111111111111", OCTOBER_1_2, null))
                .isInstanceOf(PurserException.class)
                .satisfies(e -> assertThat(((PurserException) e).code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR))
                .hasMessageContaining("after 3 attempts")
                .hasMessageContaining("try again later");
        wm.verify(3, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void dailyCosts_throttledEveryTime_saysToWait() {
        wm.stubFor(call("GetCostAndUsage").willReturn(aResponse().withStatus(400).withHeader("Content-Type", JSON_11)
                .withBody("{\"__type\":\"LimitExceededException\",\"message\":\"You have exceeded the rate limit\"}")));

        assertThatThrownBy(() -> source.dailyCosts("111111111111", OCTOBER_1_2, null))
                .satisfies(e -> assertThat(((PurserException) e).code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR))
                .hasMessageContaining("throttling ce:GetCostAndUsage (LimitExceededException");
    }

    @Test
    void dailyCosts_accessDenied_namesTheIamAction() {
        wm.stubFor(call("GetCostAndUsage").willReturn(aResponse().withStatus(400).withHeader("Content-Type", JSON_11)
                .withBody("{\"__type\":\"AccessDeniedException\",\"Message\":\"User: arn:aws:iam::111111111111:user/purser"
                        + " is not authorized to perform: ce:GetCostAndUsage\"}")));

        assertThatThrownBy(() -> source.dailyCosts("111111111111", OCTOBER_1_2, null))
                .satisfies(e -> assertThat(((PurserException) e).code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR))
                .hasMessageContaining("AWS denied ce:GetCostAndUsage (AccessDeniedException, HTTP 400)")
                .hasMessageContaining("allow the action `ce:GetCostAndUsage`");
        wm.verify(1, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void dailyCosts_unrecognizedClient_pointsAtTheKeysWithoutShowingThem() {
        wm.stubFor(call("GetCostAndUsage").willReturn(aResponse().withStatus(400).withHeader("Content-Type", JSON_11)
                .withBody("{\"__type\":\"UnrecognizedClientException\",\"message\":\"The security token included in the request is invalid.\"}")));

        assertThatThrownBy(() -> source.dailyCosts("111111111111", OCTOBER_1_2, null))
                .hasMessageContaining("rejected the credentials")
                .hasMessageContaining("AWS_ACCESS_KEY_ID")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(AwsTestSupport.SECRET).doesNotContain(AwsTestSupport.KEY_ID));
    }

    @Test
    void dailyCosts_malformedJson_isAnExternalError() {
        wm.stubFor(call("GetCostAndUsage").willReturn(ok("{\"ResultsByTime\": [ {\"TimePeriod\": ")));

        assertThatThrownBy(() -> source.dailyCosts("111111111111", OCTOBER_1_2, null))
                .satisfies(e -> assertThat(((PurserException) e).code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR))
                .hasMessageContaining("cannot read");
    }

    @Test
    void dailyCosts_amountNotANumber_isAnExternalError() {
        wm.stubFor(call("GetCostAndUsage").willReturn(ok(AwsTestSupport.resource("ce/cost-and-usage-page2.json")
                .replace("\"0.2682364644\"", "\"lots\""))));

        assertThatThrownBy(() -> source.dailyCosts("111111111111", OCTOBER_1_2, null))
                .satisfies(e -> assertThat(((PurserException) e).code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR))
                .hasMessageContaining("cannot read");
    }

    @Test
    void anomalies_mapsImpactAndRootCauses() {
        wm.stubFor(call("GetAnomalies").willReturn(ok(AwsTestSupport.resource("ce/anomalies.json"))));

        List<CostAnomaly> anomalies = source.anomalies(LocalDate.of(2026, 10, 1), null, null);

        assertThat(anomalies).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo("a1b2c3d4-0000-4000-8000-000000000001");
            assertThat(a.start()).isEqualTo(LocalDate.of(2026, 10, 12));
            assertThat(a.end()).isEqualTo(LocalDate.of(2026, 10, 14));
            assertThat(a.totalImpact()).isEqualTo(Money.of("412.37", "USD"));
            assertThat(a.maxImpact()).isEqualTo(Money.of("210.15", "USD"));
            assertThat(a.expectedSpend()).isEqualTo(Money.of("148.65", "USD"));
            assertThat(a.rootCauses()).singleElement().satisfies(c -> {
                assertThat(c.usageType()).isEqualTo("BoxUsage:m5.4xlarge");
                assertThat(c.linkedAccount()).isEqualTo("333333333333");
            });
            assertThat(a.feedback()).isEqualTo("YES");
        });
        wm.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "GetAnomalies"))
                .withRequestBody(matchingJsonPath("$.DateInterval.StartDate", equalTo("2026-10-01"))));
    }

    @Test
    void rightsizing_mapsModifyToTheDefaultTargetAndTerminate() {
        wm.stubFor(call("GetRightsizingRecommendation").willReturn(ok(AwsTestSupport.resource("ce/rightsizing.json"))));

        List<RightsizingAdvice> advice = source.rightsizing();

        assertThat(advice).hasSize(2);
        RightsizingAdvice modify = advice.get(0);
        assertThat(modify.action()).isEqualTo(RightsizingAdvice.Action.MODIFY);
        assertThat(modify.currentInstanceType()).isEqualTo("m5.2xlarge");
        assertThat(modify.targetInstanceType()).isEqualTo("m5.xlarge");
        assertThat(modify.estimatedMonthlySavings()).isEqualTo(Money.of("140.16", "USD"));
        assertThat(modify.currentMonthlyCost()).isEqualTo(Money.of("280.32", "USD"));
        assertThat(modify.maxCpuPercent()).isEqualByComparingTo("18.5");
        assertThat(modify.tags()).isEqualTo(Map.of("env", "prod"));
        assertThat(modify.findingReasons()).containsExactly("CPU_OVER_PROVISIONED");
        RightsizingAdvice terminate = advice.get(1);
        assertThat(terminate.action()).isEqualTo(RightsizingAdvice.Action.TERMINATE);
        assertThat(terminate.targetInstanceType()).isNull();
        assertThat(terminate.estimatedMonthlySavings()).isEqualTo(Money.of("42.05", "USD"));
        wm.verify(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(matchingJsonPath("$.Service", equalTo("AmazonEC2")))
                .withRequestBody(matchingJsonPath("$.Configuration.RecommendationTarget", equalTo("SAME_INSTANCE_FAMILY"))));
    }

    @Test
    void reservationPurchases_readsAmountsExactly() {
        wm.stubFor(call("GetReservationPurchaseRecommendation")
                .willReturn(ok(AwsTestSupport.resource("ce/reservation-purchase.json"))));

        List<ReservationAdvice> advice = source.reservationPurchases("Amazon Relational Database Service", "ONE_YEAR", "NO_UPFRONT");

        assertThat(advice).singleElement().satisfies(a -> {
            assertThat(a.instanceType()).isEqualTo("db.r6g.large");
            assertThat(a.instancesToPurchase()).isEqualByComparingTo("2");
            assertThat(a.estimatedMonthlySavings()).isEqualTo(Money.of("96.3600000000000001", "USD"));
            assertThat(a.recurringMonthlyCost()).isEqualTo(Money.of("262.8", "USD"));
            assertThat(a.term()).isEqualTo("ONE_YEAR");
            assertThat(a.paymentOption()).isEqualTo("NO_UPFRONT");
        });
        wm.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(TARGET + "GetReservationPurchaseRecommendation"))
                .withRequestBody(matchingJsonPath("$.Service", equalTo("Amazon Relational Database Service"))));
    }

    @Test
    void reservationPurchases_noRecommendations_isEmpty() {
        wm.stubFor(call("GetReservationPurchaseRecommendation").willReturn(ok("{\"Recommendations\": [], \"Metadata\": "
                + "{\"GenerationTimestamp\": \"2018-08-08T15:20:57Z\", \"RecommendationId\": \"00d59dde\"}}")));

        assertThat(source.reservationPurchases("Amazon Elastic Compute Cloud - Compute", "ONE_YEAR", "NO_UPFRONT")).isEmpty();
    }

    @Test
    void savingsPlansPurchases_readsTheCommitment() {
        wm.stubFor(call("GetSavingsPlansPurchaseRecommendation")
                .willReturn(ok(AwsTestSupport.resource("ce/savings-plans-purchase.json"))));

        List<SavingsPlanAdvice> advice = source.savingsPlansPurchases("COMPUTE_SP", "ONE_YEAR", "NO_UPFRONT");

        assertThat(advice).singleElement().satisfies(a -> {
            assertThat(a.savingsPlansType()).isEqualTo("COMPUTE_SP");
            assertThat(a.hourlyCommitment()).isEqualTo(Money.of("1.234", "USD"));
            assertThat(a.estimatedMonthlySavings()).isEqualTo(Money.of("345.670", "USD"));
            assertThat(a.region()).isNull();
        });
    }

    @Test
    void standardCredentials_isTheSdkDefaultChain() {
        assertThat(AwsClients.standardCredentials().getClass().getSimpleName()).isEqualTo("DefaultCredentialsProvider");
    }

    // ---------------------------------------------------------------------------------------

    private static MappingBuilder call(String operation) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + operation));
    }

    private static ResponseDefinitionBuilder ok(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", JSON_11).withBody(body);
    }

    /** The SDK numbers its attempts in the amz-sdk-request header: fail the first, serve the rest. */
    private void failOnceThenServePage2(ResponseDefinitionBuilder failure) {
        wm.stubFor(call("GetCostAndUsage").atPriority(1).withHeader("amz-sdk-request", containing("attempt=1;"))
                .willReturn(failure));
        wm.stubFor(call("GetCostAndUsage").atPriority(5)
                .willReturn(ok(AwsTestSupport.resource("ce/cost-and-usage-page2.json"))));
    }
}
