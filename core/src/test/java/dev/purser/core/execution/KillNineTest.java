package dev.purser.core.execution;

import static dev.purser.core.execution.ExecFixture.MANDIBLE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.demo.dosim.DigitalOceanSimulator;
import dev.purser.core.store.DatabaseSettings;
import dev.purser.core.store.JdbcExecutorCallJournal;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real {@code kill -9} (SIGKILL, {@link Process#destroyForcibly()} on Linux) of a Purser process
 * while it polls a resize it started, then a second process with the same key: the resize is
 * neither sent twice nor lost.
 */
class KillNineTest {

    static final String RESIZE = "/v2/databases/" + MANDIBLE + "/resize";

    @Test
    void killNineMidPoll_restartNeitherRepeatsNorLosesTheResize() throws Exception {
        String url = TestDatabase.freshJdbcUrl();
        try (DigitalOceanSimulator sim = DigitalOceanSimulator.start(Clock.systemUTC());
                PurserDatabase db = PurserDatabase.open(new DatabaseSettings(url, "postgres", null,
                        Path.of(System.getProperty("java.io.tmpdir"))))) {
            sim.addCluster(MANDIBLE, "mandible-prod", "nyc3", "db-s-2vcpu-4gb", 2);
            sim.resizePolls(1_000_000);
            String key = "plan:1/phase:3/kill-nine";

            Process first = child(url, sim, key);
            List<String> firstOut = new ArrayList<>();
            BufferedReader r1 = reader(first);
            String line = r1.readLine();
            while (line != null && !line.startsWith("APPLIED")) {
                firstOut.add(line);
                line = r1.readLine();
            }
            // it has sent the resize and is polling: let it poll a few times, then kill it
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (sim.count("GET", "/v2/databases/" + MANDIBLE) < 4 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).isEqualTo(137);
            assertThat(line).as(String.join("\n", firstOut)).startsWith("APPLIED IN_PROGRESS");
            assertThat(sim.count("PUT", RESIZE)).isEqualTo(1);
            assertThat(sim.cluster(MANDIBLE).orElseThrow().status()).isEqualTo("resizing");

            sim.finishAfter(MANDIBLE, 3);
            Process second = child(url, sim, key);
            List<String> out = new ArrayList<>();
            try (BufferedReader r2 = reader(second)) {
                for (String l; (l = r2.readLine()) != null; ) {
                    out.add(l);
                }
            }
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(second.exitValue()).as(String.join("\n", out)).isZero();
            assertThat(out).anyMatch(l -> l.startsWith("APPLIED IN_PROGRESS") && l.contains("accepted earlier"));
            assertThat(out).anyMatch(l -> l.startsWith("DONE SETTLED"));
            assertThat(sim.count("PUT", RESIZE)).isEqualTo(1);
            assertThat(sim.cluster(MANDIBLE).orElseThrow().nodes()).isEqualTo(1);
            assertThat(sim.cluster(MANDIBLE).orElseThrow().status()).isEqualTo("online");
            ExecutorCall call = new JdbcExecutorCallJournal(db.dataSource()).find(key).orElseThrow();
            assertThat(call.state()).isEqualTo(ExecutorCall.State.SETTLED);
            assertThat(call.attempts()).isEqualTo(1);
        }
    }

    private static Process child(String url, DigitalOceanSimulator sim, String key) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                ResizeChild.class.getName(), url, sim.baseUri().toString(), key);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    private static BufferedReader reader(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }
}
