package dev.purser.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code purser.yaml} at start-up: read once from {@code PURSER_CONFIG} before any command runs.
 * None of these opens a database.
 */
class ConfigFileCliTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    private static Result run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PurserMain.run(args, env, CLOCK, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Map<String, String> withConfig(String yaml) throws IOException {
        Path file = dir.resolve("purser.yaml");
        Files.writeString(file, yaml);
        Map<String, String> env = new HashMap<>();
        env.put("PURSER_CONFIG", file.toString());
        env.put("PURSER_HOME", dir.toString());
        return env;
    }

    @Test
    void deployExample_loads_andHelpRuns() {
        Result r = run(Map.of("PURSER_CONFIG", "../deploy/purser.yaml", "PURSER_HOME", dir.toString()), "help");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("cost", "import");
    }

    @Test
    void misspeltKey_exits2_withOneLineNamingKeyAndLine() throws IOException {
        Result r = run(withConfig("timezone: UTC\ndigitalocean:\n  tokn: DO_TOKEN\n"), "help");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).doesNotContain("\n")
                .startsWith("purser: ").contains("purser.yaml:3: unknown key 'digitalocean.tokn'");
    }

    @Test
    void secretInTheFile_exits2_withoutEchoingIt() throws IOException {
        String token = "dop_v1_" + "00112233445566778899aabbccddeeff";
        Result r = run(withConfig("digitalocean:\n  token_env: " + token + "\n"), "cost");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("purser.yaml:2:", "digitalocean.token_env", "environment")
                .doesNotContain("00112233");
    }

    @Test
    void variable_overridesTheFile() throws IOException {
        Map<String, String> env = withConfig("timezone: Mars/Olympus\n");
        Result bad = run(env, "help");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("purser.yaml:1:", "timezone");

        Map<String, String> fine = withConfig("database:\n  url: jdbc:postgresql://127.0.0.1:1/never\n");
        fine.put("PURSER_DATABASE_URL", "not-a-jdbc-url");
        Result overridden = run(fine, "help");
        assertThat(overridden.code()).isEqualTo(2);
        assertThat(overridden.err()).contains("PURSER_DATABASE_URL");
    }

    @Test
    void missingConfigFile_exits2_namingIt() {
        Result r = run(Map.of("PURSER_CONFIG", dir.resolve("nope.yaml").toString()), "help");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("nope.yaml", "PURSER_CONFIG");
    }
}
