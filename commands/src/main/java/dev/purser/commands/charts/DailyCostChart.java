package dev.purser.commands.charts;

import dev.purser.commands.render.Formats;
import dev.purser.core.analysis.costs.DailySeries;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Money;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;

/**
 * A stacked bar chart of one currency's daily cost, one colour per series and grey for "other",
 * sized to read in a chat window ({@value #WIDTH}×{@value #HEIGHT} px): dates along the bottom,
 * the currency on the y axis, a legend with each series' total below, the total in the title.
 *
 * <p>Headless: a bot runs on servers without a display, and AWT decides once, when first
 * touched, whether it has one. The class initializer sets {@code java.awt.headless=true} unless
 * the process already chose, so the first chart never tries to reach an X server.
 *
 * <p>Money becomes {@code double} here and only here: a bar's height is a picture of the
 * amount, never a figure anyone adds up; the exact amounts are in the reply's tables.
 */
public final class DailyCostChart {

    public static final int WIDTH = 1000;
    public static final int HEIGHT = 500;

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
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT);
    private static final Currency USD = Currency.getInstance("USD");
    private static final int LEGEND_KEY_CHARS = 24;

    private DailyCostChart() {
    }

    /**
     * @param title  the chart's heading, which should state the total
     * @param days   the days of the series, index for index
     * @param section one currency's series; every series has one amount per day
     * @return PNG bytes, {@value #WIDTH}×{@value #HEIGHT} px
     * @throws PurserException INTERNAL_ERROR if the image cannot be encoded
     */
    public static byte[] render(String title, List<LocalDate> days, DailySeries.Section section) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(section, "section");
        Currency currency = section.currency();
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("Day").yAxisTitle(currency.getCurrencyCode() + " per day").build();
        style(chart, days.size(), currency);

        List<String> categories = new ArrayList<>(days.size());
        for (LocalDate d : days) {
            categories.add(DAY.format(d));
        }
        int colour = 0;
        for (DailySeries.Series s : section.series()) {
            if (s.amounts().size() != days.size()) {
                throw new IllegalArgumentException("series " + s.key() + " has " + s.amounts().size()
                        + " amounts for " + days.size() + " days");
            }
            List<Double> heights = new ArrayList<>(days.size());
            for (Money m : s.amounts()) {
                heights.add(m.amount().doubleValue());
            }
            String name = legendName(s, section.series());
            CategorySeries series = chart.addSeries(name, categories, heights);
            series.setFillColor(s.other() ? OTHER : PALETTE[colour++ % PALETTE.length]);
            series.setLineColor(series.getFillColor());
        }
        if (section.series().isEmpty()) {
            // XChart cannot draw a chart without series: one empty bar row keeps the axes and title
            List<Double> zeros = new ArrayList<>(days.size());
            for (int i = 0; i < days.size(); i++) {
                zeros.add(0.0);
            }
            chart.addSeries("no cost", categories, zeros).setFillColor(OTHER);
        }
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

    /** The legend entry: the key and its period total, so the legend alone answers "how much". */
    private static String legendName(DailySeries.Series s, List<DailySeries.Series> all) {
        String base = s.key().isBlank() ? "(none)" : s.key();
        if (base.length() > LEGEND_KEY_CHARS) {
            // CUR names run long ("Amazon Elastic Compute Cloud - Compute"); the tables keep them whole
            base = base.substring(0, LEGEND_KEY_CHARS - 1).stripTrailing() + "…";
        }
        String name = base + " " + Formats.money(s.total());
        // XChart needs unique series names; two keys differing only in case would collide
        long same = all.stream().takeWhile(x -> x != s).filter(x -> x.key().equalsIgnoreCase(s.key())).count();
        return same == 0 ? name : name + " #" + (same + 1);
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
