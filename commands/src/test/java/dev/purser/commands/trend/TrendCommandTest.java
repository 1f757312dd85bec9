package dev.purser.commands.trend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.CommandRegistry;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.charts.ChartRasterizer;
import dev.purser.commands.cost.CostCommand;
import dev.purser.commands.cost.MoversCommand;
import dev.purser.commands.render.Formats;
import dev.purser.commands.render.JsonRenderer;
import dev.purser.commands.render.MarkdownRenderer;
import dev.purser.commands.render.TextRenderer;
import dev.purser.commands.reply.Chart;
import dev.purser.commands.reply.Figure;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.testing.FakeCostQueries;
import dev.purser.commands.testing.Fixtures;
import dev.purser.commands.testing.Golden;
import dev.purser.commands.testing.MutableClock;
import dev.purser.core.analysis.costs.BreakdownRequest;
import dev.purser.core.analysis.costs.CompleteDays;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.analysis.costs.CostMover;
import dev.purser.core.analysis.costs.DailySeries;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Money;
import dev.purser.core.query.PeriodParser;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrendCommandTest {

    private static final Dimension REGION = new Dimension(Dimension.Kind.REGION, null);
    private static final Dimension ENV = Dimension.tag("env");

    FakeCostQueries costs;
    PeriodParser periods;
    CommandDispatcher dispatcher;

    @BeforeEach
    void setUp() {
        MutableClock clock = MutableClock.at("2026-11-15T10:00:00Z");
        periods = new PeriodParser(clock, ZoneOffset.UTC);
        costs = new FakeCostQueries();
        dispatcher = dispatcher(TrendCommand.create(costs, periods));
    }

    private CommandDispatcher dispatcher(CommandSpec trend) {
        return new CommandDispatcher(CommandRegistry.of(trend, CostCommand.create(costs, periods),
                MoversCommand.create(costs, periods)));
    }

    /**
     * Sixty days of a livyflow-like AWS bill: EC2 growing, RDS flat, S3 and CloudFront small,
     * EKS from mid-October, a weekly backup spike, and one tax line; amounts with sub-cent parts.
     */
    static void livyflow(FakeCostQueries costs) {
        LocalDate first = LocalDate.of(2026, 9, 17);
        for (int i = 0; i < 60; i++) {
            LocalDate day = first.plusDays(i);
            String d = day.toString();
            add(costs, d, "AmazonEC2", "us-east-1", "prod", new BigDecimal("52.125").add(new BigDecimal("0.35").multiply(BigDecimal.valueOf(i))));
            add(costs, d, "AmazonRDS", "us-east-1", "prod", new BigDecimal("31.004"));
            add(costs, d, "AmazonS3", "us-east-1", "staging", new BigDecimal("4.1").add(BigDecimal.valueOf(i % 7, 2)));
            add(costs, d, "AmazonCloudFront", "global", "prod", new BigDecimal("2.333"));
            add(costs, d, "AmazonEBS", "us-east-1", "prod", new BigDecimal("6.40"));
            if (!day.isBefore(LocalDate.of(2026, 10, 20))) {
                add(costs, d, "AmazonEKS", "us-west-2", "dev", new BigDecimal("18.005"));
            }
            if (day.getDayOfWeek().getValue() == 7) {
                add(costs, d, "AWSBackup", "us-east-1", "prod", new BigDecimal("25.00"));
            }
            add(costs, d, "AmazonCloudWatch", "us-east-1", "prod", new BigDecimal("1.2"));
        }
        costs.charge("2026-11-01", Map.of(Dimension.SERVICE, "Tax", REGION, "global"), "41.87", "USD");
    }

    private static void add(FakeCostQueries costs, String day, String service, String region, String env, BigDecimal amount) {
        costs.charge(day, Map.of(Dimension.SERVICE, service, REGION, region, ENV, env), amount.toPlainString(), "USD");
    }

    private Reply run(String line) {
        Reply reply = dispatcher.run(Fixtures.viewer(), "cli", line);
        assertThat(reply.error()).as("error of %s: %s", line, reply.error()).isNull();
        return reply;
    }

    private static Map<String, Value> figures(Reply reply) {
        return reply.figures().stream().collect(Collectors.toMap(Figure::key, Figure::value));
    }

    /** The series trend asked for, without the look-back read that finds each bill's last complete day. */
    private List<BreakdownRequest> seriesRequests() {
        return costs.dailyRequests().stream()
                .filter(r -> r.by().kind() != Dimension.Kind.BILLING_ACCOUNT || r.period().days() != CompleteDays.LOOK_BACK)
                .toList();
    }

    private static BigDecimal columnSum(Table table, int column) {
        return table.rows().stream().map(r -> r.get(column).asMoney().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void trend_default_last30DaysTopFiveAndOther() {
        livyflow(costs);
        Reply reply = run("trend");
        // every key of the period and of the one before (for the movers); the reply folds to the top five
        assertThat(seriesRequests()).extracting(r -> r.period().label())
                .containsExactlyInAnyOrder("2026-10-17..2026-11-14", "2026-09-18..2026-10-16");
        assertThat(seriesRequests()).allSatisfy(request -> {
            assertThat(request.by()).isEqualTo(Dimension.SERVICE);
            assertThat(request.metric()).isEqualTo(CostMetric.BILLED);
        });

        Table daily = reply.tables().get(0);
        // AmazonS3 overtakes AWSBackup once today's partial day (2026-11-15) is left out
        assertThat(daily.key()).isEqualTo("daily");
        assertThat(daily.rows()).hasSize(29);
        assertThat(daily.columns()).extracting(c -> c.label())
                .containsExactly("day", "AmazonEC2", "AmazonRDS", "AmazonEKS", "AmazonEBS", "AmazonS3", "other", "total");
        assertThat(daily.columns()).extracting(c -> c.key())
                .containsExactly("day", "amazonec2", "amazonrds", "amazoneks", "amazonebs", "amazons3", "other", "total");
    }

    @Test
    void trend_dailyRows_addUpToTheBreakdownTotalExactly() {
        livyflow(costs);
        Reply reply = run("trend");
        Table daily = reply.tables().get(0);
        int totalColumn = daily.columns().size() - 1;
        BigDecimal total = figures(reply).get("total").asMoney().amount();
        assertThat(columnSum(daily, totalColumn)).isEqualTo(total);
        assertThat(daily.footer().get(totalColumn).asMoney().amount()).isEqualTo(total);
        for (List<Value> row : daily.rows()) {
            BigDecimal parts = BigDecimal.ZERO;
            for (int c = 1; c < totalColumn; c++) {
                parts = parts.add(row.get(c).asMoney().amount());
            }
            assertThat(parts).as("day %s", row.get(0).asDate()).isEqualTo(row.get(totalColumn).asMoney().amount());
        }
        Reply cost = run("cost 2026-10-17..2026-11-15");
        assertThat(figures(cost).get("total").asMoney().amount()).isEqualByComparingTo(total);
    }

    @Test
    void trend_movers_absoluteAndRelativeChangeAgainstPreviousPeriod() {
        livyflow(costs);
        Reply reply = run("trend --top 3");
        Table movers = reply.tables().get(1);
        assertThat(movers.key()).isEqualTo("movers");
        assertThat(movers.rows()).hasSize(3);
        // 30d is counted through yesterday, 2026-11-14 (today is never complete): 29 days against 29.
        // EKS started on 2026-10-20: 26 days at 18.005 now, nothing before, so no relative change
        assertThat(movers.rows().get(0).get(0).asText()).isEqualTo("AmazonEKS");
        assertThat(movers.rows().get(0).get(3).asMoney().isSameAmount(Money.of("468.13", "USD"))).isTrue();
        assertThat(movers.rows().get(0).get(4).isEmpty()).isTrue();
        // EC2 grows 0.35 a day: 29 days later is 29 × 29 × 0.35 = 294.35 more
        assertThat(movers.rows().get(1).get(0).asText()).isEqualTo("AmazonEC2");
        assertThat(movers.rows().get(1).get(3).asMoney().isSameAmount(Money.of("294.35", "USD"))).isTrue();
        assertThat(movers.rows().get(1).get(4).asNumber()).isPositive();
        assertThat(reply.summary()).contains("Biggest change: AmazonEKS up $468.13 from nothing");
    }

    @Test
    void trend_chart_isPngOfChatSizeWithHeadlineAltText() throws IOException {
        livyflow(costs);
        Reply reply = run("trend");
        assertThat(reply.charts()).hasSize(1);
        Chart chart = reply.charts().get(0);
        assertThat(chart.key()).isEqualTo("trend");
        byte[] png = ChartRasterizer.png(chart);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("decodable PNG").isNotNull();
        assertThat(image.getWidth()).isEqualTo(ChartRasterizer.BARS_WIDTH);
        assertThat(image.getHeight()).isEqualTo(ChartRasterizer.BARS_HEIGHT);
        // for a person to look at: -Dtrend.out=/tmp/trend.png
        String out = System.getProperty("trend.out");
        if (out != null) {
            Files.write(Path.of(out), png);
        }
        String total = Formats.money(figures(reply).get("total").asMoney());
        assertThat(chart.title()).contains(total).contains("2026-10-17..2026-11-14");
        assertThat(chart.altText()).contains(total).contains("a day on average").contains("AmazonEC2 $")
                .contains("other $");
    }

    @Test
    void trend_multiCurrency_oneTableAndChartPerCurrency() throws IOException {
        costs.charge("2026-11-03", "Droplets", "100.10", "USD")
                .charge("2026-11-04", "Compute", "20.005", "EUR")
                .charge("2026-11-05", "Compute", "19.995", "EUR");
        Reply reply = run("trend 2026-11");
        assertThat(reply.tables()).extracting(Table::key).containsExactly("daily_eur", "daily_usd", "movers");
        assertThat(reply.charts()).extracting(Chart::key).containsExactly("trend_eur", "trend_usd");
        assertThat(figures(reply)).containsKeys("total_eur", "total_usd", "daily_average_usd");
        assertThat(figures(reply).get("total_eur").asMoney().isSameAmount(Money.of("40.000", "EUR"))).isTrue();
        assertThat(columnSum(reply.tables().get(0), 2)).isEqualByComparingTo("40.000");
        for (Chart chart : reply.charts()) {
            assertThat(ImageIO.read(new ByteArrayInputStream(ChartRasterizer.png(chart)))).isNotNull();
        }
        assertThat(reply.charts().get(0).title()).contains("40.00 EUR");
    }

    @Test
    void trend_envShortcut_isTheSameFilterAsWhereTag() {
        livyflow(costs);
        Reply viaEnv = run("trend --env prod --provider AWS");
        Reply viaWhere = run("trend --where tag:env=prod --where provider=AWS");
        List<BreakdownRequest> requests = seriesRequests();
        assertThat(requests.get(0).filter()).isEqualTo(requests.get(1).filter());
        assertThat(requests.get(0).filter().equalTo()).containsEntry(ENV, "prod");
        assertThat(viaEnv.notes()).isEqualTo(viaWhere.notes());
    }

    @Test
    void trend_envAndConflictingWhere_badArgument() {
        Reply reply = dispatcher.run(Fixtures.viewer(), "cli", "trend --env prod --where tag:env=dev");
        assertThat(reply.error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(dispatcher.run(Fixtures.viewer(), "cli", "trend --top 10").error().code())
                .isEqualTo(ErrorCode.BAD_ARGUMENT);
    }

    @Test
    void trend_effectiveMetric_saysItIsAmortized() {
        livyflow(costs);
        Reply reply = run("trend --metric effective");
        assertThat(reply.title()).isEqualTo("Daily effective cost by service");
        assertThat(reply.notes()).anyMatch(n -> n.startsWith("Effective cost: amortized"));
        assertThat(seriesRequests().get(0).metric()).isEqualTo(CostMetric.EFFECTIVE);
    }

    @Test
    void trend_noData_saysSoWithoutChart() {
        costs.gap("no cost data has been imported");
        Reply reply = run("trend");
        assertThat(reply.summary()).isEqualTo("No billed costs recorded in 2026-10-17..2026-11-14.");
        assertThat(reply.charts()).isEmpty();
        assertThat(reply.tables()).isEmpty();
        assertThat(reply.notes()).contains("no cost data has been imported");
    }

    @Test
    void trend_followUps_runCleanly() {
        livyflow(costs);
        Reply reply = run("trend --by region --env prod --metric effective");
        assertThat(reply.followUps()).extracting(f -> f.commandLine())
                .contains("cost 2026-10-17..2026-11-14 --by region --metric effective --env prod");
        for (var f : reply.followUps()) {
            assertThat(dispatcher.run(Fixtures.viewer(), "cli", f.commandLine()).error()).as(f.commandLine()).isNull();
        }
    }

    @Test
    void trend_renderings_matchGoldenFiles() {
        livyflow(costs);
        Reply reply = run("trend 14d --top 3");
        Golden.assertMatches("text/trend.txt", new TextRenderer().render(reply));
        Golden.assertMatches("markdown/trend.md", new MarkdownRenderer().render(reply));
        String json = new JsonRenderer().render(reply);
        assertThat(json).doesNotContain("png_base64");
        Golden.assertMatches("json/trend.json", json);
    }

    @Test
    void trend_readsSideBySide_sameReplyAsOneAfterTheOther() {
        livyflow(costs);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CommandDispatcher sideBySide = dispatcher(TrendCommand.create(costs, periods, pool));
            Reply parallel = sideBySide.run(Fixtures.viewer(), "cli", "trend 30d --by service");
            assertThat(new JsonRenderer().render(parallel)).isEqualTo(new JsonRenderer().render(run("trend 30d --by service")));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void trend_readFailsOnItsThread_sameErrorAsInline() {
        costs.failWith(new PurserException(ErrorCode.DATABASE_UNAVAILABLE, "the cost database is down"));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Reply reply = dispatcher(TrendCommand.create(costs, periods, pool)).run(Fixtures.viewer(), "cli", "trend");
            assertThat(reply.error().code()).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE);
            assertThat(reply.error().message()).isEqualTo("the cost database is down");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void movers_keyOnlyInThePreviousPeriod_fallsToZero() {
        Currency usd = Currency.getInstance("USD");
        dev.purser.core.model.Period now = dev.purser.core.model.Period.ofDays(LocalDate.of(2026, 11, 1),
                LocalDate.of(2026, 11, 2), ZoneOffset.UTC);
        DailySeries current = DailySeries.of(now, Dimension.SERVICE, CostMetric.BILLED, Integer.MAX_VALUE,
                Map.of(usd, Map.of("ec2", new BigDecimal[] {new BigDecimal("3.00"), new BigDecimal("4.00")})),
                List.of());
        DailySeries previous = DailySeries.of(now.previous(), Dimension.SERVICE, CostMetric.BILLED, Integer.MAX_VALUE,
                Map.of(usd, Map.of("ec2", new BigDecimal[] {new BigDecimal("3.00"), new BigDecimal("3.50")},
                        "nat", new BigDecimal[] {new BigDecimal("2.00"), new BigDecimal("2.00")})),
                List.of());

        List<CostMover> movers = TrendCommand.movers(current, previous, 5);

        assertThat(movers).extracting(CostMover::key).containsExactly("nat", "ec2");
        assertThat(movers.get(0).current()).isEqualTo(Money.of("0", "USD"));
        assertThat(movers.get(0).change().amount()).isEqualByComparingTo("-4.00");
        assertThat(movers.get(1).change().amount()).isEqualByComparingTo("0.50");
    }
}
