package dev.purser.bot.deploy;

import dev.purser.bot.cli.PurserMain;
import dev.purser.bot.serve.PurserRuntime;
import dev.purser.bot.serve.PurserServer;
import dev.purser.bot.serve.PurserSettings;
import dev.purser.bot.slack.SlackIdentities;
import dev.purser.bot.slack.SlackSettings;
import dev.purser.commands.Principal;
import dev.purser.core.cloud.http.RateLimitState;
import dev.purser.core.config.SlackConfig;
import dev.purser.core.testing.TestDatabase;
import dev.purser.mcp.McpSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code purser serve} over the demo's data, as the deploy tests need it: the demo loaded by the
 * real launcher into a fresh database, then the server a deployment runs, with its real
 * {@code /metrics}. One per test JVM (started on first use), since the demo takes seconds.
 */
final class DemoServer {

    /** The demo's "now": its data ends on this day. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

    record Result(int code, String out, String err) {
    }

    private static DemoServer instance;

    final Map<String, String> env;
    final PurserRuntime runtime;
    final PurserServer server;

    private DemoServer(Map<String, String> env, PurserRuntime runtime, PurserServer server) {
        this.env = env;
        this.runtime = runtime;
        this.server = server;
    }

    static synchronized DemoServer get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static DemoServer start() {
        Path home;
        try {
            home = Files.createTempDirectory("purser-deploy-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new HashMap<>();
        env.put("PURSER_HOME", home.toString());
        env.put("PURSER_DATABASE_URL", TestDatabase.freshJdbcUrl());
        env.put("PURSER_DATABASE_USER", "postgres");
        Result demo = run(env, "demo", "--no-console");
        if (demo.code() != 0) {
            throw new IllegalStateException("the demo failed: " + demo.err());
        }
        PurserRuntime runtime = new PurserRuntime(PurserSettings.fromEnvironment(env, home), CLOCK);
        PurserServer server = PurserServer.start(new PurserServer.Options("127.0.0.1", 0, Duration.ofSeconds(2),
                runtime.dispatcher(), runtime.metrics(), McpSettings.fromEnvironment(env),
                SlackSettings.from(SlackConfig.defaults(), env), new SlackIdentities(List.of()), () -> true, CLOCK));
        // what a running server has seen by the time Prometheus scrapes it: one DigitalOcean
        // response's rate-limit headers, a command, a scheduled pull
        runtime.rateLimits().record(new RateLimitState("DigitalOcean", "requests_per_hour", 4987, 5000,
                Instant.parse("2026-11-23T13:00:00Z"), Instant.parse("2026-11-23T12:00:00Z")));
        runtime.dispatcher().run(Principal.localShell("ops"), "cli", "help");
        runtime.metrics().jobRun("do-billing", "ok");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            runtime.close();
        }));
        return new DemoServer(Map.copyOf(env), runtime, server);
    }

    /** Runs the launcher over the same data, as a user would. */
    Result run(String... args) {
        return run(env, args);
    }

    private static Result run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PurserMain.run(args, env, CLOCK, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A real scrape of {@code /metrics}, in the text format Prometheus asks for by default. */
    String scrape() {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    server.baseUri().resolve(PurserServer.METRICS_PATH)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("/metrics answered " + r.statusCode());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
