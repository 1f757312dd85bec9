package dev.purser.commands.charts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.render.Formats;
import dev.purser.commands.reply.Chart;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.analysis.costs.DailySeries;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Period;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class DailyCostChartTest {

    private static final Period OCTOBER = Period.ofMonth(2026, 10, ZoneOffset.UTC);
    private static final Currency USD = Currency.getInstance("USD");

    private static DailySeries series(int keys, String... negativeDayKey) {
        Map<String, BigDecimal[]> byKey = new LinkedHashMap<>();
        for (int k = 0; k < keys; k++) {
            BigDecimal[] days = new BigDecimal[31];
            for (int d = 0; d < 31; d++) {
                days[d] = BigDecimal.valueOf(10L * (keys - k) + d % 7, 1).add(BigDecimal.valueOf(k * 3L));
            }
            byKey.put(k == keys - 1 ? "Amazon Elastic Compute Cloud - Compute" : "Service " + (char) ('A' + k), days);
        }
        if (negativeDayKey.length > 0) {
            BigDecimal[] credit = new BigDecimal[31];
            Arrays.fill(credit, BigDecimal.ZERO);
            credit[14] = new BigDecimal("-25.00");
            byKey.put(negativeDayKey[0], credit);
        }
        return DailySeries.of(OCTOBER, Dimension.SERVICE, CostMetric.BILLED, 5, Map.of(USD, byKey), List.of());
    }

    private static byte[] draw(String title, List<LocalDate> days, DailySeries.Section section) {
        return ChartRasterizer.png(DailyCostChart.of("trend", title, title, days, section));
    }

    @Test
    void of_series_onePointPerDayAtItsAmount() {
        DailySeries s = series(2);
        Chart chart = DailyCostChart.of("trend", "t", "alt", s.days(), s.sections().get(0));

        assertThat(chart.kind()).isEqualTo(Chart.Kind.STACKED_DAILY_BARS);
        assertThat(chart.yAxis().unit()).isEqualTo("USD");
        assertThat(chart.series()).hasSize(s.sections().get(0).series().size());
        DailySeries.Series first = s.sections().get(0).series().get(0);
        // the legend entry: the key (long ones shortened), then its total
        assertThat(chart.series().get(0).name()).startsWith(first.key().substring(0, 10))
                .endsWith(" " + Formats.money(first.total()));
        assertThat(chart.series().get(0).points()).hasSize(s.days().size());
        assertThat(chart.series().get(0).points().get(3).value())
                .isEqualTo(first.amounts().get(3).amount().doubleValue());
        assertThat(chart.series().get(0).points().get(3).at())
                .isEqualTo(s.days().get(3).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("a PNG ImageIO can read").isNotNull();
        return image;
    }

    @Test
    void render_stackedSeries_isPngOfChatSize() throws IOException {
        DailySeries s = series(8);
        byte[] png = draw("Daily billed cost by service, October: $1,234.56 total", s.days(),
                s.sections().get(0));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage image = decode(png);
        assertThat(image.getWidth()).isEqualTo(1000);
        assertThat(image.getHeight()).isEqualTo(500);
        // written for a person to look at: mvn -Dchart.out=/tmp/trend.png
        String out = System.getProperty("chart.out");
        if (out != null) {
            Files.write(Path.of(out), png);
        }
    }

    @Test
    void render_withoutDisplay_runsHeadless() {
        DailySeries s = series(2);
        draw("t", s.days(), s.sections().get(0));
        assertThat(System.getProperty("java.awt.headless")).isEqualTo("true");
        assertThat(GraphicsEnvironment.isHeadless()).isTrue();
    }

    @Test
    void render_creditDayAndEmptySection_stillDraw() throws IOException {
        DailySeries s = series(2, "Credits");
        assertThat(decode(draw("with a credit", s.days(), s.sections().get(0))).getWidth())
                .isEqualTo(1000);
        DailySeries.Section empty = new DailySeries.Section(USD, List.of());
        assertThat(decode(draw("nothing", s.days(), empty)).getHeight()).isEqualTo(500);
    }

    @Test
    void render_oneDayAndNinetyDays_draw() throws IOException {
        Period day = Period.ofDays(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 1), ZoneOffset.UTC);
        DailySeries one = DailySeries.of(day, Dimension.SERVICE, CostMetric.BILLED, 5,
                Map.of(USD, Map.of("A", new BigDecimal[] {new BigDecimal("3.50")})), List.of());
        assertThat(decode(draw("one day", one.days(), one.sections().get(0))).getWidth()).isEqualTo(1000);

        Period quarter = Period.ofDays(LocalDate.of(2026, 8, 1), LocalDate.of(2026, 10, 29), ZoneOffset.UTC);
        BigDecimal[] days = new BigDecimal[90];
        for (int i = 0; i < 90; i++) {
            days[i] = BigDecimal.valueOf(100 + i);
        }
        DailySeries ninety = DailySeries.of(quarter, Dimension.SERVICE, CostMetric.BILLED, 5,
                Map.of(USD, Map.of("A", days)), List.of());
        assertThat(decode(draw("ninety", ninety.days(), ninety.sections().get(0))).getWidth())
                .isEqualTo(1000);
    }
}
