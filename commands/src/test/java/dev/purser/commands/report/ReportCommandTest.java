package dev.purser.commands.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.CommandRegistry;
import dev.purser.commands.charts.ChartRasterizer;
import dev.purser.commands.cost.CostCommand;
import dev.purser.commands.reply.Chart;
import dev.purser.commands.reply.Figure;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.testing.FakeCostQueries;
import dev.purser.commands.testing.Fixtures;
import dev.purser.commands.testing.MutableClock;
import dev.purser.commands.render.JsonRenderer;
import dev.purser.commands.render.MarkdownRenderer;
import dev.purser.commands.render.TextRenderer;
import dev.purser.commands.testing.Renderings;
import dev.purser.core.analysis.costs.BreakdownRequest;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Money;
import dev.purser.core.query.PeriodParser;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code report} over hand-written costs, without budgets, anomalies or savings (those are in ReportCliTest). */
class ReportCommandTest {

    private final MutableClock clock = MutableClock.at("2026-11-15T10:00:00Z");
    private final PeriodParser periods = new PeriodParser(clock, ZoneOffset.UTC);
    private FakeCostQueries costs;
    private CommandDispatcher dispatcher;

    @BeforeEach
    void setUp() {
        costs = new FakeCostQueries();
        for (LocalDate d = LocalDate.of(2026, 9, 1); d.isBefore(LocalDate.of(2026, 11, 1)); d = d.plusDays(1)) {
            costs.charge(d.toString(), "EC2", d.getMonthValue() == 10 ? "10.00" : "8.00", "USD");
            costs.charge(d.toString(), "S3", "1.50", "USD");
        }
        costs.charge("2026-10-12", "Support", "5.00", "EUR");
        dispatcher = new CommandDispatcher(CommandRegistry.of(
                ReportCommand.create(costs, periods, null, null, null), CostCommand.create(costs, periods)));
    }

    private Reply run(String line) {
        Reply reply = dispatcher.run(Fixtures.viewer(), "cli", line);
        // every face can render it
        assertThat(new TextRenderer().render(reply)).isNotBlank();
        assertThat(new MarkdownRenderer().render(reply)).isNotBlank();
        assertThat(new JsonRenderer().render(reply)).isNotBlank();
        return reply;
    }

    private static Money money(Value value) {
        return (Money) value.raw();
    }

    private static Map<String, Value> figures(Reply reply) {
        return reply.figures().stream().collect(Collectors.toMap(Figure::key, Figure::value));
    }

    @Test
    void report_noMonth_reportsTheLastCompleteMonth() {
        Reply reply = run("report");
        assertThat(reply.error()).isNull();
        assertThat(reply.title()).contains("2026-10");
        assertThat(costs.breakdownRequests().get(0).period().start()).isEqualTo(LocalDate.of(2026, 10, 1));
    }

    @Test
    void report_asksForTheServicesAsCostDoes() {
        run("report --month 2026-10 --account acme");
        run("cost 2026-10 --account acme");
        List<BreakdownRequest> asked = costs.breakdownRequests();
        assertThat(asked.get(0)).isEqualTo(asked.get(asked.size() - 1));
        assertThat(asked.get(0).by()).isEqualTo(Dimension.SERVICE);
        assertThat(asked.get(0).top()).isEqualTo(ReportCommand.TOP_SERVICES);
        assertThat(asked.get(0).metric()).isEqualTo(CostMetric.BILLED);
    }

    @Test
    void report_twoCurrencies_neverAdded_eachWithItsOwnFiguresAndCharts() {
        Reply reply = run("report --month 2026-10");
        Map<String, Value> f = figures(reply);
        assertThat(money(f.get("total_usd")).amount()).isEqualByComparingTo("356.50");
        assertThat(money(f.get("total_eur")).amount()).isEqualByComparingTo("5.00");
        assertThat(reply.charts()).extracting(Chart::key)
                .containsExactly("daily_eur", "daily_usd", "top_services_eur", "top_services_usd");
        assertThat(reply.tables()).extracting(Table::key).contains("services_usd", "services_eur");
    }

    @Test
    void report_averageDay_isTheTotalOverTheMonthsDays() {
        Reply reply = run("report --month 2026-10");
        Map<String, Value> f = figures(reply);
        assertThat(money(f.get("average_daily_usd")).amount().multiply(BigDecimal.valueOf(31)))
                .isEqualByComparingTo(money(f.get("total_usd")).amount());
        assertThat(money(f.get("average_daily_usd")).amount()).isEqualByComparingTo("11.50");
    }

    @Test
    void report_topServicesChart_oneBarAService_largestFirst_drawsAsPng() throws IOException {
        Reply reply = run("report --month 2026-10");
        Chart top = reply.charts().stream().filter(c -> c.key().equals("top_services_usd")).findFirst().orElseThrow();
        assertThat(top.kind()).isEqualTo(Chart.Kind.RANKED_BARS);
        assertThat(top.series()).extracting(Chart.Series::name).containsExactly("EC2 $310.00", "S3 $46.50");
        assertThat(top.series()).allMatch(s -> s.points().size() == 1);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(ChartRasterizer.png(top)));
        assertThat(png.getWidth()).isEqualTo(ChartRasterizer.BARS_WIDTH);
    }

    @Test
    void report_october_matchesGolden() {
        Renderings.assertMatchGolden("report", run("report --month 2026-10"));
    }

    @Test
    void report_monthWithoutCosts_saysSo_andDrawsNothing() {
        Reply reply = run("report --month 2026-06");
        assertThat(reply.error()).isNull();
        assertThat(reply.summary()).startsWith("No billed costs recorded in 2026-06");
        assertThat(reply.charts()).isEmpty();
    }

    @Test
    void report_withoutBudgetsAnomaliesOrSavings_notesEachMissingSection() {
        Reply reply = run("report --month 2026-10");
        assertThat(reply.notes()).anyMatch(n -> n.contains("no budget section"))
                .anyMatch(n -> n.contains("no anomalies section")).anyMatch(n -> n.contains("no savings section"));
    }

    @Test
    void report_badMonth_badArgument_namingIt() {
        Reply reply = run("report --month 2026-13");
        assertThat(reply.error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(reply.error().message()).contains("2026-13");
    }
}
