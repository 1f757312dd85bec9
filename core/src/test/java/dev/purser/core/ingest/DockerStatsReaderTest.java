package dev.purser.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.UsageSeries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerStatsReaderTest {

    @TempDir
    Path dir;

    private Path write(String... lines) throws Exception {
        Path f = dir.resolve("stats.jsonl");
        Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return f;
    }

    private static String line(String ts, String name, String cpu, String mem) {
        return "{\"BlockIO\":\"0B / 0B\",\"CPUPerc\":\"" + cpu + "\",\"Container\":\"abc\",\"ID\":\"abc\","
                + "\"MemPerc\":\"1.00%\",\"MemUsage\":\"" + mem + "\",\"Name\":\"" + name + "\","
                + "\"NetIO\":\"1kB / 2kB\",\"PIDs\":\"3\"," + ts + "}";
    }

    @Test
    void read_unitsAndPercent_giveCoresAndBytes() throws Exception {
        Path f = write(
                line("\"timestamp\":\"2026-12-10T12:00:00Z\"", "shop-api-1", "150.5%", "512MiB / 7.6GiB"),
                line("\"timestamp\":\"2026-12-10T12:01:00Z\"", "shop-api-1", "0.00%", "1.5GiB / 7.6GiB"),
                line("\"timestamp\":\"2026-12-10T12:02:00Z\"", "shop-api-1", "12.34%", "2kB / 7.6GiB"),
                line("\"timestamp\":\"2026-12-10T12:03:00Z\"", "shop-api-1", "1%", "3MB / 7.6GiB"),
                line("\"timestamp\":\"2026-12-10T12:04:00Z\"", "shop-api-1", "1%", "100B / 7.6GiB"),
                line("\"timestamp\":\"2026-12-10T12:05:00Z\"", "shop-api-1", "1%", "4KiB / 7.6GiB"),
                line("\"timestamp\":\"2026-12-10T12:06:00Z\"", "shop-api-1", "1%", "1GB / 7.6GiB"));

        List<UsageSeries> api = DockerStatsReader.read(f).get("api");

        assertThat(api).extracting(UsageSeries::metric).containsExactly("cpu_cores", "memory_bytes");
        assertThat(api.get(0).unit()).isEqualTo("cores");
        assertThat(api.get(0).samples()).extracting(UsageSeries.Sample::value)
                .containsExactly(1.505, 0.0, 0.1234, 0.01, 0.01, 0.01, 0.01);
        assertThat(api.get(1).samples()).extracting(UsageSeries.Sample::value)
                .containsExactly(512.0 * 1024 * 1024, 1.5 * 1024 * 1024 * 1024, 2000.0, 3e6, 100.0, 4096.0, 1e9);
        assertThat(api.get(0).step()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void serviceName_composeNamesMapToService() {
        assertThat(DockerStatsReader.serviceName("investment-postgres-1")).isEqualTo("postgres");
        assertThat(DockerStatsReader.serviceName("investment_web_2")).isEqualTo("web");
        assertThat(DockerStatsReader.serviceName("shop-order-api-1")).isEqualTo("order-api");
        assertThat(DockerStatsReader.serviceName("/redis")).isEqualTo("redis");
        assertThat(DockerStatsReader.serviceName("elasticsearch")).isEqualTo("elasticsearch");
    }

    @Test
    void read_timestampsIsoAndEpoch_inferMedianStep() throws Exception {
        long base = Instant.parse("2026-12-10T12:00:00Z").getEpochSecond();
        Path f = write(
                line("\"time\":" + base, "redis", "1%", "1MiB / 1GiB"),
                line("\"ts\":\"" + (base + 30) + "\"", "redis", "1%", "1MiB / 1GiB"),
                line("\"timestamp\":\"2026-12-10T13:01:00+01:00\"", "redis", "1%", "1MiB / 1GiB"),
                line("\"timestamp\":\"2026-12-10T12:10:00Z\"", "redis", "1%", "1MiB / 1GiB"));

        UsageSeries cpu = DockerStatsReader.read(f).get("redis").get(0);

        assertThat(cpu.samples()).extracting(UsageSeries.Sample::at).containsExactly(
                Instant.parse("2026-12-10T12:00:00Z"), Instant.parse("2026-12-10T12:00:30Z"),
                Instant.parse("2026-12-10T12:01:00Z"), Instant.parse("2026-12-10T12:10:00Z"));
        assertThat(cpu.step()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void read_replicasAtOneInstant_areSummed() throws Exception {
        Path f = write(
                line("\"ts\":1000", "p-web-1", "50%", "100MiB / 1GiB"),
                line("\"ts\":1000", "p-web-2", "25%", "50MiB / 1GiB"));

        Map<String, List<UsageSeries>> m = DockerStatsReader.read(f);

        assertThat(m).containsOnlyKeys("web");
        assertThat(m.get("web").get(0).samples().get(0).value()).isCloseTo(0.75, within(1e-9));
        assertThat(m.get("web").get(1).samples().get(0).value()).isEqualTo(150.0 * 1024 * 1024);
    }

    @Test
    void read_malformedLine_namesFileLineAndField() throws Exception {
        Path f = write(
                line("\"ts\":1000", "p-web-1", "50%", "100MiB / 1GiB"),
                "",
                line("\"ts\":1060", "p-web-1", "fast", "100MiB / 1GiB"));

        assertThatThrownBy(() -> DockerStatsReader.read(f)).isInstanceOf(PurserException.class)
                .satisfies(e -> assertThat(((PurserException) e).code()).isEqualTo(ErrorCode.MALFORMED_FILE))
                .hasMessageStartingWith("stats.jsonl:3: CPUPerc: 'fast'");
    }

    @Test
    void read_badUnitOrMissingTimestamp_isMalformed() throws Exception {
        Path unit = write(line("\"ts\":1000", "p-web-1", "50%", "100XB / 1GiB"));
        assertThatThrownBy(() -> DockerStatsReader.read(unit)).hasMessageContaining("stats.jsonl:1: MemUsage: unit 'XB'");
        Path noTime = write("{\"Name\":\"web\",\"CPUPerc\":\"1%\",\"MemUsage\":\"1MiB / 1GiB\"}");
        assertThatThrownBy(() -> DockerStatsReader.read(noTime)).hasMessageContaining("stats.jsonl:1: timestamp: missing");
        Path notJson = write("{\"Name\":");
        assertThatThrownBy(() -> DockerStatsReader.read(notJson)).hasMessageContaining("stats.jsonl:1: line: not JSON");
    }

    @Test
    void read_emptyFile_saysSo() throws Exception {
        Path f = dir.resolve("empty.jsonl");
        Files.writeString(f, "\n\n");

        assertThatThrownBy(() -> DockerStatsReader.read(f)).isInstanceOf(PurserException.class)
                .hasMessageContaining("empty.jsonl: no docker stats lines (the file is empty)");
    }
}
