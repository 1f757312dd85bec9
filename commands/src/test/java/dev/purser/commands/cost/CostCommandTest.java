package dev.purser.commands.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.CommandRegistry;
import dev.purser.commands.reply.Figure;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.render.TextRenderer;
import dev.purser.commands.testing.Fixtures;
import dev.purser.commands.testing.SampleReplies;
import dev.purser.core.analysis.costs.BreakdownRequest;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.analysis.forecast.FakeDailySpend;
import dev.purser.core.analysis.forecast.MonthEndForecaster;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CostCommandTest {

    @TempDir
    Path imports;
    Fixtures fx;

    @BeforeEach
    void setUp() {
        fx = new Fixtures(imports);
    }

    private Reply run(String line) {
        Reply reply = fx.dispatcher.run(Fixtures.viewer(), "cli", line);
        assertThat(reply.error()).as("error").isNull();
        return reply;
    }

    private static Map<String, Value> figures(Reply reply) {
        return reply.figures().stream().collect(Collectors.toMap(Figure::key, Figure::value));
    }

    @Test
    void cost_rowsAndOther_addUpToTotal() {
        SampleReplies.mandible(fx.costs);
        Reply reply = run("cost last-month --top 2");
        Table table = reply.tables().get(0);
        assertThat(table.key()).isEqualTo("breakdown");
        assertThat(table.rows()).hasSize(3);
        assertThat(table.rows().get(2).get(0).asText()).isEqualTo("(other)");
        BigDecimal sum = table.rows().stream().map(r -> r.get(1).asMoney().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(sum).isEqualByComparingTo(table.footer().get(1).asMoney().amount());
        assertThat(figures(reply).get("total").asMoney().isSameAmount(Money.of("738.030", "USD"))).isTrue();
    }

    @Test
    void cost_textColumn_addsUpAfterRounding() {
        fx.costs.charge("2026-10-01", "A", "1.005", "USD").charge("2026-10-01", "B", "1.005", "USD")
                .charge("2026-10-01", "C", "1.005", "USD").charge("2026-10-01", "D", "0.005", "USD");
        String text = new TextRenderer().render(run("cost 2026-10"));
        List<String> lines = text.lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("service")).findFirst().orElseThrow());
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = header + 2; i < header + 6; i++) {
            sum = sum.add(amountColumn(lines.get(i)));
        }
        BigDecimal total = amountColumn(lines.get(header + 7));
        assertThat(total).isEqualByComparingTo("3.02");
        assertThat(sum).isEqualByComparingTo(total);
    }

    // second whitespace-separated cell: "$1.01"
    private static BigDecimal amountColumn(String line) {
        return new BigDecimal(line.trim().split("\\s+")[1].replace("$", "").replace(",", ""));
    }

    @Test
    void cost_summary_totalAndChangeAgainstPrevious() {
        SampleReplies.mandible(fx.costs);
        assertThat(run("cost 2026-10").summary()).isEqualTo(
                "$738.03 in 2026-10-01..2026-10-31, up $31.92 (+4.5 %) on 2026-09-01..2026-09-30.");
        // the current month is counted through the last complete day (today is 2026-11-15), and
        // compared with the same days of October
        assertThat(run("cost 2026-11").summary()).startsWith("$210.00 in 2026-11-01..2026-11-14, ")
                .contains(" on 2026-10-01..2026-10-14");
    }

    @Test
    void cost_multiCurrency_suffixedFiguresAndOneTablePerCurrency() {
        fx.costs.charge("2026-10-03", "Droplets", "100", "USD").charge("2026-10-03", "Compute", "20", "EUR");
        Reply reply = run("cost 2026-10");
        assertThat(figures(reply)).containsKeys("total_usd", "total_eur", "previous_total_eur", "change_usd")
                .doesNotContainKey("total");
        assertThat(reply.tables()).extracting(Table::key).containsExactly("breakdown_eur", "breakdown_usd");
        assertThat(reply.summary()).contains("20.00 EUR").contains("$100.00");
    }

    @Test
    void cost_singleCurrency_unsuffixedKeys() {
        fx.costs.charge("2026-10-03", "Compute", "20", "EUR");
        assertThat(figures(run("cost 2026-10"))).containsKeys("total", "previous_total", "change");
    }

    @Test
    void cost_arguments_reachTheQuery() {
        run("cost 2026-10 --by tag:env --top 3 --metric effective --account mandible --where region=nyc3");
        BreakdownRequest request = fx.costs.breakdownRequests().get(0);
        assertThat(request.by()).isEqualTo(Dimension.tag("env"));
        assertThat(request.top()).isEqualTo(3);
        assertThat(request.metric()).isEqualTo(CostMetric.EFFECTIVE);
        assertThat(request.filter().equalTo()).containsEntry(CostWords.ACCOUNT, "mandible")
                .containsEntry(new Dimension(Dimension.Kind.REGION, null), "nyc3");
        assertThat(request.period().label()).isEqualTo("2026-10-01..2026-10-31");
    }

    @Test
    void cost_whereSameDimensionTwice_badArgument() {
        Reply reply = fx.dispatcher.run(Fixtures.viewer(), "cli", "cost --where region=a --where region=b");
        assertThat(reply.error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
    }

    @Test
    void cost_noData_saysSoAndKeepsGaps() {
        fx.costs.gap("no cost data before 2026-09-01");
        Reply reply = run("cost 2025-01");
        assertThat(reply.summary()).isEqualTo("No billed costs recorded in 2025-01-01..2025-01-31.");
        assertThat(reply.tables()).isEmpty();
        assertThat(reply.notes()).contains("no cost data before 2026-09-01");
    }

    @Test
    void cost_followUps_keepFilterAndRunCleanly() {
        SampleReplies.mandible(fx.costs);
        Reply reply = run("cost 2026-10 --where \"service=Managed Databases\"");
        assertThat(reply.followUps()).extracting(f -> f.commandLine())
                .contains("cost 2026-10 --by region --where \"service=Managed Databases\"");
        for (var f : reply.followUps()) {
            assertThat(fx.dispatcher.run(Fixtures.viewer(), "cli", f.commandLine()).error()).as(f.commandLine()).isNull();
        }
    }

    @Test
    void movers_largestAbsoluteChangeFirst() {
        SampleReplies.mandible(fx.costs);
        Reply reply = run("movers 2026-10 --top 2");
        Table table = reply.tables().get(0);
        assertThat(table.rows()).extracting(r -> r.get(0).asText()).containsExactly("Droplets", "CDN");
        assertThat(table.rows().get(1).get(4).isEmpty()).as("relative change from nothing").isTrue();
        assertThat(reply.summary()).contains("Droplets up $30.90 (+7.7 %)");
        assertThat(fx.costs.moverRequests()).containsExactly("2026-10-01..2026-10-31 service BILLED {} 2");
        for (var f : reply.followUps()) {
            assertThat(fx.dispatcher.run(Fixtures.viewer(), "cli", f.commandLine()).error()).as(f.commandLine()).isNull();
        }
    }

    @Test
    void movers_none_saysNoChange() {
        assertThat(run("movers 2026-10").summary()).startsWith("No change in billed cost by service");
    }

    // --- granularity, provider/env shortcuts, metric wording, month-end forecast -----------------

    private static BigDecimal amountSum(Table table) {
        int amount = table.columns().stream().map(c -> c.key()).toList().indexOf("amount");
        return table.rows().stream().map(r -> r.get(amount).asMoney().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static Table tableNamed(Reply reply, String key) {
        return reply.tables().stream().filter(t -> t.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void cost_granularityDaily_rowsPerDayAddUpToTotal() {
        SampleReplies.mandible(fx.costs);
        Reply reply = run("cost 2026-10 --granularity daily");
        Table daily = tableNamed(reply, "daily");
        assertThat(daily.rows()).hasSize(31);
        assertThat(daily.rows().get(4).get(1).asMoney().isSameAmount(Money.of("720.010", "USD"))).isTrue();
        assertThat(amountSum(daily)).isEqualTo(figures(reply).get("total").asMoney().amount());
        assertThat(fx.costs.dailyRequests()).hasSize(1);
    }

    @Test
    void cost_granularityWeeklyAndMonthly_bucketsCutToPeriod() {
        SampleReplies.mandible(fx.costs);
        Reply weekly = run("cost 2026-10 --granularity weekly");
        Table weeks = tableNamed(weekly, "weekly");
        assertThat(weeks.rows()).extracting(r -> r.get(0).asDate() + ".." + r.get(1).asDate()).containsExactly(
                "2026-10-01..2026-10-04", "2026-10-05..2026-10-11", "2026-10-12..2026-10-18",
                "2026-10-19..2026-10-25", "2026-10-26..2026-10-31");
        assertThat(weeks.rows().get(1).get(2).asMoney().isSameAmount(Money.of("738.030", "USD"))).isTrue();
        assertThat(amountSum(weeks)).isEqualByComparingTo("738.030");

        Reply monthly = run("cost 2026-09-15..2026-11-14 --granularity monthly");
        Table months = tableNamed(monthly, "monthly");
        assertThat(months.rows()).extracting(r -> r.get(0).asDate() + ".." + r.get(1).asDate()).containsExactly(
                "2026-09-15..2026-09-30", "2026-10-01..2026-10-31", "2026-11-01..2026-11-14");
        assertThat(amountSum(months)).isEqualByComparingTo(figures(monthly).get("total").asMoney().amount())
                .isEqualByComparingTo("948.030");
    }

    @Test
    void cost_granularityMultiCurrency_oneTimeTablePerCurrency() {
        fx.costs.charge("2026-10-03", "Droplets", "100.10", "USD").charge("2026-10-20", "Droplets", "0.005", "USD")
                .charge("2026-10-04", "Compute", "20.005", "EUR").charge("2026-10-28", "Compute", "19.995", "EUR");
        Reply reply = run("cost 2026-10 --granularity weekly");
        assertThat(reply.tables()).extracting(Table::key)
                .containsExactly("breakdown_eur", "breakdown_usd", "weekly_eur", "weekly_usd");
        assertThat(amountSum(tableNamed(reply, "weekly_eur"))).isEqualByComparingTo("40.000");
        assertThat(amountSum(tableNamed(reply, "weekly_usd"))).isEqualByComparingTo("100.105");
        assertThat(tableNamed(reply, "weekly_eur").title()).isEqualTo("By week (EUR)");
    }

    @Test
    void cost_envShortcut_equalsWhereTagEnv() {
        run("cost 2026-10 --env prod --provider AWS");
        run("cost 2026-10 --where tag:env=prod --where provider=AWS");
        List<BreakdownRequest> requests = fx.costs.breakdownRequests();
        assertThat(requests.get(0).filter()).isEqualTo(requests.get(1).filter());
        assertThat(requests.get(0).filter().equalTo()).containsEntry(Dimension.tag("env"), "prod")
                .containsEntry(new Dimension(Dimension.Kind.PROVIDER, null), "AWS");
        Reply conflicting = fx.dispatcher.run(Fixtures.viewer(), "cli", "cost --env prod --where tag:env=dev");
        assertThat(conflicting.error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
    }

    @Test
    void cost_metric_saysWhichAndThatEffectiveIsAmortized() {
        SampleReplies.mandible(fx.costs);
        assertThat(run("cost 2026-10 --metric effective").notes()).anyMatch(n -> n.startsWith("Effective cost: amortized"));
        Reply billed = run("cost 2026-10");
        assertThat(billed.title()).isEqualTo("Billed cost by service");
        assertThat(billed.notes()).noneMatch(n -> n.startsWith("Billed cost:"));
        assertThat(run("cost 2026-10 --metric list").notes()).anyMatch(n -> n.startsWith("List cost:"));
    }

    private Reply runWithForecast(String line, List<String> asked) {
        MonthEndForecasts forecasts = (month, filter, metric) -> {
            asked.add(month + " " + filter.equalTo() + " " + metric);
            return List.of(new MonthEndForecasts.Projection(month, LocalDate.of(2026, 11, 14),
                    Money.of("210.00", "USD"), Money.of("452.50", "USD"), Money.of("420.00", "USD"),
                    Money.of("489.99", "USD"), new BigDecimal("0.80"), "daily level times weekday factor",
                    List.of("cost data ends 2026-11-14")));
        };
        var dispatcher = new CommandDispatcher(CommandRegistry.of(
                CostCommand.create(fx.costs, fx.periods, forecasts)));
        Reply reply = dispatcher.run(Fixtures.viewer(), "cli", line);
        assertThat(reply.error()).isNull();
        return reply;
    }

    @Test
    void cost_monthToDate_showsMonthEndForecastWithBounds() {
        SampleReplies.mandible(fx.costs);
        List<String> asked = new ArrayList<>();
        Reply reply = runWithForecast("cost mtd --env prod --metric effective", asked);
        assertThat(asked).containsExactly("2026-11 {tag:env=prod} EFFECTIVE");
        // nothing is tagged env=prod in the sample, yet the forecast is still worth saying
        assertThat(reply.summary()).isEqualTo("No effective costs recorded in 2026-11-01..2026-11-14. Month-end "
                + "forecast $452.50 (80.0 % interval $420.00 to $489.99).");
        assertThat(figures(reply).get("forecast").asMoney().isSameAmount(Money.of("452.50", "USD"))).isTrue();
        assertThat(figures(reply).get("forecast_lower").asMoney().isSameAmount(Money.of("420.00", "USD"))).isTrue();
        assertThat(figures(reply).get("forecast_upper").asMoney().isSameAmount(Money.of("489.99", "USD"))).isTrue();
        assertThat(reply.notes()).contains("cost data ends 2026-11-14")
                .anyMatch(n -> n.contains("counts days up to 2026-11-14 as actual"));

        asked.clear();
        Reply whole = runWithForecast("cost 2026-11", asked);
        assertThat(asked).hasSize(1);
        assertThat(whole.summary()).contains("month-end forecast $452.50 (80.0 % interval $420.00 to $489.99)");
    }

    @Test
    void cost_pastMonth_asksForNoForecast() {
        SampleReplies.mandible(fx.costs);
        List<String> asked = new ArrayList<>();
        Reply reply = runWithForecast("cost last-month", asked);
        assertThat(asked).isEmpty();
        assertThat(figures(reply)).doesNotContainKey("forecast");
        assertThat(runWithForecast("cost 2026-11-02..2026-11-15", asked).figures()).extracting(Figure::key)
                .doesNotContain("forecast");
        assertThat(asked).isEmpty();
    }

    @Test
    void cost_monthToDate_withTheEngine_forecastIsWithinItsBounds() {
        SampleReplies.mandible(fx.costs);
        FakeDailySpend spend = new FakeDailySpend()
                .daily("Droplets", LocalDate.of(2026, 8, 1), LocalDate.of(2026, 11, 14), d -> "14.00")
                .span(LocalDate.of(2026, 8, 1), LocalDate.of(2026, 11, 14));
        MonthEndForecasts forecasts = MonthEndForecasts.of(new MonthEndForecaster(spend, fx.clock));
        Reply reply = new CommandDispatcher(CommandRegistry.of(CostCommand.create(fx.costs, fx.periods, forecasts)))
                .run(Fixtures.viewer(), "cli", "cost mtd");
        assertThat(reply.error()).isNull();
        Money forecast = figures(reply).get("forecast").asMoney();
        // fourteen dollars a day, every day: November's 30 days
        assertThat(forecast.roundedToMinorUnit().isSameAmount(Money.of("420.00", "USD"))).isTrue();
        assertThat(figures(reply).get("forecast_lower").asMoney().compareTo(forecast)).isLessThanOrEqualTo(0);
        assertThat(figures(reply).get("forecast_upper").asMoney().compareTo(forecast)).isGreaterThanOrEqualTo(0);
        assertThat(reply.summary()).contains("month-end forecast $420.00 (80.0 % interval");
    }
}
