package dev.purser.commands.charts;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The one place a {@link dev.purser.commands.reply.Chart} becomes a PNG, called only by faces
 * that show images (the CLI's chart files, MCP {@code include_charts}, chat uploads): commands
 * return chart data and never draw.
 *
 * <p>Headless: a bot runs on servers without a display, and AWT decides once, when first
 * touched, whether it has one. The class initializer sets {@code java.awt.headless=true} unless
 * the process already chose, so the first chart never tries to reach an X server.
 *
 * <p>Daily cost bars are {@value #BARS_WIDTH}×{@value #BARS_HEIGHT} px (dates along the bottom,
 * the currency on the y axis, the legend beside the plot); usage lines are
 * {@value #LINES_WIDTH}×{@value #LINES_HEIGHT} px, capacities dashed (limits) or dotted
 * (requests), current grey and proposed orange. Ranked bars are {@value #BARS_WIDTH}×{@value #BARS_HEIGHT}
 * px, one bar a series in the daily bars' colours, labelled along the bottom.
 */
public final class ChartRasterizer {

    public static final int BARS_WIDTH = 1000;
    public static final int BARS_HEIGHT = 500;
    public static final int LINES_WIDTH = 800;
    public static final int LINES_HEIGHT = 400;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    // Tableau 10: distinguishable, also for the common colour-vision deficiencies
    private static final Color[] PALETTE = {
        new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759), new Color(0x76B7B2), new Color(0x59A14F),
        new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7), new Color(0x9C755F),
    };
    private static final Color OTHER = new Color(0xBAB0AC);
    private static final Color USAGE = new Color(0x2b6cb0);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final Currency USD = Currency.getInstance("USD");

    private ChartRasterizer() {
    }

    /** The {width, height} in pixels of the PNG {@link #png} draws for a chart of this kind. */
    public static int[] size(dev.purser.commands.reply.Chart.Kind kind) {
        return switch (kind) {
            case STACKED_DAILY_BARS, RANKED_BARS -> new int[] {BARS_WIDTH, BARS_HEIGHT};
            case TIME_LINES -> new int[] {LINES_WIDTH, LINES_HEIGHT};
        };
    }

    /** The fill colours of bar series, in order, as 0xRRGGBB: what a picture of a chart shows where it has data. */
    public static List<Integer> seriesColours() {
        List<Integer> out = new ArrayList<>(PALETTE.length);
        for (Color c : PALETTE) {
            out.add(c.getRGB() & 0xFFFFFF);
        }
        return List.copyOf(out);
    }

    /**
     * @return PNG bytes
     * @throws PurserException INTERNAL_ERROR if the image cannot be encoded
     */
    public static byte[] png(dev.purser.commands.reply.Chart chart) {
        return encode(switch (chart.kind()) {
            case STACKED_DAILY_BARS -> bars(chart);
            case TIME_LINES -> lines(chart);
            case RANKED_BARS -> ranked(chart);
        });
    }

    /** The line chart before drawing: one series per data series, then one per reference line, in order. */
    static XYChart lines(dev.purser.commands.reply.Chart data) {
        XYChart chart = new XYChartBuilder().width(LINES_WIDTH).height(LINES_HEIGHT).title(data.title())
                .xAxisTitle("").yAxisTitle(data.yAxis().title().isEmpty() ? data.yAxis().unit()
                        : data.yAxis().title()).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        chart.getStyler().setDatePattern("MMM d");
        chart.getStyler().setLocale(Locale.ROOT);
        chart.getStyler().setYAxisMin(0.0);
        Date first = null;
        Date last = null;
        for (dev.purser.commands.reply.Chart.Series s : data.series()) {
            if (s.points().isEmpty()) {
                continue;
            }
            List<Date> x = new ArrayList<>(s.points().size());
            List<Double> y = new ArrayList<>(s.points().size());
            for (dev.purser.commands.reply.Chart.Point p : s.points()) {
                x.add(Date.from(p.at()));
                y.add(p.value());
            }
            XYSeries series = chart.addSeries(s.name(), x, y);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(s.other() ? OTHER : USAGE);
            series.setLineStyle(new BasicStroke(1.0f));
            first = first == null || x.get(0).before(first) ? x.get(0) : first;
            last = last == null || x.get(x.size() - 1).after(last) ? x.get(x.size() - 1) : last;
        }
        if (first == null) {
            throw new PurserException(ErrorCode.NOT_FOUND, "no points to chart in " + data.key());
        }
        for (dev.purser.commands.reply.Chart.ReferenceLine l : data.referenceLines()) {
            XYSeries s = chart.addSeries(l.name(), List.of(first, last), List.of(l.value(), l.value()));
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(color(l.emphasis()));
            // limits dashed, requests dotted, so the two stay apart where their values are close
            float[] dash = switch (l.emphasis()) {
                case CURRENT, PROPOSED -> new float[] {6f, 4f};
                case CURRENT_REQUEST, PROPOSED_REQUEST -> new float[] {2f, 3f};
            };
            s.setLineStyle(new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
        }
        return chart;
    }

    /** How a reference line is coloured: current settings grey, proposed ones orange; a request lighter than its limit. */
    static Color color(dev.purser.commands.reply.Chart.Emphasis emphasis) {
        return switch (emphasis) {
            case CURRENT -> new Color(0x718096);
            case CURRENT_REQUEST -> new Color(0xa0aec0);
            case PROPOSED -> new Color(0xdd6b20);
            case PROPOSED_REQUEST -> new Color(0xf6ad55);
        };
    }

    private static CategoryChart bars(dev.purser.commands.reply.Chart data) {
        Currency currency = Currency.getInstance(data.yAxis().unit());
        List<String> categories = new ArrayList<>();
        int days = data.series().isEmpty() ? 0 : data.series().get(0).points().size();
        if (!data.series().isEmpty()) {
            for (dev.purser.commands.reply.Chart.Point p : data.series().get(0).points()) {
                categories.add(DAY.format(p.at()));
            }
        }
        CategoryChart chart = new CategoryChartBuilder().width(BARS_WIDTH).height(BARS_HEIGHT).title(data.title())
                .xAxisTitle("Day").yAxisTitle(data.yAxis().title()).build();
        style(chart, days, currency);
        int colour = 0;
        for (dev.purser.commands.reply.Chart.Series s : data.series()) {
            if (s.points().size() != days) {
                throw new IllegalArgumentException("series " + s.name() + " has " + s.points().size()
                        + " points for " + days + " days");
            }
            List<Double> heights = new ArrayList<>(days);
            for (dev.purser.commands.reply.Chart.Point p : s.points()) {
                heights.add(p.value());
            }
            CategorySeries series = chart.addSeries(s.name(), categories, heights);
            series.setFillColor(s.other() ? OTHER : PALETTE[colour++ % PALETTE.length]);
            series.setLineColor(series.getFillColor());
        }
        if (data.series().isEmpty()) {
            // XChart cannot draw a chart without series: one empty bar keeps the axes and title
            chart.addSeries("no cost", List.of(""), List.of(0.0)).setFillColor(OTHER);
        }
        return chart;
    }

    /**
     * One bar a series, each in the colour its key has in the daily bars (the same order gives the
     * same colour), the remainder neutral. XChart colours by series, not by category, so every
     * series is given all the categories, zero but at its own, and the bars are overlapped.
     */
    static CategoryChart ranked(dev.purser.commands.reply.Chart data) {
        Currency currency = Currency.getInstance(data.yAxis().unit());
        List<String> categories = new ArrayList<>();
        for (dev.purser.commands.reply.Chart.Series s : data.series()) {
            if (s.points().size() != 1) {
                throw new IllegalArgumentException("ranked bar " + s.name() + " has " + s.points().size()
                        + " points; it needs exactly one");
            }
            categories.add(s.name());
        }
        CategoryChart chart = new CategoryChartBuilder().width(BARS_WIDTH).height(BARS_HEIGHT).title(data.title())
                .xAxisTitle("").yAxisTitle(data.yAxis().title()).build();
        style(chart, categories.size(), currency);
        chart.getStyler().setStacked(false);
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setAvailableSpaceFill(0.7);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisMin(0.0);
        if (categories.size() > 4) {
            chart.getStyler().setXAxisLabelRotation(20);
        }
        int colour = 0;
        for (int i = 0; i < data.series().size(); i++) {
            dev.purser.commands.reply.Chart.Series s = data.series().get(i);
            List<Double> heights = new ArrayList<>(categories.size());
            for (int j = 0; j < categories.size(); j++) {
                heights.add(j == i ? s.points().get(0).value() : 0.0);
            }
            CategorySeries series = chart.addSeries(s.name(), categories, heights);
            series.setFillColor(s.other() ? OTHER : PALETTE[colour++ % PALETTE.length]);
            series.setLineColor(series.getFillColor());
        }
        if (data.series().isEmpty()) {
            chart.addSeries("no cost", List.of(""), List.of(0.0)).setFillColor(OTHER);
        }
        return chart;
    }

    private static byte[] encode(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream(64 * 1024);
            if (!ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", png)) {
                throw new IOException("no PNG writer is installed");
            }
            return png.toByteArray();
        } catch (IOException e) {
            throw new PurserException(ErrorCode.INTERNAL_ERROR, "could not encode the chart as PNG", e);
        }
    }

    private static void style(CategoryChart chart, int days, Currency currency) {
        var styler = chart.getStyler();
        styler.setStacked(true);
        styler.setOverlapped(false);
        styler.setAvailableSpaceFill(days > 45 ? 0.9 : 0.75);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setPlotGridLinesColor(new Color(0xDDDDDD));
        styler.setPlotGridLinesStroke(new BasicStroke(1f));
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        styler.setChartTitleBoxVisible(false);
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        // beside the plot, one entry a line: a row below would run off the image with ten entries
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setLegendLayout(Styler.LegendLayout.Vertical);
        styler.setLegendBorderColor(Color.WHITE);
        if (days > 16) {
            // a label per day would overlap; XChart refuses a maximum below two, so short periods keep every label
            styler.setXAxisMaxLabelCount(16);
            styler.setXAxisLabelRotation(45);
        }
        styler.setYAxisMin(null);
        styler.setYAxisTickLabelsFormattingFunction(v -> axisMoney(v, currency));
        styler.setAntiAlias(true);
    }

    /** {@code $1,200} or {@code 1,200 EUR}; cents only when the axis steps are below one unit. */
    private static String axisMoney(Double value, Currency currency) {
        BigDecimal v = BigDecimal.valueOf(value);
        int scale = v.abs().compareTo(BigDecimal.TEN) < 0 && v.stripTrailingZeros().scale() > 0 ? 2 : 0;
        BigDecimal shown = v.setScale(scale, RoundingMode.HALF_EVEN);
        String digits = String.format(Locale.ROOT, scale == 0 ? "%,.0f" : "%,.2f", shown.abs());
        String sign = shown.signum() < 0 ? "-" : "";
        return currency.equals(USD) ? sign + "$" + digits : sign + digits + " " + currency.getCurrencyCode();
    }
}
