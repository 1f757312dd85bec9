package dev.purser.core.cloud.digitalocean;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.NOW;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.SETTINGS;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.TOKEN;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.doResponse;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.error;
import static dev.purser.core.cloud.digitalocean.DoTestSupport.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.purser.core.cloud.digitalocean.DoTestSupport.RecordingSleeper;
import dev.purser.core.cloud.http.ApiCallException;
import dev.purser.core.cloud.http.ApiFailure;
import dev.purser.core.cloud.http.RateLimitRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The change calls, against WireMock answering with DigitalOcean's documented bodies. */
class DigitalOceanClientChangeTest {

    static final String ID = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30";

    private static WireMockServer wm;
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
        sleeper = new RecordingSleeper();
        client = DoTestSupport.client(wm, SETTINGS, new RateLimitRecorder(), sleeper);
    }

    @Test
    void resizeDatabaseCluster_sendsTheDocumentedBody() {
        wm.stubFor(put(urlPathEqualTo("/v2/databases/" + ID + "/resize")).willReturn(doResponse(202, "", 4800)));

        client.resizeDatabaseCluster(ID, "db-s-4vcpu-8gb", 3);

        wm.verify(1, putRequestedFor(urlPathEqualTo("/v2/databases/" + ID + "/resize"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"size\":\"db-s-4vcpu-8gb\",\"num_nodes\":3}")));
    }

    @Test
    void resizeDatabaseCluster_500_isNotResentBlindly() {
        wm.stubFor(put(urlPathEqualTo("/v2/databases/" + ID + "/resize")).willReturn(error(500)));

        assertThatThrownBy(() -> client.resizeDatabaseCluster(ID, "db-s-4vcpu-8gb", 3))
                .isInstanceOf(ApiCallException.class)
                .extracting(e -> ((ApiCallException) e).failure().kind()).isEqualTo(ApiFailure.Kind.SERVER_ERROR);
        wm.verify(1, putRequestedFor(urlPathEqualTo("/v2/databases/" + ID + "/resize")));
    }

    @Test
    void resizeDatabaseCluster_429_waitsForTheResetAndSendsAgain() {
        String path = "/v2/databases/" + ID + "/resize";
        wm.stubFor(put(urlPathEqualTo(path)).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(doResponse(429, resource("error_429.json"), 0, NOW.plusSeconds(20)))
                .willSetStateTo("reset"));
        wm.stubFor(put(urlPathEqualTo(path)).inScenario("limit").whenScenarioStateIs("reset")
                .willReturn(doResponse(202, "", 4999)));

        client.resizeDatabaseCluster(ID, "db-s-4vcpu-8gb", 3);

        wm.verify(2, putRequestedFor(urlPathEqualTo(path)));
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(20));
    }

    @Test
    void resizeDatabaseCluster_badNodeCount_isRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> client.resizeDatabaseCluster(ID, "db-s-4vcpu-8gb", 4))
                .hasMessageContaining("num_nodes 4 is not valid");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void databaseCluster_readsTheStatus() {
        wm.stubFor(get(urlPathEqualTo("/v2/databases/" + ID)).willReturn(DoTestSupport.ok("database_get_resizing.json")));

        DatabaseCluster c = client.databaseCluster(ID);

        assertThat(c.status()).isEqualTo("resizing");
        assertThat(c.size()).isEqualTo("db-s-2vcpu-4gb");
        assertThat(c.numNodes()).isEqualTo(2);
    }

    @Test
    void forkDatabaseCluster_sendsBackupRestoreAsDocumented() {
        wm.stubFor(post(urlPathEqualTo("/v2/databases")).willReturn(doResponse(201, resource("database_create_201.json"),
                4800)));
        DatabaseCluster source = new DatabaseCluster(ID, "backend", "pg", "14", "db-s-2vcpu-4gb", 2, "nyc3", "online",
                null, List.of(), null);

        DatabaseCluster fork = client.forkDatabaseCluster(source, "backend-restored",
                Instant.parse("2019-01-31T19:25:22Z"));

        wm.verify(1, postRequestedFor(urlPathEqualTo("/v2/databases")).withRequestBody(equalToJson("""
                {"name": "backend-restored",
                 "backup_restore": {"database_name": "backend", "backup_created_at": "2019-01-31T19:25:22Z"},
                 "engine": "pg", "version": "14", "region": "nyc3", "size": "db-s-2vcpu-4gb", "num_nodes": 2}""")));
        assertThat(fork.status()).isEqualTo("creating");
        assertThat(fork.id()).isEqualTo(ID);
    }

    @Test
    void deleteDatabaseCluster_sendsDelete() {
        wm.stubFor(delete(urlPathEqualTo("/v2/databases/" + ID)).willReturn(doResponse(204, "", 4800)));

        client.deleteDatabaseCluster(ID);

        wm.verify(1, deleteRequestedFor(urlPathEqualTo("/v2/databases/" + ID)));
    }

    @Test
    void startDropletAction_resize_sendsTypeSizeAndDisk() {
        wm.stubFor(post(urlPathEqualTo("/v2/droplets/3164444/actions"))
                .willReturn(doResponse(201, resource("droplet_action_201.json"), 4800)));

        DropletAction a = client.startDropletAction(3164444, "resize", "s-2vcpu-4gb", false);

        wm.verify(1, postRequestedFor(urlPathEqualTo("/v2/droplets/3164444/actions"))
                .withRequestBody(equalToJson("{\"type\":\"resize\",\"size\":\"s-2vcpu-4gb\",\"disk\":false}")));
        assertThat(a.id()).isEqualTo(36804745L);
        assertThat(a.inProgress()).isTrue();
        assertThat(a.regionSlug()).isEqualTo("nyc3");
    }

    @Test
    void action_andDropletActions_readTheDocumentedShapes() {
        wm.stubFor(get(urlPathEqualTo("/v2/actions/36804745")).willReturn(DoTestSupport.ok("action_get_completed.json")));
        wm.stubFor(get(urlPathEqualTo("/v2/droplets/3164444/actions"))
                .willReturn(DoTestSupport.ok("droplet_actions_list.json")));
        wm.stubFor(get(urlPathEqualTo("/v2/droplets/3164444")).willReturn(DoTestSupport.ok("droplet_get.json")));

        DropletAction a = client.action(36804745);
        List<DropletAction> list = client.dropletActions(3164444);
        Droplet d = client.droplet(3164444);

        assertThat(a.completed()).isTrue();
        assertThat(a.completedAt()).isEqualTo(Instant.parse("2020-07-20T19:37:45Z"));
        assertThat(list).hasSize(1);
        assertThat(list.get(0).type()).isEqualTo("create");
        assertThat(d.sizeSlug()).isEqualTo("s-2vcpu-4gb");
        assertThat(d.status()).isEqualTo("active");
        wm.verify(getRequestedFor(urlPathEqualTo("/v2/droplets/3164444/actions")));
    }
}
