package dev.purser.commands.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.CommandRegistry;
import dev.purser.commands.Principal;
import dev.purser.commands.Role;
import dev.purser.commands.render.Formats;
import dev.purser.commands.reply.Figure;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.testing.Fixtures;
import dev.purser.commands.testing.MutableClock;
import dev.purser.commands.testing.Renderings;
import dev.purser.core.analysis.budgets.BudgetChecker;
import dev.purser.core.analysis.forecast.FakeDailySpend;
import dev.purser.core.analysis.forecast.MonthEndForecaster;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.store.JdbcBudgets;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BudgetCommandTest {

    private static final Principal ADMIN = new Principal("slack:U9", "Ada", EnumSet.of(Role.VIEWER, Role.ADMIN), true);

    private static PurserDatabase db;
    private static JdbcBudgets store;
    private static CommandDispatcher dispatcher;

    @BeforeAll
    static void open() {
        db = TestDatabase.fresh();
        store = new JdbcBudgets(db.dataSource());
        MutableClock clock = MutableClock.at("2026-11-16T09:00:00Z");
        FakeDailySpend spend = new FakeDailySpend();
        for (LocalDate d = LocalDate.of(2026, 9, 1); !d.isAfter(LocalDate.of(2026, 11, 15)); d = d.plusDays(1)) {
            boolean weekend = d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
            spend.add(d, "EC2", "Usage", weekend ? "40" : "100", "livyflow", Map.of("env", "prod"));
            spend.add(d, "S3", "Usage", "10", "livyflow", Map.of("env", "staging"));
        }
        BudgetChecker checker = new BudgetChecker(store, new MonthEndForecaster(spend, clock), clock);
        dispatcher = new CommandDispatcher(CommandRegistry.of(BudgetCommand.create(store, checker, clock)));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void clear() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM budget");
        }
    }

    private static Reply admin(String line) {
        return dispatcher.run(ADMIN, "cli", line);
    }

    private static Reply viewer(String line) {
        return dispatcher.run(Fixtures.viewer(), "cli", line);
    }

    private static Map<String, Value> row(Table table, String budget) {
        for (List<Value> row : table.rows()) {
            if (row.get(0).asText().equals(budget)) {
                Map<String, Value> byKey = new java.util.HashMap<>();
                for (int i = 0; i < row.size(); i++) {
                    byKey.put(table.columns().get(i).key(), row.get(i));
                }
                return byKey;
            }
        }
        throw new AssertionError("no row for " + budget);
    }

    @Test
    void budget_setThenStatus_exactNumbersPerScope() {
        assertThat(admin("budget set total-budget 3000 --account livyflow").error()).isNull();
        assertThat(admin("budget set ec2 2000 --scope service:EC2 --thresholds 50,100").error()).isNull();
        assertThat(admin("budget set staging 400 --scope tag:env=staging").error()).isNull();

        Reply status = viewer("budget");
        assertThat(status.error()).isNull();
        Table table = status.tables().get(0);
        assertThat(table.rows()).hasSize(3);

        Map<String, Value> total = row(table, "total-budget");
        assertThat(total.get("actual").asMoney().amount()).isEqualByComparingTo("1350");
        assertThat(total.get("used").asNumber()).isEqualByComparingTo("0.45");
        assertThat(total.get("forecast").asMoney().amount()).isEqualByComparingTo("2760");
        assertThat(total.get("forecast_used").asNumber()).isEqualByComparingTo("0.92");
        assertThat(total.get("crossed_actual").asList()).isEmpty();
        assertThat(total.get("crossed_forecast").asList()).extracting(Value::asNumber)
                .containsExactly(BigDecimal.valueOf(50), BigDecimal.valueOf(75), BigDecimal.valueOf(90));
        assertThat(Formats.value(total.get("crossed_forecast"))).isEqualTo("50 %, 75 %, 90 %");
        assertThat(Formats.value(total.get("crossed_actual"))).isEqualTo("none");

        Map<String, Value> ec2 = row(table, "ec2");
        assertThat(ec2.get("actual").asMoney().amount()).isEqualByComparingTo("1200");
        assertThat(ec2.get("forecast").asMoney().amount()).isEqualByComparingTo("2460");
        assertThat(Formats.value(ec2.get("crossed_actual"))).isEqualTo("50 %");
        assertThat(Formats.value(ec2.get("crossed_forecast"))).isEqualTo("50 %, 100 %");

        Map<String, Value> staging = row(table, "staging");
        assertThat(staging.get("actual").asMoney().amount()).isEqualByComparingTo("150");
        assertThat(staging.get("forecast").asMoney().amount()).isEqualByComparingTo("300");
        assertThat(Formats.value(staging.get("crossed_forecast"))).isEqualTo("50 %, 75 %");

        assertThat(status.summary()).contains("ec2 is forecast to go over");
    }

    @Test
    void budget_statusOfAPastMonth_isTheActual() {
        admin("budget set ec2 2000 --scope service:EC2");
        Reply status = viewer("budget status --month 2026-10");
        Map<String, Value> ec2 = row(status.tables().get(0), "ec2");
        // October 2026: 22 weekdays and 9 weekend days
        assertThat(ec2.get("actual").asMoney().amount()).isEqualByComparingTo("2560");
        assertThat(ec2.get("forecast").asMoney().amount()).isEqualByComparingTo("2560");
    }

    @Test
    void budget_setTwice_updatesAndRemoveRemoves() {
        Reply created = admin("budget set team 100");
        assertThat(created.title()).contains("created");
        Reply updated = admin("budget set team 200 --currency usd");
        assertThat(updated.title()).contains("updated");
        assertThat(store.find("team").orElseThrow().amount().amount()).isEqualByComparingTo("200");
        assertThat(admin("budget remove team").error()).isNull();
        assertThat(store.find("team")).isEmpty();
        assertThat(admin("budget remove team").error().code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void budget_viewerChanging_forbiddenAndNothingWritten() {
        assertThat(viewer("budget set team 100").error().code()).isEqualTo(ErrorCode.FORBIDDEN);
        admin("budget set team 100");
        assertThat(viewer("budget remove team").error().code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(store.find("team").orElseThrow().amount().amount()).isEqualByComparingTo("100");
        assertThat(viewer("budget status").error()).isNull();
    }

    @Test
    void budget_badInputs_badArgument() {
        Map<String, String> cases = Map.of(
                "budget set team -- -5", "positive",
                "budget set team 0", "positive",
                "budget set team 100 --thresholds 0,50", "out of range",
                "budget set team 100 --thresholds 50,1001", "out of range",
                "budget set team 100 --currency XYZ", "unknown currency",
                "budget set team 100 --scope region:nyc3", "budget scope",
                "budget set team", "amount",
                "budget set", "name",
                "budget status --month 2026-13", "not a month",
                "budget frobnicate", "status, set, remove");
        Map<String, String> failures = cases.entrySet().stream()
                .filter(e -> {
                    Reply r = admin(e.getKey());
                    return r.error() == null || r.error().code() != ErrorCode.BAD_ARGUMENT
                            || !r.error().message().contains(e.getValue());
                })
                .collect(Collectors.toMap(Map.Entry::getKey, e -> admin(e.getKey()).summary()));
        assertThat(failures).isEmpty();
        assertThat(store.list()).isEmpty();
    }

    @Test
    void budget_noBudgets_saysHowToAddOne() {
        Reply reply = viewer("budget");
        assertThat(reply.error()).isNull();
        assertThat(reply.summary()).contains("No budgets");
        assertThat(reply.figures()).extracting(Figure::key).isEmpty();
    }

    @Test
    void budget_renderings_matchGoldenFiles() {
        Reply set = admin("budget set ec2 2000 --scope service:EC2 --thresholds 50,100");
        admin("budget set total-budget 3000 --account livyflow");
        admin("budget set staging 400 --scope tag:env=staging");

        Renderings.assertMatchGolden("budget-set", set);
        Renderings.assertMatchGolden("budget", viewer("budget status"));
    }
}
