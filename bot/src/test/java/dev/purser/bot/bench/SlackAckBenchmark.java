package dev.purser.bot.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issue 11: how fast {@code purser serve} acknowledges a signed {@code /purser cost}, beside a
 * bare Bolt app on the same stack ({@link BareBoltApp}) that only acks. Both run as child JVMs
 * with the same options ({@code bench.slackJvm}, default {@code -Xmx256m}): Purser as a user starts it ({@code java -jar purser.jar serve}) over the
 * three demo scenarios in an embedded PostgreSQL, its Slack Web API and {@code response_url}s on
 * a WireMock in this JVM.
 *
 * <p>Load: bursts of {@code bench.slackConcurrency} (50) requests sent at once, each signed with
 * its own trigger id; {@code bench.slackBursts} (40) bursts measured after 10 warm-up bursts.
 * Purser's next burst starts once every answer of the last one reached its response_url, so the
 * command pool is never asked to hold more than one burst (the busy answer would be measured
 * instead). Reports ack latency percentiles, the p99 ratio, and each server's resident memory
 * (VmRSS, sampled every 50 ms) idle and under the load. PostgreSQL runs in processes of its own.
 */
public final class SlackAckBenchmark {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
    private static final String TEAM = "T0BENCH01";

    private SlackAckBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int concurrency = Integer.getInteger("bench.slackConcurrency", 50);
        int bursts = Integer.getInteger("bench.slackBursts", 40);
        List<String> jvm = List.of(System.getProperty("bench.slackJvm", "-Xmx256m").trim().split("\\s+"));
        Path work = Files.createTempDirectory(CostBenchmark.workDir(), "slack-");
        List<String> summary = new ArrayList<>();
        WireMockServer slackApi = new WireMockServer(WireMockConfiguration.options().dynamicPort()
                .containerThreads(80).disableRequestJournal());
        AtomicInteger answers = new AtomicInteger();
        slackApi.start();
        slackApi.addMockServiceRequestListener((request, response) -> {
            if (request.getUrl().startsWith("/respond/")) {
                answers.incrementAndGet();
            }
        });
        slackApi.stubFor(post(urlEqualTo("/api/auth.test")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":true,\"team_id\":\"" + TEAM + "\",\"user_id\":\"U0BOT\",\"bot_id\":\"B0BOT\"}")));
        slackApi.stubFor(post(urlPathMatching("/respond/.*")).willReturn(aResponse().withStatus(200).withBody("ok")));
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String secret = HexFormat.of().formatHex(random);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pg"))
                .setCleanDataDirectory(true).setServerConfig("max_connections", "50").start()) {
            McpBenchmark.loadDemo(pg, work.resolve("demo"), summary);
            Path config = work.resolve("purser.yaml");
            Files.writeString(config, "slack:\n  api_base_url: " + slackApi.baseUrl() + "/api/\n");

            List<String> purserCommand = new ArrayList<>(List.of(java()));
            purserCommand.addAll(jvm);
            Path jar = Path.of(System.getProperty("bench.purserJar", "none"));
            if (Files.isRegularFile(jar)) {
                purserCommand.addAll(List.of("-jar", jar.toString()));
            } else {
                purserCommand.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.purser.bot.cli.PurserMain"));
            }
            purserCommand.addAll(List.of("serve", "--port", "0"));
            Map<String, String> purserEnv = Map.of("PURSER_CONFIG", config.toString(),
                    "PURSER_HOME", work.resolve("home").toString(),
                    "PURSER_DATABASE_URL", pg.getJdbcUrl("postgres", "postgres"), "PURSER_DATABASE_USER", "postgres",
                    "SLACK_SIGNING_SECRET", secret, "SLACK_BOT_TOKEN", "xoxb-bench");
            Result purser = measure("purser serve (/purser cost last-month)", purserCommand, purserEnv, secret,
                    "cost last-month", slackApi, answers, concurrency, bursts, summary);

            List<String> bareCommand = new ArrayList<>(List.of(java()));
            bareCommand.addAll(jvm);
            bareCommand.addAll(List.of("-cp", System.getProperty("java.class.path"), BareBoltApp.class.getName(),
                    slackApi.baseUrl() + "/api/"));
            Result bare = measure("bare Bolt, ack only", bareCommand, Map.of("SLACK_SIGNING_SECRET", secret,
                    "SLACK_BOT_TOKEN", "xoxb-bench"), secret, "cost last-month", null, answers, concurrency, bursts,
                    summary);

            summary.add("");
            summary.add(Latencies.header());
            summary.add(purser.acks().row());
            summary.add(bare.acks().row());
            summary.add(String.format(Locale.ROOT, "ack p50 ratio purser/bare: %.2f; p99 ratio: %.2f (target: p99 <= 100 ms"
                    + " and within 2x of bare Bolt)", purser.acks().percentileMillis(50) / bare.acks().percentileMillis(50),
                    purser.acks().percentileMillis(99) / bare.acks().percentileMillis(99)));
            summary.add("busy acks (pool full) from purser serve: " + purser.busy());
        } finally {
            slackApi.stop();
            CostBenchmark.deleteTree(work);
        }
        System.out.println();
        System.out.println("== Slack ack benchmark (issue 11), both servers with " + String.join(" ", jvm) + " ==");
        summary.forEach(System.out::println);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    record Result(Latencies acks, int busy) {
    }

    private static Result measure(String name, List<String> command, Map<String, String> env, String secret,
            String text, WireMockServer answersOn, AtomicInteger answers, int concurrency, int bursts,
            List<String> summary) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("PURSER_") || k.startsWith("SLACK_"));
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process server = builder.start();
        try {
            CompletableFuture<String> base = new CompletableFuture<>();
            Thread drain = new Thread(() -> drain(server, base), "server-output");
            drain.setDaemon(true);
            drain.start();
            URI endpoint = URI.create(base.get(120, TimeUnit.SECONDS) + "/slack/events");
            long pid = server.pid();
            summary.add(String.format(Locale.ROOT, "%s: pid %d, listening after %.2f s, RSS at start %s", name, pid,
                    (System.nanoTime() - started) / 1e9, McpBenchmark.mib(McpBenchmark.rss(pid))));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            Latencies warm = new Latencies("warm-up");
            int[] busy = {0};
            for (int b = 0; b < 10; b++) {
                burst(http, pool, endpoint, secret, text, "w" + b, concurrency, warm, busy, answersOn, answers);
            }
            long idle = McpBenchmark.rss(pid);
            AtomicLong peak = new AtomicLong(idle);
            AtomicBoolean sampling = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (sampling.get()) {
                    peak.accumulateAndGet(McpBenchmark.rss(pid), Math::max);
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
                }
            }, "rss-sampler");
            sampler.start();
            Latencies acks = new Latencies(name + ", " + concurrency + " at once");
            busy[0] = 0;
            for (int b = 0; b < bursts; b++) {
                burst(http, pool, endpoint, secret, text, "m" + b, concurrency, acks, busy, answersOn, answers);
            }
            sampling.set(false);
            sampler.join();
            pool.shutdown();
            summary.add("  RSS idle after warm-up " + McpBenchmark.mib(idle) + ", peak under load "
                    + McpBenchmark.mib(peak.get()) + " (target <= 256 MiB)");
            return new Result(acks, busy[0]);
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static void burst(HttpClient http, ExecutorService pool, URI endpoint, String secret, String text,
            String tag, int concurrency, Latencies into, int[] busy, WireMockServer answersOn, AtomicInteger answers)
            throws Exception {
        int answered = answers.get();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> sent = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            String trigger = tag + "-" + i + "-" + System.nanoTime();
            String body = form(trigger, text, answersOn == null ? "http://127.0.0.1:9/none" : answersOn.baseUrl()
                    + "/respond/" + trigger);
            sent.add(pool.submit(() -> {
                go.await();
                long ts = Instant.now().getEpochSecond();
                HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-Slack-Request-Timestamp", Long.toString(ts))
                        .header("X-Slack-Signature", sign(secret, ts, body))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                long s = System.nanoTime();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                into.add(System.nanoTime() - s);
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("ack was HTTP " + response.statusCode());
                }
                return response.body().contains("busy");
            }));
        }
        go.countDown();
        for (Future<Boolean> f : sent) {
            if (f.get(60, TimeUnit.SECONDS)) {
                busy[0]++;
            }
        }
        if (answersOn != null) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (answers.get() < answered + concurrency - busy[0] && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }
    }

    private static String form(String trigger, String text, String responseUrl) {
        return "token=unused&team_id=" + TEAM + "&team_domain=bench&channel_id=C0BENCH&channel_name=bench"
                + "&user_id=U0BENCH&user_name=bench&command=%2Fpurser&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8)
                + "&api_app_id=A0BENCH&response_url=" + URLEncoder.encode(responseUrl, StandardCharsets.UTF_8)
                + "&trigger_id=" + trigger;
    }

    private static String sign(String secret, long ts, String body) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + ts + ":" + body).getBytes(StandardCharsets.UTF_8)));
    }

    private static void drain(Process server, CompletableFuture<String> base) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                System.out.println("[server] " + line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    base.complete(m.group(1));
                }
            }
            base.completeExceptionally(new IllegalStateException("server exited before listening"));
        } catch (IOException e) {
            base.completeExceptionally(e);
        }
    }
}
