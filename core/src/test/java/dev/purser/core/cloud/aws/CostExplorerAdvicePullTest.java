package dev.purser.core.cloud.aws;

import dev.purser.core.config.AwsConfig;
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
import dev.purser.core.analysis.advice.StoredAdvice;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.ingest.InventoryPull;
import dev.purser.core.model.Money;
import dev.purser.core.store.JdbcProviderAdvice;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cost Explorer's advice pulled from WireMock into a real store, whole or not at all. */
class CostExplorerAdvicePullTest {

    private static final String JSON_11 = "application/x-amz-json-1.1";
    private static final String TARGET = "AWSInsightsIndexService.";
    private static final Instant NOW = Instant.parse("2026-11-15T10:00:00Z");
    private static final Instant EARLIER = Instant.parse("2026-11-01T10:00:00Z");
    private static final InventoryPull.Request LIVYFLOW = new InventoryPull.Request("livyflow",
            InventoryPull.Request.DEFAULT_WINDOW);

    private static PurserDatabase db;
    private WireMockServer wm;
    private JdbcProviderAdvice store;
    private CostExplorerAdvicePull pull;

    @BeforeAll
    static void open() {
        db = TestDatabase.fresh();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void start() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM provider_advice");
        }
        wm = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        wm.start();
        store = new JdbcProviderAdvice(db.dataSource());
        pull = pull(null);
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    /** @param accountId the configured {@code aws.account_id}, or null */
    private CostExplorerAdvicePull pull(String accountId) {
        return CostExplorerAdvicePull.create(AwsConfig.defaults().withAccountId(accountId),
                AwsTestSupport.settings(wm, AwsSettings.COST_EXPLORER_REGION), AwsTestSupport.CREDENTIALS,
                CostExplorerAdvicePull.Options.defaults(), new JdbcProviderAdvice(db.dataSource()), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void pull_allAnswers_storesEveryKindFollowingPages() {
        serveAll();

        InventoryPull.Result result = pull.pull(LIVYFLOW);

        assertThat(pull.kind()).isEqualTo("aws-inventory");
        assertThat(result.account()).isEqualTo("livyflow");
        assertThat(result.advice()).isEqualTo(5);
        assertThat(result.resources()).isZero();
        assertThat(result.notes()).singleElement().asString()
                .contains("2 right-sizing, 2 Reserved Instance and 1 Savings Plan", "in 5 requests");
        StoredAdvice stored = store.advice("livyflow");
        assertThat(stored.fetches()).containsExactly(new StoredAdvice.Fetch("livyflow", "aws-ce", NOW));
        assertThat(stored.rightsizing()).extracting(RightsizingAdvice::resourceId)
                .containsExactly("i-08c2e5f7a9b1d4401", "i-0idle000000000002");
        RightsizingAdvice modify = stored.rightsizing().get(0);
        assertThat(modify.action()).isEqualTo(RightsizingAdvice.Action.MODIFY);
        assertThat(modify.currentInstanceType()).isEqualTo("m5.2xlarge");
        assertThat(modify.targetInstanceType()).isEqualTo("m5.xlarge");
        assertThat(modify.estimatedMonthlySavings()).isEqualTo(Money.of("140.16", "USD"));
        assertThat(stored.rightsizing().get(1).action()).isEqualTo(RightsizingAdvice.Action.TERMINATE);
        assertThat(stored.reservations()).extracting(ReservationAdvice::service, ReservationAdvice::instanceType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(CostExplorerAdvicePull.EC2_SERVICE, "m5.xlarge"),
                        org.assertj.core.groups.Tuple.tuple(CostExplorerAdvicePull.RDS_SERVICE, "db.r6g.large"));
        assertThat(stored.reservations().get(0).estimatedMonthlySavings()).isEqualTo(Money.of("207.3200", "USD"));
        assertThat(stored.savingsPlans()).singleElement().satisfies(p -> {
            assertThat(p.hourlyCommitment()).isEqualTo(Money.of("1.234", "USD"));
            assertThat(p.estimatedMonthlySavings()).isEqualTo(Money.of("345.670", "USD"));
        });
        wm.verify(2, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "GetRightsizingRecommendation")));
        wm.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(TARGET + "GetSavingsPlansPurchaseRecommendation"))
                .withRequestBody(matchingJsonPath("$.SavingsPlansType", equalTo("COMPUTE_SP")))
                .withRequestBody(matchingJsonPath("$.TermInYears", equalTo("ONE_YEAR")))
                .withRequestBody(matchingJsonPath("$.PaymentOption", equalTo("NO_UPFRONT"))));
        wm.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(TARGET + "GetReservationPurchaseRecommendation"))
                .withRequestBody(matchingJsonPath("$.Service", equalTo(CostExplorerAdvicePull.RDS_SERVICE))));
    }

    @Test
    void pull_threeYearsAllUpfront_asksForThoseTerms() {
        serveAll();
        CostExplorerAdvicePull threeYears = CostExplorerAdvicePull.create(AwsTestSupport.CONFIG,
                AwsTestSupport.settings(wm, AwsSettings.COST_EXPLORER_REGION), AwsTestSupport.CREDENTIALS,
                new CostExplorerAdvicePull.Options("THREE_YEARS", "ALL_UPFRONT"), new JdbcProviderAdvice(db.dataSource()),
                Clock.fixed(NOW, ZoneOffset.UTC));

        threeYears.pull(LIVYFLOW);

        wm.verify(3, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(matchingJsonPath("$.TermInYears", equalTo("THREE_YEARS")))
                .withRequestBody(matchingJsonPath("$.PaymentOption", equalTo("ALL_UPFRONT"))));
    }

    @Test
    void pull_throttledOnceThenServed_retriesAndStores() {
        serveAll();
        wm.stubFor(call("GetSavingsPlansPurchaseRecommendation").atPriority(1)
                .withHeader("amz-sdk-request", containing("attempt=1;"))
                .willReturn(error(400, "com.amazon.coral.availability#ThrottlingException", "Rate exceeded")));

        assertThat(pull.pull(LIVYFLOW).advice()).isEqualTo(5);
        wm.verify(2, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(TARGET + "GetSavingsPlansPurchaseRecommendation")));
    }

    @Test
    void pull_throttledEveryTime_failsAndKeepsTheOldAdvice() {
        keepOldAdvice();
        serveAll();
        wm.stubFor(call("GetSavingsPlansPurchaseRecommendation").atPriority(1)
                .willReturn(error(400, "com.amazon.coral.availability#ThrottlingException", "Rate exceeded")));

        assertThatThrownBy(() -> pull.pull(LIVYFLOW))
                .isInstanceOfSatisfying(PurserException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR))
                .hasMessageContaining("throttling ce:GetSavingsPlansPurchaseRecommendation");
        assertOldAdviceKept();
    }

    @Test
    void pull_limitExceeded_failsAndKeepsTheOldAdvice() {
        keepOldAdvice();
        serveAll();
        wm.stubFor(call("GetRightsizingRecommendation").atPriority(1)
                .willReturn(error(400, "LimitExceededException", "You have exceeded the rate limit")));

        assertThatThrownBy(() -> pull.pull(LIVYFLOW))
                .isInstanceOfSatisfying(PurserException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR))
                .hasMessageContaining("LimitExceededException");
        assertOldAdviceKept();
    }

    @Test
    void pull_serverErrorOnTheSecondPage_failsAndKeepsTheOldAdvice() {
        keepOldAdvice();
        serveAll();
        wm.stubFor(call("GetRightsizingRecommendation").atPriority(1)
                .withRequestBody(matchingJsonPath("$.NextPageToken", equalTo("rs-page-2")))
                .willReturn(error(503, "ServiceUnavailableException", "down")));

        assertThatThrownBy(() -> pull.pull(LIVYFLOW))
                .isInstanceOfSatisfying(PurserException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR))
                .hasMessageContaining("after 3 attempts");
        assertOldAdviceKept();
    }

    @Test
    void pull_rdsReservationsFailLast_keepsTheOldAdvice() {
        keepOldAdvice();
        serveAll();
        wm.stubFor(call("GetReservationPurchaseRecommendation").atPriority(1)
                .withRequestBody(matchingJsonPath("$.Service", equalTo(CostExplorerAdvicePull.RDS_SERVICE)))
                .willReturn(error(500, "InternalServerError", "oops")));

        assertThatThrownBy(() -> pull.pull(LIVYFLOW)).isInstanceOf(PurserException.class);
        assertOldAdviceKept();
    }

    @Test
    void pull_noAccountGiven_usesAwsAccountIdFromTheEnvironment() {
        serveAll();

        InventoryPull.Result result = pull("333333333333").pull(InventoryPull.Request.defaults());

        assertThat(result.account()).isEqualTo("333333333333");
        assertThat(store.advice("333333333333").rightsizing()).hasSize(2);
    }

    @Test
    void pull_noAccountAnywhere_isBadArgumentNamingTheVariableWithoutCallingAws() {
        assertThatThrownBy(() -> pull.pull(InventoryPull.Request.defaults()))
                .isInstanceOfSatisfying(PurserException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT))
                .hasMessageContaining("AWS_ACCOUNT_ID");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void options_unknownTerm_isBadArgument() {
        assertThatThrownBy(() -> new CostExplorerAdvicePull.Options("TWO_YEARS", "NO_UPFRONT"))
                .isInstanceOfSatisfying(PurserException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT))
                .hasMessageContaining("TWO_YEARS");
    }

    // ---------------------------------------------------------------------------------------

    private void keepOldAdvice() {
        store.replace("livyflow", CostExplorerAdvicePull.SOURCE, EARLIER, List.of(new RightsizingAdvice("333333333333",
                "i-old", "old", null, "c5.large", RightsizingAdvice.Action.TERMINATE, null, null,
                Money.of("61.20", "USD"), null, Map.of(), List.of())), List.of(), List.of());
    }

    private void assertOldAdviceKept() {
        StoredAdvice stored = store.advice("livyflow");
        assertThat(stored.fetches()).extracting(StoredAdvice.Fetch::fetchedAt).containsExactly(EARLIER);
        assertThat(stored.rightsizing()).extracting(RightsizingAdvice::resourceId).containsExactly("i-old");
    }

    private void serveAll() {
        wm.stubFor(call("GetRightsizingRecommendation").atPriority(5).withRequestBody(notContaining("NextPageToken"))
                .willReturn(ok(AwsTestSupport.resource("ce/advice/rightsizing-page1.json"))));
        wm.stubFor(call("GetRightsizingRecommendation").atPriority(5)
                .withRequestBody(matchingJsonPath("$.NextPageToken", equalTo("rs-page-2")))
                .willReturn(ok(AwsTestSupport.resource("ce/advice/rightsizing-page2.json"))));
        wm.stubFor(call("GetReservationPurchaseRecommendation").atPriority(5)
                .withRequestBody(matchingJsonPath("$.Service", equalTo(CostExplorerAdvicePull.EC2_SERVICE)))
                .willReturn(ok(AwsTestSupport.resource("ce/advice/reservation-ec2.json"))));
        wm.stubFor(call("GetReservationPurchaseRecommendation").atPriority(5)
                .withRequestBody(matchingJsonPath("$.Service", equalTo(CostExplorerAdvicePull.RDS_SERVICE)))
                .willReturn(ok(AwsTestSupport.resource("ce/advice/reservation-rds.json"))));
        wm.stubFor(call("GetSavingsPlansPurchaseRecommendation").atPriority(5)
                .willReturn(ok(AwsTestSupport.resource("ce/advice/savings-plans-compute.json"))));
    }

    private static MappingBuilder call(String operation) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + operation));
    }

    private static ResponseDefinitionBuilder ok(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", JSON_11).withBody(body);
    }

    private static ResponseDefinitionBuilder error(int status, String type, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", JSON_11)
                .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }
}
