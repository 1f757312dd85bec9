package dev.purser.core.analysis.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.analysis.costs.CostFilter;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.demo.DemoScenarios;
import dev.purser.core.demo.Scenario;
import dev.purser.core.ingest.FocusImporter;
import dev.purser.core.ingest.ImportOptions;
import dev.purser.core.model.Dimension;
import dev.purser.core.store.JdbcCostSink;
import dev.purser.core.store.JdbcDailySpend;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Back-test on the demo data: each past full month of each scenario is forecast from its first
 * half (as of the 15th) and compared with what the month actually cost.
 */
class ForecastBackTest {

    private static final LocalDate LAST_DAY = LocalDate.of(2026, 11, 22);
    private static final Dimension ACCOUNT = new Dimension(Dimension.Kind.BILLING_ACCOUNT, null);

    private static PurserDatabase db;
    private static MonthEndForecaster forecaster;

    @BeforeAll
    static void load() throws IOException {
        db = TestDatabase.fresh();
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);
        FocusImporter importer = new FocusImporter(new JdbcCostSink(db.dataSource()), clock);
        Path dir = Files.createTempDirectory("purser-backtest");
        for (Scenario s : DemoScenarios.generate(LAST_DAY)) {
            importer.importFile(s.writeFiles(dir).get(0), ImportOptions.STRICT);
        }
        forecaster = new MonthEndForecaster(new JdbcDailySpend(db.dataSource()), clock);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void backTest_fromTheFifteenth_meanErrorWithinTenPercentAndBoundsMostlyHold() {
        List<YearMonth> months = new ArrayList<>();
        LocalDate first = LAST_DAY.minusDays(DemoScenarios.BILL_DAYS - 1L);
        for (YearMonth m = YearMonth.from(first).plusMonths(1); m.atEndOfMonth().isBefore(LAST_DAY); m = m.plusMonths(1)) {
            months.add(m);
        }
        assertThat(months).hasSize(5);

        Map<String, BigDecimal> mapes = new LinkedHashMap<>();
        BigDecimal allErrors = BigDecimal.ZERO;
        int covered = 0;
        int count = 0;
        StringBuilder detail = new StringBuilder();
        for (String scenario : DemoScenarios.NAMES) {
            CostFilter filter = CostFilter.NONE.and(ACCOUNT, scenario);
            BigDecimal errors = BigDecimal.ZERO;
            for (YearMonth m : months) {
                MonthEndForecast f = forecaster.forecast(m, filter, CostMetric.BILLED, m.atDay(15)).get(0);
                MonthEndForecast actual = forecaster.forecast(m, filter, CostMetric.BILLED, m.atEndOfMonth()).get(0);
                BigDecimal error = f.forecast().minus(actual.forecast()).amount().abs()
                        .divide(actual.forecast().amount().abs(), MathContext.DECIMAL64);
                errors = errors.add(error);
                boolean inside = f.covers(actual.forecast());
                covered += inside ? 1 : 0;
                count++;
                detail.append(String.format("  %s %s: forecast %s [%s..%s], actual %s, error %s %%%s%n", scenario, m,
                        f.forecast().roundedToMinorUnit(), f.lower().roundedToMinorUnit(),
                        f.upper().roundedToMinorUnit(), actual.forecast().roundedToMinorUnit(), pct(error),
                        inside ? "" : " (outside)"));
            }
            allErrors = allErrors.add(errors);
            mapes.put(scenario, errors.divide(BigDecimal.valueOf(months.size()), MathContext.DECIMAL64));
        }
        BigDecimal overall = allErrors.divide(BigDecimal.valueOf(count), MathContext.DECIMAL64);
        StringBuilder line = new StringBuilder("forecast back-test: MAPE");
        mapes.forEach((s, e) -> line.append(' ').append(s).append(' ').append(pct(e)).append(" %,"));
        line.append(" overall ").append(pct(overall)).append(" %; actual inside the 80 % bounds in ")
                .append(covered).append(" of ").append(count).append(" months");
        System.out.println(line);
        System.out.print(detail);

        assertThat(overall).isLessThanOrEqualTo(new BigDecimal("0.10"));
        assertThat(covered * 2).as("months whose actual falls inside the bounds").isGreaterThan(count);
    }

    private static String pct(BigDecimal ratio) {
        return ratio.movePointRight(2).setScale(1, RoundingMode.HALF_EVEN).toPlainString();
    }
}
