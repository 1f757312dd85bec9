package dev.purser.core.cloud.digitalocean;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.NOW;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.SETTINGS;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.TOKEN;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.doResponse;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.error;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.purser.core.cloud.digitalocean.DoTestSupport.RecordingSleeper;
import dev.purser.core.cloud.http.HttpSettings;
import dev.purser.core.cloud.http.RateLimitRecorder;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.ErrorType;
import dev.purser.core.error.PurserException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class DigitalOceanClientFailureTest {

    private static final String INVOICES = "/v2/customers/my/invoices";
    private static final String SUMMARY = INVOICES + "/22737513-0ea7-4206-8ceb-98a575af7681/summary";

    private static WireMockServer wm;
    private RateLimitRecorder recorder;
    private RecordingSleeper sleeper;
    private DigitalOceanClient client;
    private ListAppender<ILoggingEvent> logs;
    private Logger purserLogger;
    private Level previousLevel;
    private final List<PurserException> thrown = new ArrayList<>();

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
        purserLogger = (Logger) LoggerFactory.getLogger("dev.purser");
        previousLevel = purserLogger.getLevel();
        purserLogger.setLevel(Level.DEBUG);
        logs = new ListAppender<>();
        logs.start();
        purserLogger.addAppender(logs);
    }

    /** Whatever a test did, no Purser log line and no exception it caught may carry the token. */
    @AfterEach
    void tokenNeverLeaked() {
        purserLogger.detachAppender(logs);
        purserLogger.setLevel(previousLevel);
        for (ILoggingEvent event : logs.list) {
            assertThat(event.getFormattedMessage()).doesNotContain(TOKEN);
            if (event.getThrowableProxy() != null) {
                assertThat(event.getThrowableProxy().getMessage()).doesNotContain(TOKEN);
            }
        }
        for (PurserException e : thrown) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(TOKEN);
            }
        }
    }

    private PurserException failure(Supplier<?> call) {
        try {
            call.get();
        } catch (PurserException e) {
            thrown.add(e);
            return e;
        }
        throw new AssertionError("expected a PurserException");
    }

    @Test
    void get_429WithReset_waitsUntilResetThenSucceeds() {
        wm.stubFor(get(urlPathEqualTo(INVOICES)).inScenario("rate").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(doResponse(429, DoTestSupport.resource("error_429.json"), 0, NOW.plusSeconds(7)))
                .willSetStateTo("reset"));
        wm.stubFor(get(urlPathEqualTo(INVOICES)).inScenario("rate").whenScenarioStateIs("reset")
                .willReturn(ok("invoices_list.json")));

        InvoiceListing listing = client.invoices();

        assertThat(listing.invoices()).hasSize(2);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7));
        assertThat(recorder.latest("DigitalOcean", "requests_per_hour").orElseThrow().remaining()).isEqualTo(4816);
    }

    @Test
    void get_429WithRetryAfter_prefersRetryAfterOverReset() {
        wm.stubFor(get(urlPathEqualTo(INVOICES)).inScenario("burst").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(doResponse(429, DoTestSupport.resource("error_429.json"), 0).withHeader("retry-after", "29"))
                .willSetStateTo("ok"));
        wm.stubFor(get(urlPathEqualTo(INVOICES)).inScenario("burst").whenScenarioStateIs("ok")
                .willReturn(ok("invoices_list.json")));

        client.invoices();

        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(29));
    }

    @Test
    void get_429ResetBeyondMaxWait_failsAtOnceNamingTheReset() {
        wm.stubFor(get(urlPathEqualTo(INVOICES)).willReturn(doResponse(429, DoTestSupport.resource("error_429.json"), 0, NOW.plusSeconds(3600))));

        PurserException e = failure(client::invoices);

        assertThat(e.code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR);
        assertThat(e.getMessage()).contains("429", "2026-11-20T11:00:00Z", "API rate limit exceeded.");
        assertThat(sleeper.waits).isEmpty();
        wm.verify(1, getRequestedFor(urlPathEqualTo(INVOICES)));
        assertThat(recorder.latest("DigitalOcean", "requests_per_hour").orElseThrow().remaining()).isZero();
    }

    @Test
    void get_429OnEveryAttempt_failsAfterMaxAttempts() {
        wm.stubFor(get(urlPathEqualTo(INVOICES)).willReturn(doResponse(429, DoTestSupport.resource("error_429.json"), 0, NOW.plusSeconds(2))));

        PurserException e = failure(client::invoices);

        assertThat(e.code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR);
        assertThat(e.getMessage()).contains("rate limit", "3 attempt");
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
        wm.verify(3, getRequestedFor(urlPathEqualTo(INVOICES)));
    }

    @Test
    void get_500ThenSuccess_retriesAfterJitteredBackoff() {
        wm.stubFor(get(urlPathEqualTo(SUMMARY)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(error(500)).willSetStateTo("up"));
        wm.stubFor(get(urlPathEqualTo(SUMMARY)).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(ok("invoice_summary_documented.json")));

        InvoiceSummary summary = client.invoiceSummary("22737513-0ea7-4206-8ceb-98a575af7681");

        assertThat(summary.invoiceId()).isEqualTo("123456789");
        assertThat(sleeper.waits).singleElement()
                .satisfies(d -> assertThat(d).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1)));
    }

    @Test
    void get_persistent500_failsWithStatusAndAttempts() {
        wm.stubFor(get(urlPathEqualTo(SUMMARY)).willReturn(error(500)));

        PurserException e = failure(() -> client.invoiceSummary("22737513-0ea7-4206-8ceb-98a575af7681"));

        assertThat(e.code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR);
        assertThat(e.type()).isEqualTo(ErrorType.EXTERNAL);
        assertThat(e.getMessage()).contains("500", "3 attempts", "Unexpected server-side error", "try again later");
        wm.verify(3, getRequestedFor(urlPathEqualTo(SUMMARY)));
        assertThat(sleeper.waits).hasSize(2);
        assertThat(sleeper.waits.get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(logs.list).as("retries are logged (and checked for the token after each test)")
                .extracting(ILoggingEvent::getFormattedMessage).anyMatch(m -> m.contains("retrying in"));
    }

    @Test
    void get_timeoutThenSuccess_retries() {
        HttpSettings quick = SETTINGS.withRequestTimeout(Duration.ofMillis(1500));
        client = DoTestSupport.client(wm, quick, recorder, sleeper);
        wm.stubFor(get(urlPathEqualTo(SUMMARY)).inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ok("invoice_summary_documented.json").withFixedDelay(6000)).willSetStateTo("fast"));
        wm.stubFor(get(urlPathEqualTo(SUMMARY)).inScenario("slow").whenScenarioStateIs("fast")
                .willReturn(ok("invoice_summary_documented.json")));

        InvoiceSummary summary = client.invoiceSummary("22737513-0ea7-4206-8ceb-98a575af7681");

        assertThat(summary.amount().amount()).isEqualByComparingTo("27.13");
        assertThat(sleeper.waits).hasSize(1);
        wm.verify(2, getRequestedFor(urlPathEqualTo(SUMMARY)));
    }

    @Test
    void get_timeoutEveryAttempt_saysWhatToCheck() {
        HttpSettings quick = SETTINGS.withRequestTimeout(Duration.ofMillis(200)).withMaxAttempts(2);
        client = DoTestSupport.client(wm, quick, recorder, sleeper);
        wm.stubFor(get(urlPathEqualTo(SUMMARY)).willReturn(ok("invoice_summary_documented.json").withFixedDelay(1000)));

        PurserException e = failure(() -> client.invoiceSummary("22737513-0ea7-4206-8ceb-98a575af7681"));

        assertThat(e.code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR);
        assertThat(e.getMessage()).contains("within 200 ms", "2 attempts", "timeout");
    }

    @Test
    void get_connectionRefused_failsAfterRetriesNamingTheProblem() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        client = new DigitalOceanClient(URI.create("http://127.0.0.1:" + port), TOKEN, SETTINGS, recorder,
                DoTestSupport.CLOCK, sleeper);

        PurserException e = failure(client::droplets);

        assertThat(e.code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR);
        assertThat(e.getMessage()).contains("could not reach DigitalOcean", "3 attempts");
        assertThat(sleeper.waits).hasSize(2);
    }

    @Test
    void get_401_saysToSetTheTokenVariable() {
        wm.stubFor(get(urlPathEqualTo(INVOICES)).willReturn(error(401)));

        PurserException e = failure(client::invoices);

        assertThat(e.code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR);
        assertThat(e.getMessage()).startsWith(
                "DigitalOcean rejected the token (401): set DIGITALOCEAN_TOKEN to a valid read token");
        assertThat(e.getMessage()).contains("Unable to authenticate you.");
        assertThat(sleeper.waits).isEmpty();
        wm.verify(1, getRequestedFor(urlPathEqualTo(INVOICES)));
    }

    @Test
    void get_401EchoingTheToken_scrubsItFromTheMessage() {
        wm.stubFor(get(urlPathEqualTo(INVOICES)).willReturn(doResponse(401,
                "{\"id\":\"unauthorized\",\"message\":\"token " + TOKEN + " is not valid\"}", 4000)));

        PurserException e = failure(client::invoices);

        assertThat(e.getMessage()).contains("[redacted]").doesNotContain(TOKEN);
    }

    @Test
    void get_403_namesTheMissingScope() {
        wm.stubFor(get(urlPathEqualTo(INVOICES)).willReturn(error(403)));

        PurserException e = failure(client::invoices);

        assertThat(e.code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR);
        assertThat(e.getMessage()).contains("lacks the scope", "needs read access to billing", "billing:read");
    }

    @Test
    void get_404_isNotFoundNamingTheResource() {
        wm.stubFor(get(urlPathEqualTo(SUMMARY)).willReturn(error(404)));

        PurserException e = failure(() -> client.invoiceSummary("22737513-0ea7-4206-8ceb-98a575af7681"));

        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(e.getMessage()).contains("the summary of invoice 22737513-0ea7-4206-8ceb-98a575af7681", "404");
    }

    @Test
    void get_malformedJson_saysWhereAndWhatToDo() {
        wm.stubFor(get(urlPathEqualTo(INVOICES)).willReturn(doResponse(200, "{\"invoices\": [ {\"invoice_uuid\": ", 4000)));

        PurserException e = failure(client::invoices);

        assertThat(e.code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR);
        assertThat(e.getMessage()).contains("cannot read", "not valid JSON", "try again");
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void get_amountNotADecimal_namesTheField() {
        wm.stubFor(get(urlPathEqualTo(INVOICES)).willReturn(doResponse(200,
                "{\"invoices\":[{\"invoice_uuid\":\"u1\",\"invoice_id\":\"1\",\"amount\":\"12,34\",\"invoice_period\":\"2019-12\"}],"
                        + "\"meta\":{\"total\":1}}", 4000)));

        PurserException e = failure(client::invoices);

        assertThat(e.getMessage()).contains("invoices[0].amount", "12,34");
    }
}
