package dev.purser.bot.bench;

import dev.purser.core.demo.DemoScenarios;
import dev.purser.core.demo.Scenario;
import dev.purser.core.ingest.FocusImporter;
import dev.purser.core.ingest.ImportOptions;
import dev.purser.core.store.InventoryRepository;
import dev.purser.core.store.JdbcCostSink;
import dev.purser.core.store.PurserDatabase;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 5: the MCP face over streamable HTTP, served by a child JVM ({@code -Xmx256m}) exactly as
 * a user starts it — {@code purser mcp --http} from the shaded {@code purser.jar} when the build
 * made one (else {@code PurserMain} from the class path), with {@code PURSER_DATABASE_URL} and a
 * bearer token in {@code PURSER_MCP_TOKENS} — over the three demo scenarios loaded into an
 * embedded PostgreSQL in this JVM. Measures {@code tools/list} and {@code tools/call cost}
 * latency through the MCP SDK's own client, and the child's resident memory (VmRSS) idle and
 * while 20 clients call at once. The server's resident memory excludes PostgreSQL, which runs
 * in processes of its own.
 *
 * <p>System properties: {@code bench.mcpCalls} (1,000), {@code bench.concurrency} (20),
 * {@code bench.purserJar}, {@code bench.workDir}.
 */
public final class McpBenchmark {

    private static final Pattern LISTENING = Pattern.compile("Purser MCP server on (http://\\S+)/mcp");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Map<String, Object> COST_ARGS = Map.of("period", "90d", "by", "service");

