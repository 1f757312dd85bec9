package dev.purser.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.purser.commands.charts.ChartRasterizer;
import dev.purser.core.testing.TestDatabase;
import java.awt.image.BufferedImage;
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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code purser report} over the demo, as a user runs it: its numbers against {@code cost},
 * {@code savings}, {@code anomalies} and {@code budget} for the same month and account, and its
 * HTML page in a real headless Chromium.
 */
class ReportCliTest {

    /** The 23rd: the last complete month is October. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WINDOW_WIDTH = 1200;
    private static final int[] BAR_COLOURS = ChartRasterizer.seriesColours().stream().mapToInt(Integer::intValue).toArray();

    @TempDir
    static Path home;

    private static Map<String, String> env;

    record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void runDemo() {
        env = new HashMap<>();
        env.put("PURSER_HOME", home.toString());
        env.put("PURSER_DATABASE_URL", TestDatabase.freshJdbcUrl());
        env.put("PURSER_DATABASE_USER", "postgres");
        Result demo = run("demo", "--no-console");
        assertThat(demo.code()).as(demo.err()).isZero();
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PurserMain.run(args, env, CLOCK, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static JsonNode json(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--format");
        all.add("json");
        Result r = run(all.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    static BigDecimal money(JsonNode reply, String figure) {
        for (JsonNode f : reply.get("figures")) {
            if (f.get("key").asText().equals(figure)) {
                return new BigDecimal(f.get("value").get("amount").asText());
            }
        }
        throw new AssertionError("no figure " + figure + " in " + reply.get("figures"));
    }

    static JsonNode figure(JsonNode reply, String figure) {
        for (JsonNode f : reply.get("figures")) {
            if (f.get("key").asText().equals(figure)) {
                return f.get("value");
            }
        }
        throw new AssertionError("no figure " + figure + " in " + reply.get("figures"));
    }

    static JsonNode table(JsonNode reply, String key) {
        for (JsonNode t : reply.get("tables")) {
            if (t.get("key").asText().equals(key)) {
                return t;
            }
        }
        throw new AssertionError("no table " + key);
    }

    /** key → amount of each row, in order. */
    static Map<String, BigDecimal> amounts(JsonNode table, String keyColumn, String amountColumn) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (JsonNode row : table.get("rows")) {
            JsonNode amount = row.get(amountColumn);
            out.put(row.get(keyColumn).asText(), amount.isNull() || amount.get("amount") == null ? null
                    : new BigDecimal(amount.get("amount").asText()));
        }
        return out;
    }

    @Test
    void report_mandible_numbersEqualCostAndSavingsForTheSameMonth() throws IOException {
        JsonNode report = json("report", "--month", "2026-10", "--account", "mandible");
        JsonNode cost = json("cost", "2026-10", "--account", "mandible");
        JsonNode savings = json("savings", "--account", "mandible");

        assertThat(money(report, "total")).isEqualByComparingTo(money(cost, "total"));
        assertThat(money(report, "previous_total")).isEqualByComparingTo(money(cost, "previous_total"));
        assertThat(money(report, "total")).isPositive();
        assertThat(amounts(table(report, "services"), "key", "amount"))
                .isEqualTo(amounts(table(cost, "breakdown"), "key", "amount"));
        assertThat(money(report, "average_daily").multiply(BigDecimal.valueOf(31)))
                .isCloseTo(money(cost, "total"), org.assertj.core.data.Offset.offset(new BigDecimal("0.000001")));

        assertThat(money(report, "savings")).isEqualByComparingTo(money(savings, "total")).isPositive();
        Map<String, BigDecimal> items = amounts(table(report, "savings"), "id", "monthly_saving");
        assertThat(items).isEqualTo(amounts(table(savings, "savings"), "id", "monthly_saving"));
        // real estimates, never a placeholder: every item has an amount, and they add up to the total
        assertThat(items.values()).doesNotContainNull();
        assertThat(items.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(money(report, "savings"));
    }

    @Test
    void report_livyflow_anomaliesBudgetsAndMoversEqualTheirCommands() throws IOException {
        JsonNode report = json("report", "--month", "2026-10", "--account", "livyflow");
        JsonNode anomalies = json("anomalies", "2026-10", "--account", "livyflow");
        JsonNode budget = json("budget", "status", "--month", "2026-10");
        JsonNode movers = json("movers", "2026-10", "--account", "livyflow", "--top", "5");
        JsonNode cost = json("cost", "2026-10", "--account", "livyflow");

        assertThat(money(report, "total")).isEqualByComparingTo(money(cost, "total"));
        assertThat(figure(report, "anomalies").asInt()).isEqualTo(figure(anomalies, "anomalies").asInt()).isPositive();
        assertThat(money(report, "anomaly_impact")).isEqualByComparingTo(money(anomalies, "total_impact"));
        assertThat(amounts(table(report, "anomalies"), "date", "impact").keySet())
                .isEqualTo(amounts(table(anomalies, "anomalies"), "date", "impact").keySet());

        Map<String, BigDecimal> actual = amounts(table(budget, "budgets"), "name", "actual");
        assertThat(amounts(table(report, "budgets"), "name", "actual"))
                .containsExactly(Map.entry("livyflow-total", actual.get("livyflow-total")));
        assertThat(amounts(table(report, "movers"), "key", "change"))
                .isEqualTo(amounts(table(movers, "movers"), "key", "change"));
    }

    @Test
    void report_noMonth_isTheLastCompleteMonth() throws IOException {
        JsonNode report = json("report", "--account", "mandible");
        assertThat(report.get("title").asText()).contains("2026-10");
        assertThat(money(report, "total")).isEqualByComparingTo(money(json("cost", "last-month", "--account",
                "mandible"), "total"));
    }

    @Test
    void report_charts_dailyTrendAndTopServices() throws IOException {
        JsonNode report = json("report", "--month", "2026-10", "--account", "mandible");
        List<String> kinds = new ArrayList<>();
        for (JsonNode chart : report.get("charts")) {
            kinds.add(chart.get("key").asText() + ":" + chart.get("kind").asText());
        }
        assertThat(kinds).containsExactly("daily:stacked_daily_bars", "top_services:ranked_bars");
        assertThat(report.get("charts").get(0).get("series").get(0).get("points")).hasSize(31);
    }

    @Test
    void report_badMonth_exits2_sayingWhatAMonthIs() {
        Result r = run("report", "--month", "2026-13");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("2026-13").contains("last-month");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void report_html_selfContainedPageWithBothCharts() {
        Result r = run("report", "--month", "2026-10", "--account", "mandible", "--format", "html");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("<!DOCTYPE html>")
                .contains("<img id=\"chart-daily\"", "<img id=\"chart-top_services\"", "@media print")
                .doesNotContainPattern("(src|href)=\"(?!data:)");
        // drawn inline, so no chart files are left beside it
        assertThat(r.err()).doesNotContain("chart: ");
    }

    /**
     * The page in a real browser: both charts decode, and the screenshot shows the charts' bar
     * colours inside each chart's box and none in the margin beside it. The same check on a copy
     * whose images are corrupted must fail, so it is not one a blank page passes.
     */
    @Test
    @Tag("chromium")
    void report_html_inChromium_chartsDrawnWhereTheImagesAre() throws Exception {
        Result r = run("report", "--month", "2026-10", "--account", "mandible", "--format", "html");
        assertThat(r.code()).as(r.err()).isZero();
        Path work = Files.createDirectories(home.resolve("chromium"));
        Path page = work.resolve("report.html");
        Files.writeString(page, r.out(), StandardCharsets.UTF_8);
        HeadlessChromium chromium = new HeadlessChromium(work);

        HeadlessChromium.Layout layout = chromium.layout(page, WINDOW_WIDTH);
        assertThat(layout.charts()).extracting(HeadlessChromium.Box::id)
                .containsExactly("chart-daily", "chart-top_services");
        assertThat(layout.charts()).allMatch(HeadlessChromium.Box::decoded);
        BufferedImage shot = chromium.screenshot(page, WINDOW_WIDTH, layout.pageHeight());
        for (HeadlessChromium.Box box : layout.charts()) {
            assertThat(box.width()).as(box.id()).isGreaterThan(800);
            assertThat(chartColouredShare(shot, box.left(), box.top(), box.width(), box.height()))
                    .as("share of %s painted in bar colours", box.id()).isGreaterThan(0.03);
            int marginLeft = box.left() + box.width() + 8;
            assertThat(chartColouredShare(shot, marginLeft, box.top(), WINDOW_WIDTH - marginLeft, box.height()))
                    .as("bar colours beside %s", box.id()).isZero();
        }
        HeadlessChromium.Box daily = layout.charts().get(0);
        assertThat(coloursPresent(shot, daily)).as("services stacked in the daily chart").hasSizeGreaterThanOrEqualTo(4);

        // printed: A4 pages (595 × 842 pt, from the print stylesheet) carrying both charts as images
        String pdf = new String(chromium.printToPdf(page), StandardCharsets.ISO_8859_1);
        assertThat(pdf).startsWith("%PDF-").containsPattern("/MediaBox \\[0 0 59[45]\\.\\d+ 841\\.\\d+\\]");
        assertThat(Pattern.compile("/Subtype\\s*/Image").matcher(pdf).results().count()).isEqualTo(2);

        Path broken = work.resolve("broken.html");
        Files.writeString(broken, r.out().replace("data:image/png;base64,", "data:image/png;base64,AAAA"),
                StandardCharsets.UTF_8);
        HeadlessChromium.Layout brokenLayout = chromium.layout(broken, WINDOW_WIDTH);
        assertThat(brokenLayout.charts()).noneMatch(HeadlessChromium.Box::decoded);
        BufferedImage brokenShot = chromium.screenshot(broken, WINDOW_WIDTH, brokenLayout.pageHeight());
        for (HeadlessChromium.Box box : brokenLayout.charts()) {
            assertThat(chartColouredShare(brokenShot, box.left(), box.top(), box.width(), box.height()))
                    .as("a broken %s shows no bars", box.id()).isLessThan(0.001);
        }
    }

    /** The share of pixels in the rectangle (clipped to the image) whose colour is one of the charts' bar colours. */
    static double chartColouredShare(BufferedImage image, int left, int top, int width, int height) {
        int x0 = Math.max(0, left);
        int y0 = Math.max(0, top);
        int x1 = Math.min(image.getWidth(), left + width);
        int y1 = Math.min(image.getHeight(), top + height);
        long all = 0;
        long coloured = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                all++;
                if (barColour(image.getRGB(x, y) & 0xFFFFFF) != null) {
                    coloured++;
                }
            }
        }
        return all == 0 ? 0 : (double) coloured / all;
    }

    private static Set<Integer> coloursPresent(BufferedImage image, HeadlessChromium.Box box) {
        Set<Integer> seen = new TreeSet<>();
        for (int y = Math.max(0, box.top()); y < Math.min(image.getHeight(), box.top() + box.height()); y++) {
            for (int x = Math.max(0, box.left()); x < Math.min(image.getWidth(), box.left() + box.width()); x++) {
                Integer c = barColour(image.getRGB(x, y) & 0xFFFFFF);
                if (c != null) {
                    seen.add(c);
                }
            }
        }
        return seen;
    }

    /** The bar colour this pixel shows, allowing for the browser's scaling and colour management, or null. */
    private static Integer barColour(int rgb) {
        for (int c : BAR_COLOURS) {
            if (Math.abs(((rgb >> 16) & 0xFF) - ((c >> 16) & 0xFF)) <= 6
                    && Math.abs(((rgb >> 8) & 0xFF) - ((c >> 8) & 0xFF)) <= 6
                    && Math.abs((rgb & 0xFF) - (c & 0xFF)) <= 6) {
                return c;
            }
        }
        return null;
    }
}
