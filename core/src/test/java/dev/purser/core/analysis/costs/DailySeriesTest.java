package dev.purser.core.analysis.costs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.model.Dimension;
import dev.purser.core.model.Money;
import dev.purser.core.model.Period;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DailySeriesTest {

    private static final Currency USD = Currency.getInstance("USD");
    private static final Period THREE_DAYS = Period.ofDays(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 3),
            ZoneOffset.UTC);

    private static DailySeries everyKey() {
        Map<String, BigDecimal[]> byKey = Map.of(
                "ec2", amounts("10.00", "11.00", "12.00"),
                "rds", amounts("5.00", "5.00", "5.01"),
                "s3", amounts("0.10", "0.20", "0.30"),
                "ebs", amounts("1.00", "0.00", "1.00"));
        return DailySeries.of(THREE_DAYS, Dimension.SERVICE, CostMetric.BILLED, Integer.MAX_VALUE,
                Map.of(USD, byKey), List.of("a gap"));
    }

    @Test
    void top_foldsTheRestIntoOther_asOfDoes() {
        DailySeries folded = everyKey().top(2);
        DailySeries.Section usd = folded.section(USD);

        assertThat(usd.series()).extracting(DailySeries.Series::key).containsExactly("ec2", "rds", DailySeries.OTHER);
        assertThat(usd.series().get(2).amounts()).extracting(Money::amount)
                .containsExactly(new BigDecimal("1.10"), new BigDecimal("0.20"), new BigDecimal("1.30"));
        assertThat(folded.gaps()).containsExactly("a gap");
    }

    @Test
    void top_keepsEveryTotalToTheCent() {
        DailySeries all = everyKey();
        DailySeries folded = all.top(1);

        assertThat(folded.section(USD).total()).isEqualTo(all.section(USD).total());
        assertThat(folded.section(USD).total().amount()).isEqualByComparingTo("50.61");
        assertThat(folded.section(USD).dayTotals()).isEqualTo(all.section(USD).dayTotals());
    }

    @Test
    void top_largerThanTheKeys_foldsNothing() {
        assertThat(everyKey().top(10).section(USD).series()).extracting(DailySeries.Series::other)
                .containsOnly(false);
    }

    private static BigDecimal[] amounts(String... values) {
        BigDecimal[] out = new BigDecimal[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = new BigDecimal(values[i]);
        }
        return out;
    }
}
