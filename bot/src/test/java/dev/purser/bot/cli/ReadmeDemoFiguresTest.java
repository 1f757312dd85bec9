package dev.purser.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.testing.TestDatabase;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's demo figures are true on any day: the quoted block between the
 * {@code demo-figures} markers is parsed ({@code $ purser <command>} lines, each followed by the
 * lines its output must contain verbatim), the demo is loaded as a newcomer would on days after
 * a 31-, 30- and 28-day month, and every quoted line is looked for in that day's answer. Every
 * dollar figure in the scenarios table must also be one the block quotes, so the table cannot
 * drift from what is checked.
 */
class ReadmeDemoFiguresTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Pattern MONEY = Pattern.compile("\\$[0-9][0-9,]*\\.[0-9]{2}");

    @TempDir
    Path home;

    /** The quoted commands and, for each, the lines its output must contain, in README order. */
    static Map<String, List<String>> quoted() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int start = readme.indexOf("<!-- demo-figures:start -->");
        int end = readme.indexOf("<!-- demo-figures:end -->");
        assertThat(start).as("README has the demo-figures block").isNotNegative();
        assertThat(end).isGreaterThan(start);
        Map<String, List<String>> out = new LinkedHashMap<>();
        String command = null;
        for (String line : readme.substring(start, end).lines().toList()) {
            if (line.startsWith("$ purser ")) {
                command = line.substring("$ purser ".length()).trim();
                out.put(command, new ArrayList<>());
            } else if (command != null && !line.isBlank() && !line.startsWith("```")) {
                out.get(command).add(line.trim());
            }
        }
        assertThat(out).as("quoted commands").isNotEmpty();
        assertThat(out.values()).as("each command quotes some output").allSatisfy(l -> assertThat(l).isNotEmpty());
        return out;
    }

    @ParameterizedTest(name = "demo run on {0}")
    @ValueSource(strings = {"2026-11-23", "2026-12-06", "2027-03-10"})
    void readmeFigures_holdOnAnyRunDay(String day) throws IOException {
        Map<String, List<String>> quoted = quoted();
        Map<String, String> env = new HashMap<>();
        env.put("PURSER_HOME", home.toString());
        env.put("PURSER_DATABASE_URL", TestDatabase.freshJdbcUrl());
        env.put("PURSER_DATABASE_USER", "postgres");
        env.put("COLUMNS", "1000"); // compare lines as the README quotes them, unwrapped
        Clock clock = Clock.fixed(Instant.parse(day + "T12:00:00Z"), ZoneOffset.UTC);
        assertThat(run(env, clock, "demo", "--no-console")).isNotNull();
        for (Map.Entry<String, List<String>> e : quoted.entrySet()) {
            String answer = run(env, clock, e.getKey().split(" "));
            for (String line : e.getValue()) {
                assertThat(answer).as("on %s, 'purser %s' shows the README's line", day, e.getKey()).contains(line);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void scenariosTable_quotesOnlyCheckedFigures() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        String block = String.join("\n", quoted().values().stream().flatMap(List::stream).toList());
        int tableStart = readme.indexOf("| scenario | setting | what the tour shows |");
        String table = readme.substring(tableStart, readme.indexOf("\n\n", tableStart));
        Matcher m = MONEY.matcher(table);
        List<String> figures = new ArrayList<>();
        while (m.find()) {
            figures.add(m.group());
        }
        assertThat(figures).as("the table quotes figures").isNotEmpty();
        assertThat(figures).allSatisfy(f -> assertThat(block).as("figure %s is checked", f).contains(f));
    }

    private static String run(Map<String, String> env, Clock clock, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PurserMain.run(args, env, clock, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(String.join(" ", args) + ": " + err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }
}
