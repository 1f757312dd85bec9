package dev.purser.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.ingest.FocusFixtures;
import dev.purser.core.testing.HostileFiles;
import dev.purser.core.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 part 2 through the CLI: {@code purser import} in a child JVM with a 64 MiB heap (and
 * {@code -XX:+ExitOnOutOfMemoryError}, so running out of memory could not pass for an answer) is
 * handed hostile files generated here on the fly. Each run exits 1 with {@code purser: file:line:
 * what was wrong}; a real bill still imports under the same heap. Peak resident set sizes come
 * from {@code /usr/bin/time} and are printed.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class HostileImportCliTest {

    private static final long TWO_GIB = 2L << 30;

    @TempDir
    Path home;

    private String databaseUrl;

    record Run(int code, String out, String err, long peakRssKib) {
    }

    @BeforeEach
    void database() {
        databaseUrl = TestDatabase.freshJdbcUrl();
    }

    private Run purser(String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        Path rss = Files.createTempFile(home, "rss", ".txt");
        List<String> command = new ArrayList<>();
        boolean timed = Files.isExecutable(Path.of("/usr/bin/time"));
        if (timed) {
            command.addAll(List.of("/usr/bin/time", "-o", rss.toString(), "-f", "%M"));
        }
        String logback = HostileImportCliTest.class.getResource("/logback.xml").toString();
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=" + logback,
                "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                PurserMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("PURSER_CONFIG");
        builder.environment().put("PURSER_HOME", home.toString());
        builder.environment().put("PURSER_DATABASE_URL", databaseUrl);
        Process p = builder.start();
        assertThat(p.waitFor(240, TimeUnit.SECONDS)).as("purser finished").isTrue();
        String rssText = timed ? Files.readString(rss).trim() : "";
        long peak = rssText.isEmpty() ? -1 : Long.parseLong(rssText.lines().reduce((a, b) -> b).orElseThrow().trim());
        Run run = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), peak);
        System.out.printf("purser %s (-Xmx64m): exit %d, peak RSS %d KiB, stderr: %s%n", String.join(" ", args),
                run.code(), run.peakRssKib(), run.err().strip().lines().findFirst().orElse(""));
        return run;
    }

    private static void assertRefused(Run run, String message) {
        assertThat(run.err()).doesNotContain("OutOfMemoryError").doesNotContain("Terminating due to");
        assertThat(run.code()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("purser: " + message);
    }

    @Test
    void import_gzipOfTwoGibZerosWithoutNewline_exitsOneNamingFileAndLine() throws Exception {
        Path bomb = HostileFiles.gzipOfZeros(home.resolve("zeros.csv.gz"), TWO_GIB);

        Run run = purser("import", "focus", bomb.toString());

        assertRefused(run, "zeros.csv.gz:1: binary data (a NUL character) where CSV text was expected");
    }

    @Test
    void import_gzipOfValidRowsExpandingTwoGib_exitsOneAsBomb_thenARealBillImports() throws Exception {
        String header = String.join(",", FocusFixtures.DEMO_HEADERS) + "\n";
        String row = FocusFixtures.demo().row().text().lines().skip(1).findFirst().orElseThrow() + "\n";
        Path bomb = HostileFiles.gzip(home.resolve("rows.csv.gz"), header.getBytes(StandardCharsets.UTF_8),
                row.getBytes(StandardCharsets.UTF_8), TWO_GIB);

        Run run = purser("import", "focus", bomb.toString());
        Run real = purser("import", "focus", FocusFixtures.resource("demo-small.csv", home).toString());

        assertThat(run.err()).containsPattern("purser: rows\\.csv\\.gz:\\d+: the gzip data expands more than 200 times");
        assertThat(run.code()).isEqualTo(1);
        assertThat(real.code()).as(real.err()).isZero();
        assertThat(real.out()).contains("7");
    }

    @Test
    void import_serviceNameOfFiveMillionCharacters_exitsOneNamingLineAndColumn() throws Exception {
        Path file = HostileFiles.focusWithHugeCell(home.resolve("huge.csv"), "ServiceName", 5_000_000);

        Run run = purser("import", "focus", file.toString());

        assertRefused(run, "huge.csv:3: ServiceName: a field is longer than 65,536 characters");
    }

    @Test
    void import_lineOfFiftyMillionCharactersWithoutEnd_exitsOne() throws Exception {
        Path file = HostileFiles.focusWithEndlessLine(home.resolve("endless.csv"), 50_000_000);

        Run run = purser("import", "focus", file.toString());

        assertRefused(run, "endless.csv:2: the record is longer than 1,048,576 characters");
    }
}
