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
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
            for (int i = 0; i < calls; i++) {
                long s = System.nanoTime();
                McpSchema.CallToolResult r = client.callTool(request());
                cost.add(System.nanoTime() - s);
                check(r);
            }
            long afterSequentialRss = rss(pid);
            double cpuSequential = cpuSeconds(pid) - cpuBeforeSequential;
            client.closeGracefully();

            double cpuBeforeLoad = cpuSeconds(pid);
            Load load = concurrent(base, token, pid, calls, concurrency);
            double cpuLoad = cpuSeconds(pid) - cpuBeforeLoad;
            long afterLoadRss = rss(pid);
            summary.add("RSS after " + calls + " sequential calls: " + mib(afterSequentialRss) + "; peak while "
                    + concurrency + " clients call at once: " + mib(load.peakRss()) + " (sampled every 50 ms, "
                    + load.samples() + " samples); after the load: " + mib(afterLoadRss));
            summary.add("server memory after the load (jcmd GC.heap_info): " + heapInfo(pid));
            summary.add(String.format(Locale.ROOT, "throughput with %d concurrent clients: %.0f calls/s",
                    concurrency, load.latencies().count() / load.seconds()));
            // CPU the server spent per call (user + system, from /proc/<pid>/stat): on a shared machine
            // this moves far less with the load than latency and throughput do
            summary.add(String.format(Locale.ROOT, "server CPU per tools/call: %.2f ms sequential, %.2f ms with %d"
                    + " concurrent clients (connecting them included)", cpuSequential * 1000 / calls,
                    cpuLoad * 1000 / load.latencies().count(), concurrency));
            summary.add("");
            summary.add(Latencies.header());
            summary.add(list.row());
            summary.add(cost.row());
            summary.add(load.latencies().row());
            summary.add("target: tools/call p50 <= 50 ms; resident memory <= 256 MiB idle and under load");
        } finally {
            server.destroy();
            if (!server.waitFor(15, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private record Load(Latencies latencies, long peakRss, int samples, double seconds) {
    }

    private static Load concurrent(String base, String token, long pid, int calls, int concurrency)
            throws Exception {
        List<McpSyncClient> clients = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            clients.add(connect(base, token));
        }
        Latencies all = new Latencies("tools/call cost, " + concurrency + " concurrent clients");
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
        CountDownLatch go = new CountDownLatch(1);
        int each = Math.max(1, calls / concurrency);
        List<Future<?>> done = new ArrayList<>();
        for (McpSyncClient c : clients) {
            done.add(pool.submit(() -> {
                go.await();
                Latencies mine = new Latencies("");
                for (int i = 0; i < each; i++) {
                    long s = System.nanoTime();
                    McpSchema.CallToolResult r = c.callTool(request());
                    mine.add(System.nanoTime() - s);
                    check(r);
                }
                all.addAll(mine);
                return null;
            }));
        }
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
        for (McpSyncClient c : clients) {
            c.closeGracefully();
        }
        return new Load(all, peak.get(), samples[0], seconds);
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
