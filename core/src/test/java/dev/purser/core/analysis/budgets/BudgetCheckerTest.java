package dev.purser.core.analysis.budgets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.analysis.forecast.FakeDailySpend;
import dev.purser.core.analysis.forecast.MonthEndForecaster;
import dev.purser.core.model.Money;
import dev.purser.core.store.JdbcBudgets;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BudgetCheckerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-16T09:00:00Z"), ZoneOffset.UTC);
    private static final YearMonth NOV = YearMonth.of(2026, 11);

    private static PurserDatabase db;
    private static JdbcBudgets store;
    private static BudgetChecker checker;

    @BeforeAll
    static void open() {
        db = TestDatabase.fresh();
        store = new JdbcBudgets(db.dataSource());
        FakeDailySpend spend = new FakeDailySpend();
        for (LocalDate d = LocalDate.of(2026, 9, 1); !d.isAfter(LocalDate.of(2026, 11, 15)); d = d.plusDays(1)) {
            boolean weekend = d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
            spend.add(d, "EC2", "Usage", weekend ? "40" : "100", "livyflow", Map.of("env", "prod"));
            spend.add(d, "S3", "Usage", "10", "livyflow", Map.of("env", "staging"));
            spend.add(d, "Droplets", "Usage", "5", "mandible", Map.of("env", "prod"));
        }
        checker = new BudgetChecker(store, new MonthEndForecaster(spend, CLOCK), CLOCK);
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

    private static void save(Budget b) {
        store.save(b, "test", CLOCK.instant());
    }

    @Test
    void status_eachBudgetCountsThroughItsBillsLastCompleteDay() {
        FakeDailySpend spend = new FakeDailySpend();
        for (LocalDate d = LocalDate.of(2026, 10, 1); !d.isAfter(LocalDate.of(2026, 11, 15)); d = d.plusDays(1)) {
            spend.add(d, "EC2", "Usage", "10", "alpha", Map.of());
            if (d.isBefore(LocalDate.of(2026, 11, 15))) {
                spend.add(d, "RDS", "Usage", "5", "beta", Map.of()); // beta's bill is a day behind
            }
        }
        BudgetChecker twoBills = new BudgetChecker(store, new MonthEndForecaster(spend, CLOCK), CLOCK);
        save(new Budget("alpha", Money.of("1000", "USD"), BudgetScope.TOTAL, "alpha", Budget.DEFAULT_THRESHOLDS));
        save(new Budget("everyone", Money.of("1000", "USD"), BudgetScope.TOTAL, null, Budget.DEFAULT_THRESHOLDS));

        List<BudgetStatus> statuses = twoBills.status(NOV);

        assertThat(statuses.get(0).forecast().asOf()).isEqualTo(LocalDate.of(2026, 11, 15));
        assertThat(statuses.get(0).actual().amount()).isEqualByComparingTo("150");
        // across both bills: through the 14th, both bills' 14 days, not alpha's 15th beside beta's nothing
        assertThat(statuses.get(1).forecast().asOf()).isEqualTo(LocalDate.of(2026, 11, 14));
        assertThat(statuses.get(1).actual().amount()).isEqualByComparingTo("210");
    }

    @Test
    void status_totalServiceAndTagScopes_exactNumbers() {
        save(new Budget("all", Money.of("3000", "USD"), BudgetScope.TOTAL, "livyflow", Budget.DEFAULT_THRESHOLDS));
        save(new Budget("ec2", Money.of("2000", "USD"), BudgetScope.service("ec2"), null, Budget.DEFAULT_THRESHOLDS));
        save(new Budget("staging", Money.of("400", "USD"), BudgetScope.tag("env", "staging"), null,
                Budget.DEFAULT_THRESHOLDS));
        List<BudgetStatus> statuses = checker.status(NOV);
        assertThat(statuses).extracting(s -> s.budget().name()).containsExactly("all", "ec2", "staging");

        BudgetStatus all = statuses.get(0);
        assertThat(all.actual().amount()).isEqualByComparingTo("1350");
        assertThat(all.forecast().forecast().amount()).isEqualByComparingTo("2760");
        assertThat(all.usedRatio()).isEqualByComparingTo("0.45");
        assertThat(all.crossedByActual()).isEmpty();
        assertThat(all.crossedByForecast()).containsExactly(50, 75, 90);

        BudgetStatus ec2 = statuses.get(1);
        assertThat(ec2.actual().amount()).isEqualByComparingTo("1200");
        assertThat(ec2.forecast().forecast().amount()).isEqualByComparingTo("2460");
        assertThat(ec2.crossedByActual()).containsExactly(50);
        assertThat(ec2.crossedByForecast()).containsExactly(50, 75, 90, 100);

        BudgetStatus staging = statuses.get(2);
        assertThat(staging.actual().amount()).isEqualByComparingTo("150");
        assertThat(staging.forecast().forecast().amount()).isEqualByComparingTo("300");
        assertThat(staging.crossedByForecast()).containsExactly(50, 75);
    }

    @Test
    void check_secondRun_returnsNothingNew() {
        save(new Budget("ec2", Money.of("2000", "USD"), BudgetScope.service("EC2"), "livyflow", List.of(50, 100)));
        List<Crossing> first = checker.check(NOV);
        assertThat(first).extracting(c -> c.basis() + "@" + c.thresholdPercent())
                .containsExactly("ACTUAL@50", "FORECAST@50", "FORECAST@100");
        assertThat(first.get(0).spend().amount()).isEqualByComparingTo("1200");
        assertThat(checker.check(NOV)).isEmpty();
        // another month is another set of crossings
        assertThat(checker.check(YearMonth.of(2026, 10), LocalDate.of(2026, 10, 31))).isNotEmpty();
    }

    @Test
    void check_changedBudget_reportsAfresh() {
        save(new Budget("ec2", Money.of("2000", "USD"), BudgetScope.service("EC2"), null, List.of(50)));
        assertThat(checker.check(NOV)).hasSize(2);
        save(new Budget("ec2", Money.of("2000", "USD"), BudgetScope.service("EC2"), null, List.of(50)));
        assertThat(checker.check(NOV)).as("saving the same definition keeps the record").isEmpty();
        save(new Budget("ec2", Money.of("2200", "USD"), BudgetScope.service("EC2"), null, List.of(50)));
        assertThat(checker.check(NOV)).hasSize(2);
    }

    @Test
    void check_concurrentCheckers_eachCrossingReturnedOnce() throws Exception {
        for (int i = 0; i < 5; i++) {
            save(new Budget("b" + i, Money.of("1000", "USD"), BudgetScope.TOTAL, null, List.of(10, 20, 30, 40, 50)));
        }
        int threads = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Crossing>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<List<Crossing>> task = () -> {
                    start.await();
                    return checker.check(NOV);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<String> all = new ArrayList<>();
            for (Future<List<Crossing>> f : futures) {
                for (Crossing c : f.get()) {
                    all.add(c.budget() + "/" + c.basis() + "/" + c.thresholdPercent());
                }
            }
            assertThat(all).doesNotHaveDuplicates().hasSize(5 * 5 * 2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void store_roundTripsAndRemoves() {
        Budget b = new Budget("prod", Money.of("1234.5", "EUR"), BudgetScope.tag("env", "prod"), "mandible",
                List.of(100, 50));
        assertThat(store.save(b, "test", CLOCK.instant())).isTrue();
        assertThat(store.save(b, "test", CLOCK.instant())).isFalse();
        Budget read = store.find("prod").orElseThrow();
        assertThat(read.amount().isSameAmount(b.amount())).isTrue();
        assertThat(read.scope()).isEqualTo(b.scope());
        assertThat(read.account()).isEqualTo("mandible");
        assertThat(read.thresholds()).containsExactly(50, 100);
        assertThat(store.remove("prod")).isTrue();
        assertThat(store.remove("prod")).isFalse();
        assertThat(store.list()).isEmpty();
    }
}
