package dev.purser.core.cloud.aws;

import dev.purser.core.config.AwsConfig;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.ingest.CostPull.PullRequest;
import dev.purser.core.ingest.CostPull.PullResult;
import dev.purser.core.ingest.StoreProbe;
import dev.purser.core.store.JdbcCostSink;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;

class CostExplorerImportTest {

    private static final String ACCOUNT = "111122223333";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);
    private static final List<String> SERVICES = List.of("Amazon Elastic Compute Cloud - Compute",
            "Amazon Simple Storage Service", "Tax");
    private static final LocalDate OCT_1 = LocalDate.of(2026, 10, 1);
    private static final LocalDate OCT_10 = LocalDate.of(2026, 10, 10);
    private static final LocalDate OCT_20 = LocalDate.of(2026, 10, 20);
    private static final LocalDate OCT_31 = LocalDate.of(2026, 10, 31);

    private static WireMockServer wm;
    private static CostExplorerClient client;
    private static PurserDatabase db;
    private static StoreProbe store;
    private CostExplorerImport pull;

    @BeforeAll
    static void start() {
        wm = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        wm.start();
        client = AwsClients.costExplorer(AwsTestSupport.settings(wm, AwsSettings.COST_EXPLORER_REGION), AwsTestSupport.CREDENTIALS);
        db = TestDatabase.fresh();
        store = new StoreProbe(db.dataSource());
    }

    @AfterAll
    static void stop() {
        client.close();
        wm.stop();
        db.close();
    }

    @BeforeEach
    void setUp() {
        wm.resetAll();
        store.clear();
        pull = new CostExplorerImport(new CostExplorerSource(client), new JdbcCostSink(db.dataSource()), CLOCK, null);
    }

    /** A deterministic daily amount with ten decimals, as Cost Explorer writes them; {@code version} stands for a revision. */
    private static BigDecimal amount(String service, LocalDate day, int version) {
        BigDecimal base = switch (SERVICES.indexOf(service)) {
            case 0 -> new BigDecimal("91.4400000001");
            case 1 -> new BigDecimal("0.0000000000");
            default -> new BigDecimal("7.3300000007");
        };
        return base.add(new BigDecimal(day.getDayOfMonth()).movePointLeft(4)).add(new BigDecimal(version).movePointLeft(10));
    }

    /** Answers a GetCostAndUsage for exactly {@code first..last} with every service on every day. */
    private static void stubWindow(LocalDate first, LocalDate last, int version) {
        StringBuilder days = new StringBuilder();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            if (days.length() > 0) {
                days.append(',');
            }
            days.append("{\"Estimated\":").append(d.isAfter(LocalDate.of(2026, 10, 29))).append(",\"TimePeriod\":{\"Start\":\"")
                    .append(d).append("\",\"End\":\"").append(d.plusDays(1)).append("\"},\"Total\":{},\"Groups\":[");
            for (int i = 0; i < SERVICES.size(); i++) {
                String a = amount(SERVICES.get(i), d, version).toPlainString();
                days.append(i == 0 ? "" : ",").append("{\"Keys\":[\"").append(SERVICES.get(i)).append("\"],\"Metrics\":{")
                        .append("\"AmortizedCost\":{\"Amount\":\"").append(a).append("\",\"Unit\":\"USD\"},")
                        .append("\"UnblendedCost\":{\"Amount\":\"").append(a).append("\",\"Unit\":\"USD\"}}}");
            }
            days.append("]}");
        }
        String body = "{\"GroupDefinitions\":[{\"Type\":\"DIMENSION\",\"Key\":\"SERVICE\"}],\"ResultsByTime\":["
                + days + "],\"DimensionValueAttributes\":[]}";
        wm.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSInsightsIndexService.GetCostAndUsage"))
                .withRequestBody(matchingJsonPath("$.TimePeriod.Start", equalTo(first.toString())))
                .withRequestBody(matchingJsonPath("$.TimePeriod.End", equalTo(last.plusDays(1).toString())))
                .willReturn(ok(body)));
    }

    private static ResponseDefinitionBuilder ok(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
    }

    /** service|USD → the sum over the days, each day at the version that should be stored for it. */
    private static Map<String, BigDecimal> expected(LocalDate first, LocalDate last, Function<LocalDate, Integer> version) {
        Map<String, BigDecimal> out = new TreeMap<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            for (String s : SERVICES) {
                out.merge(s + "|USD", amount(s, d, version.apply(d)), BigDecimal::add);
            }
        }
        return out;
    }

    private static PullRequest days(LocalDate from, LocalDate to) {
        return new PullRequest(from, to, ACCOUNT);
    }

    @Test
    void pull_overlappingWindows_equalOnePullOfTheUnion() {
        stubWindow(OCT_1, OCT_20, 1);
        stubWindow(OCT_10, OCT_31, 1);
        stubWindow(OCT_1, OCT_31, 1);

        pull.pull(days(OCT_1, OCT_20));
        PullResult second = pull.pull(days(OCT_10, OCT_31));
        Map<String, BigDecimal> afterBoth = store.lineItemTotalsByService("aws-ce");
        pull.pull(days(OCT_1, OCT_31));

        Map<String, BigDecimal> union = expected(OCT_1, OCT_31, d -> 1);
        assertThat(afterBoth).isEqualTo(store.lineItemTotalsByService("aws-ce"));
        assertThat(afterBoth.keySet()).isEqualTo(union.keySet());
        union.forEach((k, v) -> assertThat(afterBoth.get(k)).as(k).isEqualByComparingTo(v));
        assertThat(store.dailyTotalsByService("aws-ce")).isEqualTo(store.lineItemTotalsByService("aws-ce"));
        assertThat(store.count("SELECT count(*) FROM cost_line_item")).isEqualTo(31 * 3);
        assertThat(second.imports().get(0).replacedRows()).as("Oct 10..20 of the first pull").isEqualTo(11 * 3);
        assertThat(second.from()).isEqualTo(OCT_10);
        assertThat(second.notes()).anySatisfy(n -> assertThat(n).contains("1 request"))
                .anySatisfy(n -> assertThat(n).contains("2 days are still estimated"));
    }

    @Test
    void pull_laterWindowRevisesDays_storesTheRevision() {
        stubWindow(OCT_10, OCT_31, 1);
        stubWindow(OCT_1, OCT_20, 2);

        pull.pull(days(OCT_10, OCT_31));
        pull.pull(days(OCT_1, OCT_20));

        Map<String, BigDecimal> want = expected(OCT_1, OCT_31, d -> d.isAfter(OCT_20) ? 1 : 2);
        Map<String, BigDecimal> got = store.lineItemTotalsByService("aws-ce");
        want.forEach((k, v) -> assertThat(got.get(k)).as(k).isEqualByComparingTo(v));
    }

    @Test
    void pull_otherAccountSameDays_untouched() {
        stubWindow(OCT_1, OCT_10, 1);
        pull.pull(new PullRequest(OCT_1, OCT_10, "999999999999"));
        pull.pull(days(OCT_1, OCT_10));

        pull.pull(days(OCT_1, OCT_10));

        assertThat(store.count("SELECT count(*) FROM cost_line_item WHERE billing_account_id = '999999999999'"))
                .isEqualTo(10 * 3);
        assertThat(store.count("SELECT count(*) FROM cost_line_item WHERE billing_account_id = ?", ACCOUNT))
                .isEqualTo(10 * 3);
    }

    @Test
    void pull_serverErrorOnEveryAttempt_leavesStoreAsBefore() {
        stubWindow(OCT_1, OCT_10, 1);
        pull.pull(days(OCT_1, OCT_10));
        Map<String, String> before = store.snapshot();
        wm.resetAll();
        wm.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"InternalServerError\",\"message\":\"oops\"}")));

        assertThatThrownBy(() -> pull.pull(days(OCT_1, OCT_10)))
                .isInstanceOfSatisfying(PurserException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR));

        wm.verify(3, postRequestedFor(urlEqualTo("/")));
        assertThat(store.snapshot()).isEqualTo(before);
    }

    @Test
    void pull_badRequests_refusedBeforeCallingAws() {
        assertThatThrownBy(() -> pull.pull(new PullRequest(null, OCT_31, ACCOUNT)))
                .isInstanceOfSatisfying(PurserException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
                    assertThat(e.getMessage()).contains("--from", "--to");
                });
        assertThatThrownBy(() -> pull.pull(new PullRequest(OCT_1, OCT_31, null)))
                .isInstanceOfSatisfying(PurserException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
                    assertThat(e.getMessage()).contains("--account", "AWS_ACCOUNT_ID");
                });
        assertThatThrownBy(() -> pull.pull(days(OCT_1, LocalDate.of(2026, 11, 21))))
                .isInstanceOfSatisfying(PurserException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT));
        wm.verify(0, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void create_configuredAccount_filesRowsUnderIt() {
        stubWindow(OCT_1, OCT_1, 1);
        CostExplorerImport configured = CostExplorerImport.create(AwsConfig.defaults().withAccountId("444455556666"),
                AwsTestSupport.settings(wm, AwsSettings.COST_EXPLORER_REGION), AwsTestSupport.CREDENTIALS, new JdbcCostSink(db.dataSource()), CLOCK);

        PullResult result = configured.pull(new PullRequest(OCT_1, OCT_1, null));

        assertThat(result.imports().get(0).billingAccounts()).containsExactly("444455556666");
        assertThat(store.count("SELECT count(*) FROM cost_line_item WHERE billing_account_id = '444455556666'")).isEqualTo(3);
    }
}