    private McpBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int calls = Integer.getInteger("bench.mcpCalls", 1000);
        int concurrency = Integer.getInteger("bench.concurrency", 20);
        Path work = Files.createTempDirectory(CostBenchmark.workDir(), "mcp-");
        List<String> summary = new ArrayList<>();
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(work.resolve("pg"))
                .setCleanDataDirectory(true)
                .setServerConfig("max_connections", "50")
                .start()) {
            loadDemo(pg, work.resolve("demo"), summary);
            Cpu.postmaster = Long.parseLong(Files.readAllLines(work.resolve("pg").resolve("postmaster.pid")).get(0)
                    .trim());
            run(pg, work, calls, concurrency, summary);
        } finally {
            CostBenchmark.deleteTree(work);
        }
        System.out.println();
        System.out.println("== MCP benchmark (issue 5) ==");
        summary.forEach(System.out::println);
    }

    static void loadDemo(EmbeddedPostgres pg, Path dir, List<String> summary) {
        LocalDate today = LocalDate.now(Clock.systemUTC());
        long rows = 0;
        try (PurserDatabase db = PurserDatabase.forDataSource(pg.getPostgresDatabase())) {
            FocusImporter importer = new FocusImporter(new JdbcCostSink(db.dataSource()), Clock.systemUTC());
            InventoryRepository inventory = new InventoryRepository(db.dataSource());
            for (Scenario s : DemoScenarios.generate(today)) {
                for (Path f : s.writeFiles(dir)) {
                    if (f.getFileName().toString().endsWith(Scenario.FOCUS_SUFFIX)) {
                        rows += importer.importFile(f, ImportOptions.STRICT).rows();
                    }
                }
                inventory.replaceScenario(s.name(), s.inventory(), s.usage());
            }
        }
        summary.add(String.format(Locale.ROOT, "demo data: %s, %,d FOCUS rows, %d days ending %s",
                DemoScenarios.NAMES, rows, DemoScenarios.BILL_DAYS, today));
    }

    private static void run(EmbeddedPostgres pg, Path work, int calls, int concurrency, List<String> summary)
            throws Exception {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        // bench.mcpJvm: the server's JVM options (default -Xmx256m); add a JFR recording there to profile it
        String jvm = System.getProperty("bench.mcpJvm", "-Xmx256m").trim();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(List.of(jvm.split("\\s+")));
        Path jar = Path.of(System.getProperty("bench.purserJar", "none"));
        String how;
        if (Files.isRegularFile(jar)) {
            command.addAll(List.of("-jar", jar.toString()));
            how = "java " + jvm + " -jar " + jar.getFileName() + " mcp --http --port 0";
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.purser.bot.cli.PurserMain"));
            how = "java " + jvm + " -cp <test class path> dev.purser.bot.cli.PurserMain mcp --http --port 0";
        }
        command.addAll(List.of("mcp", "--http", "--port", "0"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("PURSER_"));
        env.put("PURSER_HOME", work.resolve("home").toString());
        env.put("PURSER_DATABASE_URL", pg.getJdbcUrl("postgres", "postgres"));
        env.put("PURSER_DATABASE_USER", "postgres");
        env.put("PURSER_MCP_TOKENS", "bench:" + token + ":viewer");

        long started = System.nanoTime();
        Process server = builder.start();
        try {
            CompletableFuture<String> baseUri = new CompletableFuture<>();
            Thread drain = new Thread(() -> drain(server, baseUri), "server-output");
            drain.setDaemon(true);
            drain.start();
            String base = baseUri.get(60, TimeUnit.SECONDS);
            double startup = (System.nanoTime() - started) / 1e9;
            long pid = server.pid();
            summary.add("server: " + how + " (pid " + pid + "), listening after " + String.format(Locale.ROOT,
                    "%.2f s", startup) + "; RSS at start " + mib(rss(pid)));

            McpSyncClient client = connect(base, token);
            long t0 = System.nanoTime();
            McpSchema.CallToolResult first = client.callTool(request());
            double firstMs = (System.nanoTime() - t0) / 1e6;
            check(first);
            summary.add(String.format(Locale.ROOT, "first tools/call cost (opens the database pool): %.1f ms",
                    firstMs));
            long idleRss = rss(pid);
            summary.add("RSS idle (after start-up and one call): " + mib(idleRss) + " (target <= 256 MiB)");

            Latencies list = new Latencies("tools/list");
            for (int i = 0; i < 20; i++) {
                client.listTools();
            }
            for (int i = 0; i < 200; i++) {
                long s = System.nanoTime();
                client.listTools();
                list.add(System.nanoTime() - s);
            }
            for (int i = 0; i < 50; i++) {
                check(client.callTool(request()));
            }
            Latencies cost = new Latencies("tools/call cost 90d --by service, sequential");
            double cpuBeforeSequential = cpuSeconds(pid);
            Cpu beforeSequential = Cpu.read(pid);
            for (int i = 0; i < calls; i++) {
                long s = System.nanoTime();
                McpSchema.CallToolResult r = client.callTool(request());
                cost.add(System.nanoTime() - s);
                check(r);
            }
            long afterSequentialRss = rss(pid);
            double cpuSequential = cpuSeconds(pid) - cpuBeforeSequential;
            summary.add(Cpu.read(pid).minus(beforeSequential).perCall("one sequential SDK client", calls));
            client.closeGracefully();

            Cpu before = Cpu.read(pid);
            Load load = concurrent(pid, calls, concurrency, 0, i -> {
                McpSyncClient c = connect(base, token);
                return new Caller() {
                    @Override
                    public void call() {
                        check(c.callTool(request()));
                    }

                    @Override
                    public void close() {
                        c.closeGracefully();
                    }
                };
            }, "SDK clients");
            Cpu sdkCpu = Cpu.read(pid).minus(before);
            long afterLoadRss = rss(pid);
            summary.add("RSS after " + calls + " sequential calls: " + mib(afterSequentialRss) + "; peak while "
                    + concurrency + " SDK clients call at once: " + mib(load.peakRss()) + " (sampled every 50 ms, "
                    + load.samples() + " samples); after the load: " + mib(afterLoadRss));
            summary.add(String.format(Locale.ROOT, "throughput with %d concurrent SDK clients: %.0f calls/s",
                    concurrency, load.latencies().count() / load.seconds()));
            // CPU the server spent per call (user + system, from /proc/<pid>/stat): on a shared machine
            // this moves far less with the load than latency and throughput do
            summary.add(String.format(Locale.ROOT, "server CPU per tools/call: %.2f ms sequential, %.2f ms with %d"
                    + " concurrent SDK clients (connecting them included)", cpuSequential * 1000 / calls,
                    sdkCpu.server() * 1000 / load.latencies().count(), concurrency));
            summary.add(sdkCpu.perCall("SDK clients", load.latencies().count()));

            // The same question from a lean client that still speaks the whole protocol over the
            // network (LightMcpClient): the load generator shares the two cores with the server, so
            // its own CPU per call limits what the server can be shown to do.
            int lightCalls = Integer.getInteger("bench.mcpLightCalls", 20 * calls);
            ObjectMapper mapper = new ObjectMapper();
            URI endpoint = URI.create(base + "/mcp");
            before = Cpu.read(pid);
            Load light = concurrent(pid, lightCalls, concurrency, Math.max(1, calls / concurrency), i -> {
                LightMcpClient c = new LightMcpClient(endpoint, token, mapper);
                c.initialize();
                return new Caller() {
                    @Override
                    public void call() throws IOException {
                        c.callTool("cost", COST_ARGS);
                    }

                    @Override
                    public void close() throws IOException {
                        c.close();
                    }
                };
            }, "light clients");
            Cpu lightCpu = Cpu.read(pid).minus(before);
            long afterLightRss = rss(pid);
            summary.add("RSS peak while " + concurrency + " light clients call at once: " + mib(light.peakRss())
                    + " (" + light.samples() + " samples); after: " + mib(afterLightRss));
            summary.add(String.format(Locale.ROOT, "throughput with %d concurrent light clients: %.0f calls/s"
                    + " (%d calls after %d warm-up calls each)", concurrency,
                    light.latencies().count() / light.seconds(), light.latencies().count(),
                    Math.max(1, calls / concurrency)));
            summary.add(lightCpu.perCall("light clients", light.latencies().count()));
            summary.add("server memory after the load (jcmd GC.heap_info): " + heapInfo(pid));
            summary.add("");
            summary.add(Latencies.header());
            summary.add(list.row());
            summary.add(cost.row());
            summary.add(load.latencies().row());
            summary.add(light.latencies().row());
            summary.add("targets: tools/call p50 <= 50 ms; repeated reads at " + concurrency
                    + " clients >= 1,000 calls/s with p95 <= 50 ms; resident memory <= 256 MiB idle and under load");
        } finally {
            server.destroy();
            if (!server.waitFor(15, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private record Load(Latencies latencies, long peakRss, int samples, double seconds) {
    }

    /** One connected client's repeated call. */
    private interface Caller extends AutoCloseable {
        void call() throws Exception;

        @Override
        void close() throws IOException;
    }

    @FunctionalInterface
    private interface Connector {
        Caller connect(int index) throws Exception;
    }

    /**
     * {@code concurrency} clients, connected first, each making {@code warmUp} untimed calls and
     * then its share of {@code calls} timed ones, all released at once.
     */
    private static Load concurrent(long pid, int calls, int concurrency, int warmUp, Connector connector,
            String label) throws Exception {
        List<Caller> clients = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            clients.add(connector.connect(i));
        }
        Latencies all = new Latencies("tools/call cost, " + concurrency + " concurrent " + label);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong peak = new AtomicLong();
        int[] samples = {0};
        Thread sampler = new Thread(() -> {
            // Sampling RSS is the one place a pause is the point: it is a sampling interval.
            while (running.get()) {
                peak.accumulateAndGet(rss(pid), Math::max);
                samples[0]++;
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler");
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        CountDownLatch warm = new CountDownLatch(concurrency);
        CountDownLatch go = new CountDownLatch(1);
        int each = Math.max(1, calls / concurrency);
        List<Future<?>> done = new ArrayList<>();
        for (Caller c : clients) {
            done.add(pool.submit(() -> {
                try {
                    for (int i = 0; i < warmUp; i++) {
                        c.call();
                    }
                } finally {
                    warm.countDown();
                }
                go.await();
                Latencies mine = new Latencies("");
                for (int i = 0; i < each; i++) {
                    long s = System.nanoTime();
                    c.call();
                    mine.add(System.nanoTime() - s);
                }
                all.addAll(mine);
                return null;
            }));
        }
        warm.await(10, TimeUnit.MINUTES);
        sampler.start();
        long t0 = System.nanoTime();
        go.countDown();
        for (Future<?> f : done) {
            f.get(10, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        running.set(false);
        sampler.join();
        pool.shutdown();
        for (Caller c : clients) {
            c.close();
        }
        return new Load(all, peak.get(), samples[0], seconds);
    }

    /**
     * CPU seconds (user + system) of the server, of this JVM (the clients) and of the PostgreSQL
     * processes this JVM started, read from /proc. The clients' figure includes whatever else this
     * JVM does meanwhile (the RSS sampler, its collector).
     */
    record Cpu(double server, double clients, double postgres) {

        /** The embedded server's postmaster, from the first line of postmaster.pid in its data directory. */
        static volatile long postmaster = -1;

        static Cpu read(long serverPid) throws IOException {
            double postgres = 0;
            ProcessHandle pg = postmaster < 0 ? null : ProcessHandle.of(postmaster).orElse(null);
            if (pg != null) {
                postgres += cpuSeconds(pg.pid());
                for (ProcessHandle backend : pg.descendants().toList()) {
                    try {
                        postgres += cpuSeconds(backend.pid());
                    } catch (IOException | RuntimeException e) {
                        // a backend that ended between listing and reading
                    }
                }
            }
            return new Cpu(cpuSeconds(serverPid), cpuSeconds(ProcessHandle.current().pid()), postgres);
        }

        Cpu minus(Cpu earlier) {
            return new Cpu(server - earlier.server, clients - earlier.clients, postgres - earlier.postgres);
        }

        String perCall(String label, int calls) {
            return String.format(Locale.ROOT, "CPU per call with %s: server %.3f ms, clients (this JVM) %.3f ms,"
                    + " PostgreSQL %.3f ms; total %.3f ms", label, server * 1000 / calls, clients * 1000 / calls,
                    postgres * 1000 / calls, (server + clients + postgres) * 1000 / calls);
        }
    }

    private static McpSchema.CallToolRequest request() {
        return McpSchema.CallToolRequest.builder("cost").arguments(COST_ARGS).build();
    }

    private static void check(McpSchema.CallToolResult r) {
        if (Boolean.TRUE.equals(r.isError())) {
            throw new IllegalStateException("cost tool answered an error: " + r.content());
        }
    }

    private static McpSyncClient connect(String base, String token) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(base)
                .endpoint("/mcp")
                .addHttpRequestCustomizer((request, method, uri, body, context) ->
                        request.header("Authorization", "Bearer " + token))
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(TIMEOUT).initializationTimeout(TIMEOUT)
                .build();
        client.initialize();
        return client;
    }

    /** Forwards the server's output (it logs only errors to the terminal) and finds its address. */
    private static void drain(Process server, CompletableFuture<String> baseUri) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                System.out.println("[server] " + line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    baseUri.complete(m.group(1));
                }
            }
            baseUri.completeExceptionally(new IllegalStateException("server exited before listening"));
        } catch (IOException e) {
            baseUri.completeExceptionally(e);
        }
    }

    /** User plus system CPU time of a process in seconds, from /proc/<pid>/stat (Linux). */
    private static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // fields after the command name, which is in parentheses and may hold spaces
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
        return ticks / 100.0; // USER_HZ is 100 on Linux
    }

    /** VmRSS of a process in bytes, from /proc (Linux). */
    static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /**
     * The heap's and metaspace's committed and used sizes, which show how much of the resident
     * memory is heap the JVM chose to commit rather than data the service holds.
     */
    private static String heapInfo(long pid) {
        List<String> lines = new ArrayList<>();
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(jcmd.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    String t = line.trim();
                    if (t.contains("total") || t.startsWith("Metaspace")) {
                        lines.add(t.replaceAll("\\s+", " "));
                    }
                }
            }
            jcmd.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            return "n/a (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "n/a (interrupted)";
        }
        return lines.isEmpty() ? "n/a" : String.join("; ", lines);
    }

    static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
