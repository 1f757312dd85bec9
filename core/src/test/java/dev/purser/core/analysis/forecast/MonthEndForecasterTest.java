package dev.purser.core.analysis.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.analysis.costs.CostFilter;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MonthEndForecasterTest {

    private static final YearMonth NOV = YearMonth.of(2026, 11);
    private static final LocalDate NOV_15 = LocalDate.of(2026, 11, 15);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-16T09:00:00Z"), ZoneOffset.UTC);
    private static final Currency USD = Currency.getInstance("USD");

    private static boolean weekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    private static MonthEndForecast forecast(FakeDailySpend source, YearMonth month, LocalDate asOf) {
        return new MonthEndForecaster(source, CLOCK).forecast(month, CostFilter.NONE, CostMetric.BILLED, asOf, USD);
    }

    @Test
    void forecast_exactWeekdayPattern_exactForecastAndNoSpread() {
        FakeDailySpend source = new FakeDailySpend().daily("EC2", LocalDate.of(2026, 9, 1), NOV_15,
                d -> weekend(d) ? "40" : "100");
        MonthEndForecast f = forecast(source, NOV, NOV_15);
        // Nov 1-15: 10 weekdays and 5 weekend days; Nov 16-30: 11 weekdays and 4 weekend days
        assertThat(f.actualToDate().amount()).isEqualByComparingTo("1200");
        assertThat(f.forecast().amount()).isEqualByComparingTo("2460");
        assertThat(f.lower().amount()).isEqualByComparingTo("2460");
        assertThat(f.upper().amount()).isEqualByComparingTo("2460");
        assertThat(f.method()).contains("weekends x0.40");
        assertThat(f.gaps()).isEmpty();
    }

    @Test
    void forecast_defaultAsOf_isYesterdayByTheClock() {
        FakeDailySpend source = new FakeDailySpend().daily("EC2", LocalDate.of(2026, 9, 1), NOV_15, d -> "10");
        List<MonthEndForecast> all = new MonthEndForecaster(source, CLOCK).forecast(NOV, CostFilter.NONE);
        assertThat(all).singleElement().satisfies(f -> {
            assertThat(f.asOf()).isEqualTo(NOV_15);
            assertThat(f.forecast().amount()).isEqualByComparingTo("300");
        });
    }

    @Test
    void asOf_followsTheOneRule_perAccount_andTheEarliestAcrossAccounts() {
        FakeDailySpend source = new FakeDailySpend();
        for (LocalDate d = LocalDate.of(2026, 11, 1); d.isBefore(NOV_15.plusDays(2)); d = d.plusDays(1)) {
            source.add(d, "EC2", "Usage", "10", "alpha", Map.of());
            if (d.isBefore(NOV_15)) {
                source.add(d, "RDS", "Usage", "5", "beta", Map.of());
            }
        }
        MonthEndForecaster forecaster = new MonthEndForecaster(source, CLOCK);
        Dimension account = new Dimension(Dimension.Kind.BILLING_ACCOUNT, null);
        // today (16th) has rows for alpha: still not complete; beta's bill ends the 14th
        assertThat(forecaster.asOf(CostFilter.NONE.and(account, "alpha"))).isEqualTo(NOV_15);
        assertThat(forecaster.asOf(CostFilter.NONE.and(account, "beta"))).isEqualTo(LocalDate.of(2026, 11, 14));
        assertThat(forecaster.asOf(CostFilter.NONE)).isEqualTo(LocalDate.of(2026, 11, 14));
        assertThat(forecaster.forecast(NOV, CostFilter.NONE)).singleElement()
                .satisfies(f -> assertThat(f.asOf()).isEqualTo(LocalDate.of(2026, 11, 14)));
    }

    @Test
    void forecast_noisySeries_boundsHoldTheActualMonth() {
        Random random = new Random(42);
        FakeDailySpend source = new FakeDailySpend().daily("EC2", LocalDate.of(2026, 7, 1), LocalDate.of(2026, 10, 31),
                d -> BigDecimal.valueOf((weekend(d) ? 50 : 120) * (1 + 0.1 * random.nextGaussian()))
                        .setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString());
        YearMonth oct = YearMonth.of(2026, 10);
        MonthEndForecast f = forecast(source, oct, LocalDate.of(2026, 10, 15));
        Money actual = forecast(source, oct, LocalDate.of(2026, 10, 31)).forecast();
        assertThat(f.lower()).isLessThan(f.forecast());
        assertThat(f.upper()).isGreaterThan(f.forecast());
        assertThat(f.covers(actual)).as("%s..%s holds %s", f.lower(), f.upper(), actual).isTrue();
    }

    @Test
    void forecast_taxCreditAndMonthlySubscription_expectedOnceNotPerDay() {
        FakeDailySpend source = new FakeDailySpend().daily("EC2", LocalDate.of(2026, 7, 1), NOV_15, d -> "10");
        for (YearMonth m = YearMonth.of(2026, 7); m.isBefore(NOV); m = m.plusMonths(1)) {
            LocalDate last = m.atEndOfMonth();
            source.add(last, "Tax", "Tax", Money.of(new BigDecimal("0.625").multiply(BigDecimal.valueOf(m.lengthOfMonth())), "USD"))
                    .add(last, "Credits", "Credit", Money.of("-50", "USD"))
                    .add(m.atDay(1), "Support", "Usage", Money.of("100", "USD"));
        }
        source.add(NOV.atDay(1), "Support", "Usage", Money.of("100", "USD"));
        MonthEndForecast f = forecast(source, NOV, NOV_15);
        // 30 days of 10, the subscription already charged on the 1st, the credit once, tax 6.25 % of 300
        assertThat(f.actualToDate().amount()).isEqualByComparingTo("250");
        assertThat(f.forecast().amount()).isEqualByComparingTo("368.75");
        assertThat(f.method()).contains("Tax (Tax)", "Credits (Credit)").doesNotContain("Support");
    }

    @Test
    void forecast_purchaseChargedEveryDay_isDailySpend() {
        FakeDailySpend source = new FakeDailySpend();
        for (LocalDate d = LocalDate.of(2026, 9, 1); !d.isAfter(NOV_15); d = d.plusDays(1)) {
            source.add(d, "Savings Plans", "Purchase", Money.of("5", "USD"));
        }
        assertThat(forecast(source, NOV, NOV_15).forecast().amount()).isEqualByComparingTo("150");
    }

    @Test
    void forecast_onlyPartOfTheMonthBefore_scalesItsMonthlyChargesAndSaysSo() {
        FakeDailySpend source = new FakeDailySpend().daily("EC2", LocalDate.of(2026, 10, 17), NOV_15, d -> "10")
                .add(LocalDate.of(2026, 10, 31), "Credits", "Credit", Money.of("-15", "USD"));
        MonthEndForecast f = forecast(source, NOV, NOV_15);
        assertThat(f.forecast().amount()).isEqualByComparingTo("269");
        assertThat(f.gaps()).anyMatch(g -> g.contains("only 15 days of 2026-10"));
    }

    @Test
    void forecast_noEarlierMonth_monthlyChargesNotExpectedAndSaid() {
        FakeDailySpend source = new FakeDailySpend().daily("EC2", LocalDate.of(2026, 11, 1), NOV_15, d -> "10")
                .add(LocalDate.of(2026, 11, 1), "Tax", "Tax", Money.of("3", "USD"));
        MonthEndForecast f = forecast(source, YearMonth.of(2026, 12), NOV_15);
        assertThat(f.forecast().amount()).isEqualByComparingTo("310");
        assertThat(f.gaps()).anyMatch(g -> g.contains("no earlier month") && g.contains("Tax"));
    }

    @Test
    void forecast_completeMonth_isTheActual() {
        FakeDailySpend source = new FakeDailySpend().daily("EC2", LocalDate.of(2026, 9, 1), NOV_15, d -> "10");
        MonthEndForecast f = forecast(source, YearMonth.of(2026, 10), NOV_15);
        assertThat(f.forecast().amount()).isEqualByComparingTo("310");
        assertThat(f.lower()).isEqualTo(f.forecast());
        assertThat(f.upper()).isEqualTo(f.forecast());
        assertThat(f.remaining().isZero()).isTrue();
    }

    @Test
    void forecast_dataEndsBeforeAsOf_forecastsTheMissingDaysAndSaysSo() {
        FakeDailySpend source = new FakeDailySpend().daily("EC2", LocalDate.of(2026, 9, 1),
                LocalDate.of(2026, 11, 12), d -> "10");
        MonthEndForecast f = forecast(source, NOV, NOV_15);
        assertThat(f.actualToDate().amount()).isEqualByComparingTo("120");
        assertThat(f.forecast().amount()).isEqualByComparingTo("300");
        assertThat(f.gaps()).anyMatch(g -> g.contains("cost data ends 2026-11-12"));
    }

    @Test
    void forecast_noData_emptyOrZeroWithGap() {
        FakeDailySpend empty = new FakeDailySpend();
        assertThat(new MonthEndForecaster(empty, CLOCK).forecast(NOV, CostFilter.NONE)).isEmpty();
        MonthEndForecast f = forecast(empty, NOV, NOV_15);
        assertThat(f.forecast().isZero()).isTrue();
        assertThat(f.gaps()).anyMatch(g -> g.contains("no cost data"));
    }

    @Test
    void forecast_twoCurrencies_neverAdded() {
        FakeDailySpend source = new FakeDailySpend().daily("EC2", LocalDate.of(2026, 9, 1), NOV_15, d -> "10");
        for (LocalDate d = LocalDate.of(2026, 9, 1); !d.isAfter(NOV_15); d = d.plusDays(1)) {
            source.add(d, "Hetzner", "Usage", Money.of("2", "EUR"));
        }
        List<MonthEndForecast> all = new MonthEndForecaster(source, CLOCK)
                .forecast(NOV, CostFilter.NONE, CostMetric.BILLED, NOV_15);
        assertThat(all).extracting(f -> f.forecast().currency().getCurrencyCode()).containsExactly("EUR", "USD");
        assertThat(all.get(0).forecast().amount()).isEqualByComparingTo("60");
        MonthEndForecast usd = forecast(source, NOV, NOV_15);
        assertThat(usd.forecast().amount()).isEqualByComparingTo("300");
        assertThat(usd.gaps()).anyMatch(g -> g.contains("EUR"));
    }
}
