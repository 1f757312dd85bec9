package dev.purser.commands.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.reply.Figure;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.render.TextRenderer;
import dev.purser.commands.testing.Fixtures;
import dev.purser.commands.testing.SampleReplies;
import dev.purser.core.analysis.costs.BreakdownRequest;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.nio.file.Path;
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
        assertThat(run("cost 2026-11").summary()).contains("$210.00 in 2026-11-01..2026-11-30, down $528.03 (-71.5 %)");
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
}
