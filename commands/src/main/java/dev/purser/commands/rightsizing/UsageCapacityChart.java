package dev.purser.commands.rightsizing;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.UsageSeries;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One usage series drawn against the current and the proposed capacity, as a PNG sized for a
 * chat window: the picture a reviewer wants before agreeing to a smaller size.
 *
 * <p>Headless, for the same reason as the cost charts: a bot runs without a display, and AWT
 * decides once whether it has one. Measurements are {@code double} already (cores, bytes); long
 * series are thinned to hourly maxima so the PNG stays small and the peaks stay visible.
 */
final class UsageCapacityChart {

    static final int WIDTH = 800;
    static final int HEIGHT = 400;
    private static final int MAX_POINTS = 1_000;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private UsageCapacityChart() {
    }

    /** How a capacity line is drawn: current settings grey, proposed ones orange; a request lighter than its limit. */
    enum Style {
        CURRENT(new Color(0x718096)),
        CURRENT_REQUEST(new Color(0xa0aec0)),
        PROPOSED(new Color(0xdd6b20)),
        PROPOSED_REQUEST(new Color(0xf6ad55));

        final Color color;

        Style(Color color) {
            this.color = color;
        }
    }

    /**
     * A horizontal capacity line across the whole window.
     *
     * @param name  the legend entry, e.g. {@code proposed limit 350m}
     * @param value in the chart's unit
     */
    record Line(String name, double value, Style style) {
        Line {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(style, "style");
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("value must be finite: " + value + " for " + name);
            }
        }
    }

    /**
     * @param scale    multiplies sample values into {@code unit} (for example bytes to GiB)
     * @param current  the current capacity in {@code unit}, if known
     * @param proposed the proposed capacity in {@code unit}, if any
     */
    static byte[] png(String title, UsageSeries series, double scale, String unit, OptionalDouble current,
            OptionalDouble proposed) {
        List<Line> lines = new ArrayList<>();
        current.ifPresent(c -> lines.add(new Line("current capacity", c, Style.CURRENT)));
        proposed.ifPresent(p -> lines.add(new Line("proposed capacity", p, Style.PROPOSED)));
        return png(model(title, "usage (" + series.metric() + ")", series, scale, unit, lines));
    }

    /** The chart before drawing: the usage series under {@code usageName}, then one series per line, in order. */
    static XYChart model(String title, String usageName, UsageSeries series, double scale, String unit,
            List<Line> lines) {
        List<Date> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        List<UsageSeries.Sample> samples = series.samples();
        int bucket = Math.max(1, (samples.size() + MAX_POINTS - 1) / MAX_POINTS);
        for (int i = 0; i < samples.size(); i += bucket) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = i; j < Math.min(samples.size(), i + bucket); j++) {
                max = Math.max(max, samples.get(j).value());
            }
            x.add(Date.from(samples.get(i).at()));
            y.add(max * scale);
        }
        if (x.isEmpty()) {
            throw new PurserException(ErrorCode.NOT_FOUND, "no usage samples to chart for " + series.resourceId());
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("")
                .yAxisTitle(unit).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        chart.getStyler().setDatePattern("MMM d");
        chart.getStyler().setLocale(Locale.ROOT);
        chart.getStyler().setYAxisMin(0.0);
        XYSeries usage = chart.addSeries(usageName, x, y);
        usage.setMarker(SeriesMarkers.NONE);
        usage.setLineColor(new Color(0x2b6cb0));
        usage.setLineStyle(new BasicStroke(1.0f));
        Date first = x.get(0);
        Date last = x.get(x.size() - 1);
        for (Line l : lines) {
            line(chart, l, first, last);
        }
        return chart;
    }

    static byte[] png(XYChart chart) {
        try (ByteArrayOutputStream png = new ByteArrayOutputStream()) {
            if (!ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", png)) {
                throw new PurserException(ErrorCode.INTERNAL_ERROR, "no PNG writer available for the usage chart");
            }
            return png.toByteArray();
        } catch (IOException e) {
            throw new PurserException(ErrorCode.INTERNAL_ERROR, "could not draw the usage chart", e);
        }
    }

    private static void line(XYChart chart, Line line, Date from, Date to) {
        XYSeries s = chart.addSeries(line.name(), List.of(from, to), List.of(line.value(), line.value()));
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(line.style().color);
        // limits dashed, requests dotted, so the two stay apart where their values are close
        float[] dash = switch (line.style()) {
            case CURRENT, PROPOSED -> new float[] {6f, 4f};
            case CURRENT_REQUEST, PROPOSED_REQUEST -> new float[] {2f, 3f};
        };
        s.setLineStyle(new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
    }
}
