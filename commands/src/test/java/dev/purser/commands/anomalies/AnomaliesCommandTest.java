package dev.purser.commands.anomalies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.CommandRegistry;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.UsageText;
import dev.purser.commands.reply.Details;
import dev.purser.commands.reply.Figure;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.render.JsonRenderer;
import dev.purser.commands.render.MarkdownRenderer;
import dev.purser.commands.render.TextRenderer;
import dev.purser.commands.testing.Fixtures;
import dev.purser.commands.testing.Golden;
import dev.purser.commands.testing.MutableClock;
import dev.purser.core.analysis.anomalies.Anomaly;
import dev.purser.core.analysis.anomalies.AnomalyFinder;
import dev.purser.core.analysis.anomalies.AnomalyGrouping;
import dev.purser.core.analysis.anomalies.AnomalyKind;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.model.Money;
import dev.purser.core.query.PeriodParser;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The command over a fake history at 2026-11-15: Droplets cost $100 ± 0.50 a day since
 * 2026-07-01, with a +$40 spike on 2026-11-03 (three load-test droplets) and a +$12 one on
 * 2026-10-28; Spaces steps from $20 to $45 a day on 2026-10-20.
 */
class AnomaliesCommandTest {

    private static final LocalDate FIRST = LocalDate.of(2026, 7, 1);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 15);

    private final MutableClock clock = MutableClock.at("2026-11-15T10:00:00Z");
    private FakeSpendHistory history;
    private CommandDispatcher dispatcher;

    @BeforeEach
    void setUp() {
        history = new FakeSpendHistory().flat("Droplets", "USD", FIRST, TODAY, "100")
                .extra("Droplets", "USD", LocalDate.of(2026, 11, 3), "40.00")
                .extra("Droplets", "USD", LocalDate.of(2026, 10, 28), "12.00")
                .flat("Spaces", "USD", FIRST, LocalDate.of(2026, 10, 19), "20")
                .flat("Spaces", "USD", LocalDate.of(2026, 10, 20), TODAY, "45");
        for (LocalDate d = LocalDate.of(2026, 10, 1); !d.isAfter(LocalDate.of(2026, 11, 3)); d = d.plusDays(1)) {
            history.driver("Droplets", d, "api-01", "droplet-s-2vcpu-4gb", "24.00");
        }
        for (int n = 1; n <= 3; n++) {
            history.driver("Droplets", LocalDate.of(2026, 11, 3), "loadtest-0" + n, "droplet-c-8", "13.34");
        }
        dispatcher = new CommandDispatcher(CommandRegistry.of(
                AnomaliesCommand.create(new AnomalyFinder(history), new PeriodParser(clock, ZoneOffset.UTC))));
    }

    private Reply run(String line) {
        Reply reply = dispatcher.run(Fixtures.viewer(), "cli", line);
        assertThat(reply.error()).as("error of '%s'", line).isNull();
        return reply;
    }

    private Reply.ErrorInfo fail(String line) {
        Reply reply = dispatcher.run(Fixtures.viewer(), "cli", line);
        assertThat(reply.error()).as("error of '%s'", line).isNotNull();
        return reply.error();
    }

    private static Map<String, Value> figures(Reply reply) {
        return reply.figures().stream().collect(Collectors.toMap(Figure::key, Figure::value));
    }

    private static List<String> column(Table table, int index) {
        return table.rows().stream().map(r -> r.get(index).raw() == null ? null : r.get(index).raw().toString()).toList();
    }

    @Test
    void anomalies_defaults_listSpikesAndTheLevelShiftOfTheLast30Days() {
        Reply reply = run("anomalies");
        Table table = reply.tables().get(0);
        assertThat(column(table, 0)).containsExactly("2026-10-20", "2026-10-28", "2026-11-03");
        assertThat(column(table, 1)).containsExactly("Spaces", "Droplets", "Droplets");
        assertThat(column(table, 5)).containsExactly("level shift", "spike", "spike");
        assertThat(table.rows().get(2).get(3).asMoney().isSameAmount(Money.of("139.50", "USD"))).isTrue();
        Details drivers = table.rows().get(2).get(6).asDetails();
        assertThat(drivers.label()).contains("3 resources · droplet-c-8 +$40.02");
        Details first = drivers.fields().get(0).value().asList().get(0).asDetails();
        assertThat(first.label()).contains("3 resources · droplet-c-8");
        assertThat(first.fields().get(0).value().asMoney()).isEqualTo(Money.of("40.02", "USD"));
        assertThat(figures(reply).get("anomalies").asNumber()).isEqualByComparingTo("3");
        assertThat(reply.summary()).startsWith("3 anomalies in 2026-10-17..2026-11-15 (1 level shift), $76.50 above")
                .endsWith("largest: Droplets on 2026-11-03, +$39.50.");
        assertThat(reply.notes()).anyMatch(n -> n.startsWith("A level shift is a lasting step up")
                && n.contains("Spaces from 2026-10-20, about +$25.50 a day"));
        assertThat(history.lastGrouping).isEqualTo(AnomalyGrouping.SERVICE);
        assertThat(reply.followUps()).extracting(f -> f.commandLine()).contains(
                "cost 2026-11-03..2026-11-03 --by resource --where service=Droplets",
                "anomalies 2026-10-17..2026-11-15 --sensitivity high");
    }

    @Test
    void anomalies_minImpact_dropsTheSmallerOnes() {
        Reply reply = run("anomalies --min-impact 30");
        assertThat(column(reply.tables().get(0), 0)).containsExactly("2026-11-03");
        assertThat(reply.notes()).anyMatch(n -> n.contains("2 smaller anomalies below the minimum impact of 30"));
    }

    @Test
    void anomalies_sensitivity_lowMissesTheSmallSpike() {
        // +$12.50 on a $100 day scores 5: medium (4.5) flags it, low (6) does not
        assertThat(column(run("anomalies --sensitivity low").tables().get(0), 0))
                .containsExactly("2026-10-20", "2026-11-03");
        assertThat(column(run("anomalies --sensitivity medium").tables().get(0), 0))
                .containsExactly("2026-10-20", "2026-10-28", "2026-11-03");
    }

    @Test
    void anomalies_nothingFound_saysSoWithTheMinimum() {
        Reply reply = run("anomalies 2026-09 --min-impact 5");
        assertThat(reply.summary()).isEqualTo("No anomalies with an impact of at least 5 in 2026-09-01..2026-09-30 "
                + "(2 series scored).");
        assertThat(reply.tables()).isEmpty();
    }

    @Test
    void anomalies_account_isPassedOnAndNoted() {
        Reply reply = run("anomalies --by account --account Mandible");
        assertThat(history.lastAccount).isEqualTo("Mandible");
        assertThat(history.lastGrouping).isEqualTo(AnomalyGrouping.ACCOUNT);
        assertThat(reply.title()).isEqualTo("Cost anomalies by account");
        assertThat(reply.notes()).contains("Only costs where account=Mandible.");
    }

    @Test
    void anomalies_badArguments_sayWhatWasExpected() {
        Reply.ErrorInfo sensitivity = fail("anomalies --sensitivity extreme");
        assertThat(sensitivity.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(sensitivity.message()).contains("'extreme' is not one of: low, medium, high");

        Reply.ErrorInfo negative = fail("anomalies --min-impact -5");
        assertThat(negative.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(negative.message()).contains("'-5' is negative; expected an amount of 0 or more");

        Reply.ErrorInfo notANumber = fail("anomalies --min-impact ten");
        assertThat(notANumber.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(notANumber.message()).contains("'ten' is not a number");

        Reply.ErrorInfo by = fail("anomalies --by region");
        assertThat(by.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(by.message()).contains("'region' is not one of: service, account");

        assertThat(fail("anomalies last-week").code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
    }

    @Test
    void anomalies_twoCurrencies_oneTableAndTotalEach() {
        history.flat("Compute", "EUR", FIRST, TODAY, "100").extra("Compute", "EUR", LocalDate.of(2026, 11, 5), "30.00");
        Reply reply = run("anomalies");
        assertThat(reply.tables()).extracting(Table::key).containsExactly("anomalies_eur", "anomalies_usd");
        assertThat(figures(reply).get("total_impact_eur").asMoney().currency().getCurrencyCode()).isEqualTo("EUR");
        assertThat(figures(reply).get("total_impact_usd").asMoney().isSameAmount(Money.of("76.50", "USD"))).isTrue();
        assertThat(reply.summary()).contains(" and ");
    }

    @Test
    void baselineNote_growingSeries_saysTheBaselineAndItsTrend() {
        Anomaly growing = new Anomaly(LocalDate.of(2026, 11, 3), "Droplets", Money.of("100.00", "USD"),
                Money.of("140.00", "USD"), AnomalyKind.SPIKE, 8.0, null, List.of(), 0.0581);
        Anomaly flat = new Anomaly(LocalDate.of(2026, 11, 4), "Spaces", Money.of("20.00", "USD"),
                Money.of("45.00", "USD"), AnomalyKind.SPIKE, 9.0, null, List.of(), 0);
        String note = AnomaliesCommand.baselineNote(List.of(growing, flat));
        assertThat(note).startsWith("Baseline: same weekday, trend-adjusted, 28 days").contains("(Droplets +5.8 %/month)");
        assertThat(AnomaliesCommand.baselineNote(List.of(flat))).endsWith("(no listed series had a clear trend)");
    }

    @Test
    void spec_fitsTheLimitsOfEveryFace() {
        CommandSpec spec = dispatcher.registry().find(AnomaliesCommand.NAME).orElseThrow();
        assertThat(spec.summary()).hasSizeLessThanOrEqualTo(100);
        assertThat(spec.description()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(spec.arguments()).extracting(ArgumentSpec::name)
                .containsExactly("period", "by", "min-impact", "sensitivity", "account");
        for (ArgumentSpec<?> arg : spec.arguments()) {
            assertThat(arg.description()).as(arg.name()).isNotBlank().hasSizeLessThanOrEqualTo(100);
        }
        assertThat(UsageText.help(spec)).hasSizeLessThanOrEqualTo(2000)
                .contains("anomalies [period] [--by service|account] [--min-impact");
    }

    @Test
    void anomalies_rendering_matchesGoldenFiles() {
        Reply reply = run("anomalies");
        Golden.assertMatches("text/anomalies.txt", new TextRenderer().render(reply));
        Golden.assertMatches("markdown/anomalies.md", new MarkdownRenderer().render(reply));
        Golden.assertMatches("json/anomalies.json", new JsonRenderer().render(reply));
    }
}
