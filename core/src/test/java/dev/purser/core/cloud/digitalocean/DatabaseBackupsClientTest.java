package dev.purser.core.cloud.digitalocean;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.NOW;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.doResponse;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.ok;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.purser.core.cloud.http.ApiCallException;
import dev.purser.core.cloud.http.ApiFailure;
import dev.purser.core.cloud.http.HttpSettings;
import dev.purser.core.cloud.http.RateLimitRecorder;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v2/databases/{uuid}/backups} as the {@code backup_newer_than} pre-check reads it: one
 * attempt per request, as the executors' client makes, so each failure reaches the pre-check with
 * its kind (and a 429 with its reset) for it to decide.
 */
class DatabaseBackupsClientTest {

    static final String CLUSTER = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30";
    static final String PATH = "/v2/databases/" + CLUSTER + "/backups";
    static final HttpSettings ONE_ATTEMPT = new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(30), 1,
            Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO);

    private static WireMockServer wm;
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
        client = DoTestSupport.client(wm, ONE_ATTEMPT, new RateLimitRecorder(), new DoTestSupport.RecordingSleeper());
    }

    @Test
    void databaseBackups_documentedExample_scheduleAndProgressIgnored_backupsRead() {
        wm.stubFor(get(urlPathEqualTo(PATH)).willReturn(ok("database_backups_documented.json")));

        List<DatabaseBackup> backups = client.databaseBackups(CLUSTER);

        assertThat(backups).extracting(DatabaseBackup::createdAt).containsExactly(
                Instant.parse("2019-01-11T18:42:27Z"), Instant.parse("2019-01-12T18:42:29Z"));
        assertThat(backups.get(0).sizeGigabytes()).isEqualTo(new BigDecimal("0.03357696"));
    }

    @Test
    void databaseBackups_noneYet_emptyList() {
        wm.stubFor(get(urlPathEqualTo(PATH)).willReturn(ok("database_backups_none.json")));

        assertThat(client.databaseBackups(CLUSTER)).isEmpty();
    }

    @Test
    void databaseBackups_unknownCluster404_notFound() {
        wm.stubFor(get(urlPathEqualTo(PATH)).willReturn(DoTestSupport.error(404)));

        ApiCallException e = catchThrowableOfType(ApiCallException.class, () -> client.databaseBackups(CLUSTER));

        assertThat(e.failure().kind()).isEqualTo(ApiFailure.Kind.NOT_FOUND);
        assertThat(e.failure().status()).isEqualTo(404);
    }

    @Test
    void databaseBackups_rateLimited429_carriesTheReset_oneRequest() {
        Instant reset = NOW.plusSeconds(300);
        wm.stubFor(get(urlPathEqualTo(PATH)).willReturn(doResponse(429, resource("error_429.json"), 0, reset)));

        ApiCallException e = catchThrowableOfType(ApiCallException.class, () -> client.databaseBackups(CLUSTER));

        assertThat(e.failure().kind()).isEqualTo(ApiFailure.Kind.RATE_LIMITED);
        assertThat(e.failure().resetAt()).isEqualTo(reset);
        wm.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void databaseBackups_serverError500_serverError() {
        wm.stubFor(get(urlPathEqualTo(PATH)).willReturn(DoTestSupport.error(500)));

        ApiCallException e = catchThrowableOfType(ApiCallException.class, () -> client.databaseBackups(CLUSTER));

        assertThat(e.failure().kind()).isEqualTo(ApiFailure.Kind.SERVER_ERROR);
    }

    @Test
    void databaseBackups_rejectedToken401_unauthorized() {
        wm.stubFor(get(urlPathEqualTo(PATH)).willReturn(DoTestSupport.error(401)));

        ApiCallException e = catchThrowableOfType(ApiCallException.class, () -> client.databaseBackups(CLUSTER));

        assertThat(e.failure().kind()).isEqualTo(ApiFailure.Kind.UNAUTHORIZED);
    }
}
