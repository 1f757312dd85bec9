package dev.purser.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.purser.core.demo.DemoScenarios;
import dev.purser.core.model.CostLineItem;
import dev.purser.core.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as a user drives it: real arguments, real environment variables, a real
 * PostgreSQL, exit codes and the streams they print to.
 */
class PurserCliTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    private static Map<String, String> env;
    private static Result demo;

    record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void runDemo() {
        env = new HashMap<>();
        env.put("PURSER_HOME", home.toString());
        env.put("PURSER_DATABASE_URL", TestDatabase.freshJdbcUrl());
        env.put("PURSER_DATABASE_USER", "postgres");
        demo = run("demo");
    }

    static Result run(String... args) {
        return runWith(env, args);
    }

    static Result runWith(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PurserMain.run(args, environment, CLOCK, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void demo_printsFiguresForAllThreeScenarios() {
        assertThat(demo.code()).as(demo.err()).isZero();
        assertThat(demo.out()).contains("mandible", "investment", "livyflow", "cost last-month --by service --account livyflow");
        assertThat(demo.out()).containsPattern("\\$[0-9,]+\\.[0-9]{2} in 2026-11-01\\.\\.2026-11-22"); // mtd counts through yesterday, the last complete day
    }

    @Test
    void costJson_afterDemo_rowsAddUpToTotal_andEqualGeneratedRows() throws IOException {
        Result r = run("cost", "--by", "service", "--period", "last-month", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode reply = JSON.readTree(r.out());
        BigDecimal total = null;
        for (JsonNode f : reply.get("figures")) {
            if (f.get("key").asText().equals("total")) {
                total = new BigDecimal(f.get("value").get("amount").asText());
            }
        }
        BigDecimal rows = BigDecimal.ZERO;
        for (JsonNode row : reply.get("tables").get(0).get("rows")) {
            rows = rows.add(new BigDecimal(row.get("amount").get("amount").asText()));
        }
        BigDecimal generated = BigDecimal.ZERO;
        Instant from = Instant.parse("2026-10-01T00:00:00Z");
        Instant to = Instant.parse("2026-11-01T00:00:00Z");
        for (var scenario : DemoScenarios.generate(LocalDate.of(2026, 11, 23))) {
            for (CostLineItem item : scenario.lineItems()) {
                if (!item.chargePeriodStart().isBefore(from) && item.chargePeriodStart().isBefore(to)) {
                    generated = generated.add(item.billedCost());
                }
            }
        }
        assertThat(total).isNotNull();
        assertThat(rows).isEqualByComparingTo(total);
        assertThat(total).isEqualByComparingTo(generated);
    }

    @Test
    void demo_runTwice_totalsUnchanged() {
        String before = run("cost", "last-month", "--format", "json").out();
        Result again = run("demo", "--no-console");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(run("cost", "last-month", "--format", "json").out()).isEqualTo(before);
    }

    @Test
    void importFocus_twice_leavesTotalsUnchanged() throws IOException {
        Path file = writeFocus("twice.csv", "2026-03-02T00:00:00Z", "12.345");
        Result first = run("import", "focus", file.toString());
        assertThat(first.code()).as(first.err()).isZero();
        String once = run("cost", "2026-03", "--account", "acct-twice", "--format", "json").out();
        Result second = run("import", "focus", file.toString());
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(run("cost", "2026-03", "--account", "acct-twice", "--format", "json").out()).isEqualTo(once);
        assertThat(once).contains("\"amount\" : \"24.690\"");
    }

    @Test
    void importFocus_malformedDate_failsWithLineNumber_andChangesNothing() throws IOException {
        Path good = writeFocus("good.csv", "2026-04-02T00:00:00Z", "10.00");
        assertThat(run("import", "focus", good.toString()).code()).isZero();
        String before = run("cost", "2026-04", "--account", "acct-good", "--format", "json").out();
        Path bad = writeFocus("good-bad.csv", "2026-04-02T00:00:00Z", "99.00");
        List<String> lines = Files.readAllLines(bad);
        lines.set(2, lines.get(2).replace("2026-04-02T00:00:00Z,2026-04-03", "2026-04-31T00:00:00Z,2026-04-03"));
        Files.write(bad, lines);
        Result r = run("import", "focus", bad.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("good-bad.csv:3:").contains("ChargePeriodStart");
        assertThat(run("cost", "2026-04", "--account", "acct-good", "--format", "json").out()).isEqualTo(before);
    }

    @Test
    void importFocus_outsideAllowedDirectories_isRefusedWithExit2() throws IOException {
        Path outside = Files.createTempFile("purser-outside", ".csv");
        Result r = run("import", "focus", outside.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("outside the allowed directories");
    }

    @Test
    void cost_unknownDimension_exits2_listingDimensions() {
        Result r = run("cost", "--by", "colour");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("colour").contains("service");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void cost_month13_exits2() {
        Result r = run("cost", "--period", "2026-13");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("2026-13");
    }

    @Test
    void cost_chatStyleArguments_sameAnswerAsOptions() {
        assertThat(run("cost", "by", "service", "last-month").out())
                .isEqualTo(run("cost", "--by", "service", "--period", "last-month").out());
    }

    @Test
    void console_pipedStdin_answersEachLine_thenExits0() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String lines = "cost last-month --account mandible\ncost last-moth\nexit\ncost mtd\n";
        int code = PurserMain.run(new String[] {"console"}, env, CLOCK,
                new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        assertThat(text).contains("purser> ", "Billed cost by service", "in 2026-10-01..2026-10-31")
                .contains("invalid period 'last-moth' (did you mean last-month?)");
        // nothing after exit runs
        assertThat(text).doesNotContain("2026-11-01..2026-11-");
    }

    @Test
    void bareCommand_withoutTerminal_printsUsageAsBefore() {
        Result bare = run();
        assertThat(bare.code()).isEqualTo(2);
        assertThat(bare.out()).contains("Usage: purser");
    }

    @Test
    void textTables_wrapToColumns() {
        Map<String, String> narrow = new HashMap<>(env);
        narrow.put("COLUMNS", "60");
        Result wrapped = runWith(narrow, "waste", "--account", "livyflow");
        assertThat(wrapped.code()).as(wrapped.err()).isZero();
        assertThat(wrapped.out().lines().filter(l -> l.startsWith("-") || l.contains(" | ")).toList())
                .hasSizeGreaterThan(14)
                .allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(60));
    }

    @Test
    void unknownCommand_exits2() {
        Result r = run("colour");
        assertThat(r.code()).isEqualTo(2);
    }

    @Test
    void unknownConfiguration_failsAtStartup() {
        Map<String, String> typo = new HashMap<>(env);
        typo.put("PURSER_DATABSE_URL", "jdbc:postgresql://nowhere/x");
        Result r = runWith(typo, "help");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("PURSER_DATABSE_URL");
    }

    @Test
    void rulesFile_overridesTheDefaults_andATypoStopsEveryCommand() throws IOException {
        Path rules = home.resolve("rules.properties");
        Files.writeString(rules, "# only savings of $1000 a month or more are worth a change\n"
                + "rightsizing.min_monthly_saving = 1000\n");
        Map<String, String> strict = new HashMap<>(env);
        strict.put("PURSER_RULES_FILE", rules.toString());

        Result defaults = run("rightsize", "--account", "mandible", "--format", "json");
        Result raised = runWith(strict, "rightsize", "--account", "mandible", "--format", "json");

        assertThat(defaults.code()).as(defaults.err()).isZero();
        assertThat(raised.code()).as(raised.err()).isZero();
        assertThat(defaults.out()).contains("\"reduce nodes\"");
        assertThat(raised.out()).doesNotContain("\"reduce nodes\"");

        Files.writeString(rules, "rightsizing.cpu_p95_targt = 0.6\n");
        Result typo = runWith(strict, "cost");
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err()).contains("PURSER_RULES_FILE", "rightsizing.cpu_p95_targt", "rightsizing.cpu_p95_target");
    }

    @Test
    void help_listsCommands_withoutStartingTheDatabase() {
        Map<String, String> noDb = new HashMap<>();
        noDb.put("PURSER_DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/none");
        Result r = runWith(noDb, "help");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("cost", "movers", "import");
    }

    @Test
    void databaseDown_exits1_withoutStackTrace() {
        Map<String, String> noDb = new HashMap<>();
        noDb.put("PURSER_DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/none");
        Result r = runWith(noDb, "cost");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("purser: ").doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static Path writeFocus(String name, String chargeStart, String amount) throws IOException {
        String account = "acct-" + name.replaceAll("[-.].*", "");
        String header = "BillingAccountId,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,"
                + "ChargeCategory,BilledCost,EffectiveCost,BillingCurrency,ServiceName,ProviderName";
        String month = chargeStart.substring(0, 7);
        String periodStart = month + "-01T00:00:00Z";
        String periodEnd = LocalDate.parse(month + "-01").plusMonths(1) + "T00:00:00Z";
        String day = chargeStart.substring(0, 10);
        String next = LocalDate.parse(day).plusDays(1).toString();
        String row1 = String.join(",", account, periodStart, periodEnd, chargeStart, next + "T00:00:00Z",
                "Usage", amount, amount, "USD", "Compute", "Acme");
        String row2 = String.join(",", account, periodStart, periodEnd, chargeStart, next + "T00:00:00Z",
                "Usage", amount, amount, "USD", "\"Storage, archive\"", "Acme");
        Path file = home.resolve(name);
        Files.writeString(file, header + "\r\n" + row1 + "\r\n" + row2 + "\r\n");
        return file;
    }
}
