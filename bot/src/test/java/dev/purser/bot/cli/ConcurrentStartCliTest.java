package dev.purser.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.purser.core.config.ConfigLoader;
import dev.purser.core.config.PurserConfig;
import dev.purser.core.config.Secret;
import dev.purser.core.ingest.FocusCsvReader;
import dev.purser.core.store.DatabaseSettings;
import dev.purser.core.store.PurserDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: Purser processes started at the same moment on one {@code PURSER_HOME} share the
 * embedded PostgreSQL instead of failing together. Real JVMs, started at once, on an empty home
 * and on homes left behind by a {@code kill -9}.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ConcurrentStartCliTest {

    private static final int N = 4;
    private static final long WAIT_SECONDS = 150;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    /** Outputs of the launched processes; apart from the home so that it starts empty. */
    @TempDir
    Path outputs;

    private final List<Process> started = new ArrayList<>();

    record Result(int code, String out, String err) {
    }

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
        // A failed run must not leave a server behind in the temporary home.
        readPid(home.resolve("postgres/postmaster.pid"))
                .flatMap(ProcessHandle::of)
                .ifPresent(ProcessHandle::destroyForcibly);
    }

    /**
     * One home through three lives: N imports of the same file at once on an empty home; N
     * commands at once after the process that started the server was killed (server orphaned);
     * N commands at once after the server itself was killed (stale {@code postmaster.pid}).
     * One test rather than three so that the machine pays for one initdb, not three.
     */
    @Test
    void nProcessesAtOnce_onEmptyHome_afterKill9OfStarter_afterKill9OfServer_allSucceedWithOneAnswer() throws Exception {
        Path focus = focusFile();
        Path pidFile = home.resolve("postgres/postmaster.pid");

        long t0 = System.nanoTime();
        List<Result> imports = runAtOnce("import", "focus", focus.toString());
        long importsMs = millisSince(t0);
        for (Result r : imports) {
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.err()).doesNotContain("ERROR");
        }
        assertThat(pidFile).as("the last process out stops the server").doesNotExist();

        Process starter = holdDatabase();
        starter.destroyForcibly();
        assertThat(starter.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        long orphan = readPid(pidFile).orElseThrow();
        assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive)).as("server outlives its starter").isPresent();

        long t1 = System.nanoTime();
        List<Result> afterStarterKilled = runAtOnce("cost", "2026-10", "--by", "service", "--format", "json");
        long orphanMs = millisSince(t1);
        assertAllSame(afterStarterKilled);
        String answer = afterStarterKilled.get(0).out();
        assertThat(total(answer)).as("each row once, however many imports ran at once").isEqualByComparingTo(fileTotal(focus));
        assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive)).as("orphan stopped by the last one out").isEmpty();
        assertThat(pidFile).doesNotExist();

        Process holder = holdDatabase();
        ProcessHandle server = ProcessHandle.of(readPid(pidFile).orElseThrow()).orElseThrow();
        server.destroyForcibly();
        holder.destroyForcibly();
        server.onExit().get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(holder.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(pidFile).as("a stale pid file is left").exists();

        long t2 = System.nanoTime();
        List<Result> afterServerKilled = runAtOnce("cost", "2026-10", "--by", "service", "--format", "json");
        long staleMs = millisSince(t2);
        assertAllSame(afterServerKilled);
        assertThat(afterServerKilled.get(0).out()).isEqualTo(answer);
        assertThat(pidFile).doesNotExist();

        System.out.printf("%d processes at once: empty home (import) %d ms; after kill -9 of the starter %d ms;"
                + " after kill -9 of the server %d ms%n", N, importsMs, orphanMs, staleMs);
    }

    private List<Result> runAtOnce(String... args) throws Exception {
        return runAtOnce(N, args);
    }

    /** Starts {@code count} launchers with the same arguments back to back, then waits for all. */
    private List<Result> runAtOnce(int count, String... args) throws Exception {
        List<Process> processes = new ArrayList<>();
        List<Path> outs = new ArrayList<>();
        List<Path> errs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path out = Files.createTempFile(outputs, "out", ".txt");
            Path err = Files.createTempFile(outputs, "err", ".txt");
            List<String> command = new ArrayList<>(javaCommand(PurserMain.class));
            command.addAll(List.of(args));
            processes.add(start(new ProcessBuilder(command)
                    .redirectOutput(out.toFile()).redirectError(err.toFile())));
            outs.add(out);
            errs.add(err);
        }
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Process p = processes.get(i);
            assertThat(p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("process %d finished", i).isTrue();
            results.add(new Result(p.exitValue(), Files.readString(outs.get(i)), Files.readString(errs.get(i))));
        }
        return results;
    }

    /** A JVM that opens the database, says "ready" and then holds it until killed. */
    private Process holdDatabase() throws IOException {
        Process p = start(new ProcessBuilder(javaCommand(HoldDatabase.class)).redirectError(ProcessBuilder.Redirect.DISCARD));
        BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(lines.readLine()).isEqualTo("ready");
        return p;
    }

    private Process start(ProcessBuilder builder) throws IOException {
        Map<String, String> env = builder.environment();
        env.remove("PURSER_DATABASE_URL");
        env.remove("PURSER_CONFIG");
        env.put("PURSER_HOME", home.toString());
        Process p = builder.start();
        started.add(p);
        return p;
    }

    private static List<String> javaCommand(Class<?> main) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        // Small heaps and no JIT tiers beyond C1: these JVMs live a few seconds, on a shared machine.
        // The launcher's own logging (errors on stderr, the rest in PURSER_HOME/logs), not the test's.
        String logback = ConcurrentStartCliTest.class.getResource("/logback.xml").toString();
        return List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Dlogback.configurationFile=" + logback,
                "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener",
                "-cp", classpath, main.getName());
    }

    private static void assertAllSame(List<Result> results) {
        for (Result r : results) {
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.err()).doesNotContain("ERROR");
            assertThat(r.out()).isEqualTo(results.get(0).out());
        }
    }

    private Path focusFile() throws IOException {
        // Inside the home, where imports are allowed to read from.
        Path file = Files.createDirectories(home.resolve("imports")).resolve("demo-small.csv");
        try (InputStream in = ConcurrentStartCliTest.class.getResourceAsStream("/focus/demo-small.csv")) {
            assertThat(in).isNotNull();
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    private static BigDecimal fileTotal(Path focus) {
        BigDecimal total = BigDecimal.ZERO;
        try (FocusCsvReader reader = FocusCsvReader.open(focus, false)) {
            while (reader.next()) {
                total = total.add(reader.row().billedCost());
            }
        }
        return total;
    }

    private static BigDecimal total(String json) throws IOException {
        for (JsonNode f : JSON.readTree(json).get("figures")) {
            if (f.get("key").asText().equals("total")) {
                return new BigDecimal(f.get("value").get("amount").asText());
            }
        }
        throw new AssertionError("no total in " + json);
    }

    private static java.util.Optional<Long> readPid(Path pidFile) {
        try {
            return java.util.Optional.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /** Opens the embedded database of {@code PURSER_HOME}, prints "ready", and holds it until stdin closes or it is killed. */
    public static final class HoldDatabase {
        public static void main(String[] args) throws IOException {
            PurserConfig config = ConfigLoader.fromEnvironment(System.getenv());
            try (PurserDatabase db = PurserDatabase.open(DatabaseSettings.of(config.database(), config.home(),
                    Secret.absent(config.database().passwordEnv())))) {
                System.err.println("holding " + db.description());
                System.out.println("ready");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // holding the database is the whole job
                }
            }
        }
    }
}
