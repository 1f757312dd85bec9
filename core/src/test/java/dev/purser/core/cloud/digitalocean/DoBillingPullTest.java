package dev.purser.core.cloud.digitalocean;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.SETTINGS;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.doResponse;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.error;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.ok;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.purser.core.cloud.digitalocean.DoBillingPull.PulledInvoice;
import dev.purser.core.cloud.http.RateLimitRecorder;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.ChargeCategory;
import dev.purser.core.model.CostLineItem;
import dev.purser.core.model.Money;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DoBillingPullTest {

    private static final String DEC = "22737513-0ea7-4206-8ceb-98a575af7681";
    private static final String NOV = "fdabb512-6faf-443c-ba2e-665452332a9e";
    private static final String BASE = "/v2/customers/my/invoices/";

    private static WireMockServer wm;
    private DoBillingPull pull;

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
        pull = new DoBillingPull(DoTestSupport.client(wm, SETTINGS, new RateLimitRecorder(),
                new DoTestSupport.RecordingSleeper()));
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
    void pull_twoInvoices_rowsReconcileWithSummaries() {
        List<PulledInvoice> invoices = pull.pull();

        assertThat(invoices).extracting(p -> p.invoice().invoiceId()).containsExactly("12345678", "23456789");
        PulledInvoice dec = invoices.get(0);
        assertThat(dec.items()).hasSize(4);
        assertThat(dec.total().roundedToMinorUnit()).isEqualTo(Money.of("12.34", "USD"));
        assertThat(dec.fileName()).isEqualTo("DigitalOcean Invoice 2019 Dec (6173678-12345678).csv");
        CostLineItem first = dec.items().get(0);
        assertThat(first.billingAccountId()).isEqualTo("6173678");
        assertThat(first.billingAccountName()).isEqualTo("DigitalOcean");
        assertThat(first.billingPeriodStart()).isEqualTo(Instant.parse("2019-12-01T00:00:00Z"));
        assertThat(first.billingPeriodEnd()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(first.extras()).containsEntry("invoice_id", "12345678");
        assertThat(dec.items()).extracting(CostLineItem::chargeCategory)
                .containsExactly(ChargeCategory.USAGE, ChargeCategory.USAGE, ChargeCategory.CREDIT, ChargeCategory.TAX);
        assertThat(invoices.get(1).items()).extracting(CostLineItem::serviceCategory)
                .containsExactly("Databases", "Storage");
    }

    @Test
    void pull_monthRange_fetchesOnlyThoseInvoices() {
        List<PulledInvoice> invoices = pull.pull(YearMonth.of(2019, 11), YearMonth.of(2019, 11));

        assertThat(invoices).singleElement().satisfies(p -> assertThat(p.invoice().invoiceUuid()).isEqualTo(NOV));
        wm.verify(0, getRequestedFor(urlPathEqualTo(BASE + DEC + "/csv")));
    }

    @Test
    void pull_rowsDisagreeWithSummary_namesInvoiceAndBothAmounts() {
        wm.stubFor(get(urlPathEqualTo(BASE + NOV + "/csv")).willReturn(doResponse(200,
                resource("invoice_nov.csv").replace("$8.45", "$8.40"), 4000).withHeader("content-type", "text/csv")));

        assertThatThrownBy(() -> pull.pull())
                .isInstanceOfSatisfying(PurserException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR);
                    assertThat(e.getMessage()).contains("23456789", "23.40 USD", "23.45 USD");
                });
    }

    @Test
    void pull_secondInvoiceFails_returnsNothing() {
        wm.stubFor(get(urlPathEqualTo(BASE + NOV + "/csv")).willReturn(error(500)));

        List<PulledInvoice> result = null;
        try {
            result = pull.pull();
        } catch (PurserException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR);
            assertThat(e.getMessage()).contains("the CSV of invoice " + NOV);
        }

        assertThat(result).as("nothing partial is handed back").isNull();
        wm.verify(1, getRequestedFor(urlPathEqualTo(BASE + DEC + "/csv")));
        wm.verify(3, getRequestedFor(urlPathEqualTo(BASE + NOV + "/csv")));
    }

    @Test
    void pull_unreadableCsv_isAnExternalErrorWithFileLineAndColumn() {
        wm.stubFor(get(urlPathEqualTo(BASE + DEC + "/csv")).willReturn(doResponse(200,
                resource("invoice_dec.csv").replace("$3.11", "three dollars"), 4000)
                .withHeader("content-disposition", "attachment; filename=\"dec.csv\"")));

        assertThatThrownBy(() -> pull.pull())
                .isInstanceOfSatisfying(PurserException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR);
                    assertThat(e.getMessage()).contains("12345678", "dec.csv:2: USD: 'three dollars'");
                });
    }
}
