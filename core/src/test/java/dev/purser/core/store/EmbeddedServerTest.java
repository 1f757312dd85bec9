package dev.purser.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a process reads a {@code postmaster.pid} it finds: the cases a crash leaves behind. The
 * processes themselves are exercised by the launcher's concurrent-start test.
 */
class EmbeddedServerTest {

    @TempDir
    Path dataDir;

    private long soon() {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    }

    private void pidFile(String... lines) throws IOException {
        Files.write(dataDir.resolve("postmaster.pid"), List.of(lines));
    }

    @Test
    void postmasterRead_completeFile_givesPidPortAndReadiness() throws IOException {
        pidFile("2470", dataDir.toString(), "1796522944", "54999", "", "localhost", "  2171393     65559", "ready   ");
        EmbeddedServer.Postmaster pm = EmbeddedServer.Postmaster.read(dataDir.resolve("postmaster.pid")).orElseThrow();
        assertThat(pm.pid()).isEqualTo(2470);
        assertThat(pm.port()).isEqualTo(54999);
        assertThat(pm.ready()).isTrue();
    }

    @Test
    void postmasterRead_fileOfAStartingServer_isNotReady() throws IOException {
        pidFile("2470", dataDir.toString(), "1796522944", "54999", "", "localhost", "  2171393     65559", "starting");
        assertThat(EmbeddedServer.Postmaster.read(dataDir.resolve("postmaster.pid")).orElseThrow().ready()).isFalse();
        pidFile("2470", dataDir.toString());
        assertThat(EmbeddedServer.Postmaster.read(dataDir.resolve("postmaster.pid")).orElseThrow().ready()).isFalse();
    }

    @Test
    void postmasterRead_missingOrGarbled_isNoServer() throws IOException {
        assertThat(EmbeddedServer.Postmaster.read(dataDir.resolve("postmaster.pid"))).isEmpty();
        pidFile("not a pid");
        assertThat(EmbeddedServer.Postmaster.read(dataDir.resolve("postmaster.pid"))).isEmpty();
    }

    @Test
    void runningPort_pidOfAProcessThatIsGone_isStale_andTheFileIsLeftForPostgres() throws Exception {
        Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(gone.waitFor(60, TimeUnit.SECONDS)).isTrue();
        pidFile(Long.toString(gone.pid()), dataDir.toString(), "1", "54999", "", "localhost", "1 2", "ready");

        assertThat(EmbeddedServer.runningPort(dataDir, soon())).isEmpty();
        // PostgreSQL overwrites a pid file whose process is gone; deleting it is not needed.
        assertThat(dataDir.resolve("postmaster.pid")).exists();
    }

    @Test
    void runningPort_pidReusedByAnotherProgram_isStale_andTheFileIsRemoved() throws Exception {
        // This JVM is alive and is no PostgreSQL: the situation after a reboot hands the old pid on.
        pidFile(Long.toString(ProcessHandle.current().pid()), dataDir.toString(), "1", "54999", "", "localhost",
                "1 2", "ready");

        assertThat(EmbeddedServer.runningPort(dataDir, soon())).isEmpty();
        assertThat(dataDir.resolve("postmaster.pid")).doesNotExist();
    }
}
