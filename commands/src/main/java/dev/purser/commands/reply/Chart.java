package dev.purser.commands.reply;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A chart as data: what to draw, not a picture. A face that shows images asks the one shared
 * rasteriser ({@code dev.purser.commands.charts.ChartRasterizer}) for a PNG; a face that cannot
 * shows {@code altText}; a program reads the series. Nothing is drawn unless a face asks, so
 * JSON and MCP structured callers never pay for a PNG.
 *
 * <p>Values are {@code double}: a chart is a picture of the amounts, never a figure anyone adds
 * up; the exact amounts are in the reply's tables.
 *
 * @param kind           how the series are drawn
 * @param yAxis          the value axis: for {@link Kind#STACKED_DAILY_BARS} and {@link Kind#RANKED_BARS}
 *                       its unit is the ISO currency code of the amounts
 * @param series         drawn in order; for bars, stacked in order
 * @param referenceLines horizontal lines across the whole chart (capacities, limits, requests)
 */
public record Chart(String key, String title, String altText, Kind kind, Axis yAxis, List<Series> series,
        List<ReferenceLine> referenceLines) {

    public Chart {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(altText, "altText");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(yAxis, "yAxis");
        series = List.copyOf(series);
        referenceLines = List.copyOf(referenceLines);
    }

    /** How a chart draws its series. */
    public enum Kind {
        /** One bar a day, the series stacked; points fall on days (their instant is the day's start in UTC). */
        STACKED_DAILY_BARS,
        /** One line a series over time, with the reference lines across it. */
        TIME_LINES,
        /**
         * One bar a series, largest first, labelled with the series' name: each series has a single
         * point (its instant the start of the period it totals) and the value axis' unit is the
         * ISO currency code of the amounts. The top services of a month, for example.
         */
        RANKED_BARS
    }

    /**
     * @param title shown beside the axis, may be empty
     * @param unit  the values' unit ({@code cores}, {@code GiB}, or a currency code)
     */
    public record Axis(String title, String unit) {
        public Axis {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(unit, "unit");
        }
    }

    /**
     * @param name  the legend entry
     * @param other whether this series is the remainder ("other"), drawn in a neutral colour
     */
    public record Series(String name, List<Point> points, boolean other) {
        public Series {
            Objects.requireNonNull(name, "name");
            points = List.copyOf(points);
        }
    }

    /** One value at one instant (for daily bars, the start of the day in UTC). */
    public record Point(Instant at, double value) {
        public Point {
            Objects.requireNonNull(at, "at");
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("point value must be finite: " + value + " at " + at);
            }
        }
    }

    /**
     * A horizontal line across the chart.
     *
     * @param name  the legend entry, e.g. {@code proposed limit 350m}
     * @param value in the y axis unit
     */
    public record ReferenceLine(String name, double value, Emphasis emphasis) {
        public ReferenceLine {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(emphasis, "emphasis");
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("reference line value must be finite: " + value + " for " + name);
            }
        }
    }

    /** What a reference line stands for, which decides how it is drawn. */
    public enum Emphasis {
        /** A capacity or limit in force today. */
        CURRENT,
        /** A request (reservation) in force today. */
        CURRENT_REQUEST,
        /** A proposed capacity or limit. */
        PROPOSED,
        /** A proposed request (reservation). */
        PROPOSED_REQUEST
    }
}
