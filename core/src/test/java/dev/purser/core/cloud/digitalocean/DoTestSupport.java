package dev.purser.core.cloud.digitalocean;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.purser.core.cloud.http.HttpSettings;
import dev.purser.core.cloud.http.RateLimitRecorder;
import dev.purser.core.cloud.http.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** WireMock responses shaped like DigitalOcean's, a recording sleeper, and a client wired to both. */
final class DoTestSupport {

    /** Looks like a real DigitalOcean token so a leak would be recognisable. */
    static final String TOKEN = "dop_v1_5ecr3t0123456789abcdef0123456789abcdef0123456789abcdef01234567";
    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /**
     * Generous timeouts so a loaded build machine does not turn a slow answer into a timeout
     * (the timeout tests set their own short ones); retries never really sleep.
     */
    static final HttpSettings SETTINGS = new HttpSettings(Duration.ofSeconds(30), Duration.ofSeconds(30), 3,
            Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(60));

    /** Records each wait instead of sleeping. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> waits = new ArrayList<>();

        @Override
        public void sleep(Duration duration) {
            waits.add(duration);
        }
    }

    private DoTestSupport() {
    }

    /** A started server that has answered once, so no test pays for the first, cold request. */
    static WireMockServer startedServer() {
        WireMockServer wm = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        wm.start();
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(wm.baseUrl() + "/__admin/mappings")).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return wm;
    }

    static DigitalOceanClient client(WireMockServer wm, HttpSettings settings, RateLimitRecorder recorder,
            RecordingSleeper sleeper) {
        return new DigitalOceanClient(URI.create(wm.baseUrl()), TOKEN, settings, recorder, CLOCK, sleeper);
    }

    static String resource(String name) {
        try (InputStream in = DoTestSupport.class.getResourceAsStream("/digitalocean/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource digitalocean/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A response with DigitalOcean's rate-limit headers, remaining as given. */
    static ResponseDefinitionBuilder doResponse(int status, String body, long remaining) {
        return doResponse(status, body, remaining, NOW.plusSeconds(1800));
    }

    /** A response with DigitalOcean's rate-limit headers, remaining and reset as given. */
    static ResponseDefinitionBuilder doResponse(int status, String body, long remaining, Instant reset) {
        return aResponse()
                .withStatus(status)
                .withHeader("content-type", "application/json; charset=utf-8")
                .withHeader("ratelimit-limit", "5000")
                .withHeader("ratelimit-remaining", Long.toString(remaining))
                .withHeader("ratelimit-reset", Long.toString(reset.getEpochSecond()))
                .withBody(body);
    }

    static ResponseDefinitionBuilder ok(String file) {
        return doResponse(200, resource(file), 4816);
    }

    static ResponseDefinitionBuilder error(int status) {
        return doResponse(status, resource("error_" + status + ".json"), 4815);
    }
}
