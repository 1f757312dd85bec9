package dev.purser.core.cloud.digitalocean;

import dev.purser.core.config.Secret;
import dev.purser.core.config.DigitalOceanConfig;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.CLOCK;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.NOW;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.SETTINGS;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.doResponse;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.error;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.ok;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.purser.core.cloud.http.RateLimitRecorder;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.ingest.CostPull.Check;
import dev.purser.core.ingest.CostPull.PullRequest;
import dev.purser.core.ingest.CostPull.PullResult;
import dev.purser.core.ingest.DoInvoiceImporter;
import dev.purser.core.ingest.ImportOptions;
import dev.purser.core.ingest.ImportResult;
import dev.purser.core.ingest.StoreProbe;
import dev.purser.core.model.Money;
import dev.purser.core.store.JdbcCostSink;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoBillingImportTest {

    private static final String DEC = "22737513-0ea7-4206-8ceb-98a575af7681";
    private static final String NOV = "fdabb512-6faf-443c-ba2e-665452332a9e";
    private static final String BASE = "/v2/customers/my/invoices/";
    private static final String SOURCE = DoInvoiceImporter.SOURCE;

    private static WireMockServer wm;
    private static PurserDatabase db;
    private static StoreProbe store;

    @TempDir
    Path dir;

    private DoTestSupport.RecordingSleeper sleeper;
    private DoBillingImport pull;

    @BeforeAll
    static void start() {
        wm = DoTestSupport.startedServer();
        db = TestDatabase.fresh();
        store = new StoreProbe(db.dataSource());
    }

    @AfterAll
    static void stop() {
        wm.stop();
        db.close();
    }

    @BeforeEach
    void setUp() {
        wm.resetAll();
        store.clear();
        sleeper = new DoTestSupport.RecordingSleeper();
        pull = new DoBillingImport(new DoBillingPull(DoTestSupport.client(wm, SETTINGS, new RateLimitRecorder(), sleeper)),
                new JdbcCostSink(db.dataSource()), CLOCK);
        wm.stubFor(get(urlPathEqualTo("/v2/customers/my/invoices")).willReturn(ok("invoices_list.json")));
        stubInvoice(DEC, "invoice_summary_dec.json", "invoice_dec.csv", "DigitalOcean Invoice 2019 Dec (6173678-12345678).csv");
        stubInvoice(NOV, "invoice_summary_nov.json", "invoice_nov.csv", "DigitalOcean Invoice 2019 Nov (6173678-23456789).csv");
    }

    private static void stubInvoice(String uuid, String summary, String csv, String fileName) {
        wm.stubFor(get(urlPathEqualTo(BASE + uuid + "/summary")).willReturn(ok(summary)));
        wm.stubFor(get(urlPathEqualTo(BASE + uuid + "/csv")).willReturn(doResponse(200, resource(csv), 4000)
                .withHeader("content-type", "text/csv")
                .withHeader("content-disposition", "attachment; filename=\"" + fileName + "\"")));
    }

    @Test
    void pull_twoInvoices_landsBothAndTotalsMatchSummaries() {
        PullResult result = pull.pull(PullRequest.all());

        assertThat(pull.kind()).isEqualTo("do-billing");
        assertThat(result.checks()).extracting(Check::item).containsExactly("invoice 12345678", "invoice 23456789");
        assertThat(result.checks()).allSatisfy(c -> assertThat(c.matches()).isTrue());
        assertThat(result.checks().get(0).expected()).isEqualTo(Money.of("12.34", "USD"));
        assertThat(result.checks().get(0).imported().roundedToMinorUnit()).isEqualTo(Money.of("12.34", "USD"));
        assertThat(result.checks().get(1).imported().roundedToMinorUnit()).isEqualTo(Money.of("23.45", "USD"));
        assertThat(result.from()).isEqualTo(LocalDate.of(2019, 11, 1));
        assertThat(result.to()).isEqualTo(LocalDate.of(2019, 12, 31));
        ImportResult landed = result.imports().get(0);
        assertThat(landed.rows()).isEqualTo(6);
        assertThat(landed.billingPeriods()).containsExactlyInAnyOrder(YearMonth.of(2019, 11), YearMonth.of(2019, 12));
        assertThat(store.decimal("SELECT sum(billed_cost) FROM cost_line_item WHERE source = ?"
                + " AND billing_period_start = '2019-12-01T00:00:00Z'", SOURCE)).isEqualByComparingTo("12.34");
        assertThat(store.decimal("SELECT sum(billed_cost) FROM cost_line_item WHERE source = ?"
                + " AND billing_period_start = '2019-11-01T00:00:00Z'", SOURCE)).isEqualByComparingTo("23.45");
        assertThat(store.count("SELECT count(*) FROM cost_import")).as("one transaction, one import").isEqualTo(1);
        assertThat(store.decimal("SELECT sum(billed) FROM cost_daily")).isEqualByComparingTo("35.79");
    }

    @Test
    void pull_twice_replacesNeverDoubles() {
        pull.pull(PullRequest.all());
        Map<String, BigDecimal> first = store.lineItemTotalsByService(SOURCE);

        PullResult again = pull.pull(PullRequest.all());

        assertThat(again.imports().get(0).replacedRows()).isEqualTo(6);
        assertThat(store.lineItemTotalsByService(SOURCE)).isEqualTo(first);
        assertThat(store.dailyTotalsByService(SOURCE)).isEqualTo(first);
    }

    @Test
    void pull_afterTheSameInvoiceWasImportedFromAFile_replacesTheFile() throws Exception {
        Path file = dir.resolve("DigitalOcean Invoice 2019 Dec (6173678-12345678).csv");
        Files.writeString(file, resource("invoice_dec.csv"));
        new DoInvoiceImporter(new JdbcCostSink(db.dataSource()), CLOCK).importFile(file, ImportOptions.STRICT);

        pull.pull(new PullRequest(LocalDate.of(2019, 12, 1), LocalDate.of(2019, 12, 31), null));

        assertThat(store.decimal("SELECT sum(billed_cost) FROM cost_line_item")).isEqualByComparingTo("12.34");
    }

    @Test
    void pull_secondInvoiceServerErrorExhausted_leavesStoreAsBefore() {
        pull.pull(new PullRequest(LocalDate.of(2019, 12, 1), null, null));
        Map<String, String> before = store.snapshot();
        wm.stubFor(get(urlPathEqualTo(BASE + NOV + "/csv")).willReturn(error(500)));

        assertThatThrownBy(() -> pull.pull(PullRequest.all()))
                .isInstanceOfSatisfying(PurserException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR));

        wm.verify(3, getRequestedFor(urlPathEqualTo(BASE + NOV + "/csv")));
        assertThat(store.snapshot()).isEqualTo(before);
    }

    @Test
    void pull_secondInvoiceTotalMismatch_leavesStoreAsBefore() {
        pull.pull(new PullRequest(LocalDate.of(2019, 12, 1), null, null));
        Map<String, String> before = store.snapshot();
        wm.stubFor(get(urlPathEqualTo(BASE + NOV + "/csv")).willReturn(doResponse(200,
                resource("invoice_nov.csv").replace("$8.45", "$8.40"), 4000).withHeader("content-type", "text/csv")));

        assertThatThrownBy(() -> pull.pull(PullRequest.all()))
                .isInstanceOfSatisfying(PurserException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR);
                    assertThat(e.getMessage()).contains("23456789", "23.40 USD", "23.45 USD");
                });
        assertThat(store.snapshot()).isEqualTo(before);
    }

    @Test
    void pull_rateLimitedOnce_waitsForResetAndLands() {
        wm.stubFor(get(urlPathEqualTo(BASE + NOV + "/summary")).inScenario("rate").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(doResponse(429, resource("error_429.json"), 0, NOW.plusSeconds(5))).willSetStateTo("reset"));
        wm.stubFor(get(urlPathEqualTo(BASE + NOV + "/summary")).inScenario("rate").whenScenarioStateIs("reset")
                .willReturn(ok("invoice_summary_nov.json")));

        PullResult result = pull.pull(PullRequest.all());

        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(5));
        assertThat(result.checks()).hasSize(2).allSatisfy(c -> assertThat(c.matches()).isTrue());
        assertThat(store.decimal("SELECT sum(billed_cost) FROM cost_line_item")).isEqualByComparingTo("35.79");
    }

    @Test
    void pull_noInvoiceInRange_landsNothingAndSaysSo() {
        PullResult result = pull.pull(new PullRequest(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 3, 31), null));

        assertThat(result.imports()).isEmpty();
        assertThat(result.notes()).singleElement().asString().contains("no issued invoice from 2020-01 to 2020-03");
        assertThat(store.count("SELECT count(*) FROM cost_import")).isZero();
    }

    @Test
    void pull_withAccount_refused() {
        assertThatThrownBy(() -> pull.pull(new PullRequest(null, null, "6173678")))
                .isInstanceOfSatisfying(PurserException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT));
    }

    @Test
    void create_noToken_refusedAtPullNamingTheVariable() {
        DoBillingImport unconfigured = DoBillingImport.create(new DigitalOceanConfig(null, "DO_READ_TOKEN"),
                Secret.absent("DO_READ_TOKEN"), SETTINGS, new RateLimitRecorder(),
                new JdbcCostSink(db.dataSource()), CLOCK);

        assertThatThrownBy(() -> unconfigured.pull(PullRequest.all()))
                .isInstanceOfSatisfying(PurserException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
                    assertThat(e.getMessage()).contains("DO_READ_TOKEN");
                });
    }
}
