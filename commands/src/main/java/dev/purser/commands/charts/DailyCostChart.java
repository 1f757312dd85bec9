package dev.purser.commands.charts;

import dev.purser.commands.render.Formats;
import dev.purser.commands.reply.Chart;
import dev.purser.core.analysis.costs.DailySeries;
import dev.purser.core.model.Money;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One currency's daily cost as chart data: a stacked bar a day, one series per key and "other"
 * last, each series' legend entry carrying its total so the legend alone answers "how much".
 * {@link ChartRasterizer} draws it when a face asks for a picture.
 *
 * <p>Money becomes {@code double} here and only here: a bar's height is a picture of the
 * amount, never a figure anyone adds up; the exact amounts are in the reply's tables.
 */
public final class DailyCostChart {

    private static final int LEGEND_KEY_CHARS = 24;

    private DailyCostChart() {
    }

    /**
     * @param title   the chart's heading, which should state the total
     * @param days    the days of the series, index for index
     * @param section one currency's series; every series has one amount per day
     */
    public static Chart of(String key, String title, String altText, List<LocalDate> days,
            DailySeries.Section section) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(section, "section");
        List<Chart.Series> series = new ArrayList<>();
        for (DailySeries.Series s : section.series()) {
            if (s.amounts().size() != days.size()) {
                throw new IllegalArgumentException("series " + s.key() + " has " + s.amounts().size()
                        + " amounts for " + days.size() + " days");
            }
            List<Chart.Point> points = new ArrayList<>(days.size());
            for (int i = 0; i < days.size(); i++) {
                Money m = s.amounts().get(i);
                points.add(new Chart.Point(days.get(i).atStartOfDay(ZoneOffset.UTC).toInstant(),
                        m.amount().doubleValue()));
            }
            series.add(new Chart.Series(legendName(s, section.series()), points, s.other()));
        }
        if (series.isEmpty()) {
            // nothing to stack: a row of zero bars keeps the days along the axis
            List<Chart.Point> zeros = new ArrayList<>(days.size());
            for (LocalDate d : days) {
                zeros.add(new Chart.Point(d.atStartOfDay(ZoneOffset.UTC).toInstant(), 0));
            }
            series.add(new Chart.Series("no cost", zeros, true));
        }
        return new Chart(key, title, altText, Chart.Kind.STACKED_DAILY_BARS,
                new Chart.Axis(section.currency().getCurrencyCode() + " per day",
                        section.currency().getCurrencyCode()), series, List.of());
    }

    /** The legend entry: the key and its period total. */
    private static String legendName(DailySeries.Series s, List<DailySeries.Series> all) {
        String base = s.key().isBlank() ? "(none)" : s.key();
        if (base.length() > LEGEND_KEY_CHARS) {
            // CUR names run long ("Amazon Elastic Compute Cloud - Compute"); the tables keep them whole
            base = base.substring(0, LEGEND_KEY_CHARS - 1).stripTrailing() + "…";
        }
        String name = base + " " + Formats.money(s.total());
        // a chart needs unique series names; two keys differing only in case would collide
        long same = all.stream().takeWhile(x -> x != s).filter(x -> x.key().equalsIgnoreCase(s.key())).count();
        return same == 0 ? name : name + " #" + (same + 1);
    }
}
