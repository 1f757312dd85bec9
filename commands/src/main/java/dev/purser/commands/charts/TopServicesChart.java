package dev.purser.commands.charts;

import dev.purser.commands.render.Formats;
import dev.purser.commands.reply.Chart;
import dev.purser.core.analysis.costs.CostBreakdown;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One currency's largest services of a period as chart data: a bar a service, largest first, the
 * remainder ("other") last and neutral, as {@link Chart.Kind#RANKED_BARS}. Each bar's label carries
 * its amount, so the picture alone answers "how much".
 */
public final class TopServicesChart {

    private static final int LABEL_CHARS = 28;

    private TopServicesChart() {
    }

    /**
     * @param firstDay the period's first day; every bar's single point falls on it
     * @param section  one currency's breakdown by service, rows largest first
     */
    public static Chart of(String key, String title, String altText, LocalDate firstDay, CostBreakdown.Section section) {
        Objects.requireNonNull(firstDay, "firstDay");
        Objects.requireNonNull(section, "section");
        List<Chart.Series> series = new ArrayList<>();
        for (CostBreakdown.Row row : section.rows()) {
            String name = row.key() == null || row.key().isBlank() ? (row.other() ? "(other)" : "(none)") : row.key();
            if (name.length() > LABEL_CHARS) {
                name = name.substring(0, LABEL_CHARS - 1).stripTrailing() + "…";
            }
            name = name + " " + Formats.money(row.amount());
            // a chart needs unique series names; two keys that shorten alike would collide
            String unique = name;
            int n = 2;
            while (taken(series, unique)) {
                unique = name + " #" + n++;
            }
            series.add(new Chart.Series(unique, List.of(new Chart.Point(firstDay.atStartOfDay(ZoneOffset.UTC).toInstant(),
                    row.amount().amount().doubleValue())), row.other()));
        }
        String code = section.currency().getCurrencyCode();
        return new Chart(key, title, altText, Chart.Kind.RANKED_BARS, new Chart.Axis(code, code), series, List.of());
    }

    private static boolean taken(List<Chart.Series> series, String name) {
        return series.stream().anyMatch(s -> s.name().equals(name));
    }
}
