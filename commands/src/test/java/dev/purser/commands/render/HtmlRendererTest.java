package dev.purser.commands.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.charts.ChartRasterizer;
import dev.purser.commands.reply.Chart;
import dev.purser.commands.reply.Column;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.reply.ValueType;
import dev.purser.core.model.Money;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class HtmlRendererTest extends ReplyRendererContract {

    /** A fixed picture, so goldens do not change with the fonts of the machine that draws the charts. */
    private static final byte[] PICTURE = "not-a-real-png".getBytes(StandardCharsets.US_ASCII);

    private final HtmlRenderer fixed = new HtmlRenderer(chart -> PICTURE);

    @Override
    ReplyRenderer renderer() {
        return fixed;
    }

    @Override
    String goldenDirectory() {
        return "html";
    }

    @Override
    String extension() {
        return "html";
    }

    @Override
    String shown(Money money) {
        return Formats.money(money);
    }

    @Override
    String shownCode(String text) {
        return HtmlRenderer.escape(text);
    }

    private static Chart bars() {
        Instant day = Instant.parse("2026-10-01T00:00:00Z");
        return new Chart("top_services", "Top services", "Largest services: EC2 $1,200.00", Chart.Kind.RANKED_BARS,
                new Chart.Axis("USD", "USD"), List.of(
                        new Chart.Series("EC2 $1,200.00", List.of(new Chart.Point(day, 1200)), false),
                        new Chart.Series("S3 $300.00", List.of(new Chart.Point(day, 300)), false),
                        new Chart.Series("(other) $40.00", List.of(new Chart.Point(day, 40)), true)), List.of());
    }

    @Test
    void render_chart_inlinedAsPngOfTheRasterizersSize() throws IOException {
        Reply reply = Reply.builder("report", "Report").chart(bars()).build();

        String html = new HtmlRenderer().render(reply);

        Matcher src = Pattern.compile("<img id=\"chart-top_services\"[^>]* src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"")
                .matcher(html);
        assertThat(src.find()).as(html).isTrue();
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(src.group(1))));
        assertThat(png.getWidth()).isEqualTo(ChartRasterizer.BARS_WIDTH);
        assertThat(png.getHeight()).isEqualTo(ChartRasterizer.BARS_HEIGHT);
        assertThat(html).contains("width=\"" + ChartRasterizer.BARS_WIDTH + "\" height=\"" + ChartRasterizer.BARS_HEIGHT + "\"");
    }

    @Test
    void render_anyReply_selfContained_noExternalReference() {
        String html = new HtmlRenderer().render(Reply.builder("report", "Report").chart(bars())
                .note("see https://example.com/bill").build());

        // a link in a note is text; nothing is loaded from anywhere
        assertThat(html).doesNotContainPattern("(src|href)=\"(?!data:)")
                .doesNotContain("<link").doesNotContain("@import").doesNotContain("url(")
                .doesNotContain("<script");
    }

    @Test
    void render_printStylesheet_keepsChartsAndRowsWhole() {
        String html = fixed.render(Reply.builder("report", "Report").build());

        assertThat(html).contains("@media print").contains("@page")
                .containsPattern("figure, tr[^{]*\\{ break-inside: avoid")
                .contains("thead { display: table-header-group; }")
                .contains("print-color-adjust: exact");
    }

    @Test
    void render_hostileServiceName_escapedEverywhere() {
        String evil = "<img src=x onerror=alert(1)>\"&'";
        Reply reply = Reply.builder("report", evil).summary(evil).figure("k", evil, Value.text(evil))
                .table(new Table("services", evil, List.of(new Column("key", evil, ValueType.TEXT)),
                        List.of(List.of(Value.text(evil))), List.of()))
                .chart(new Chart("k\"><script>", evil, evil, Chart.Kind.RANKED_BARS, new Chart.Axis("", "USD"),
                        List.of(), List.of()))
                .note(evil).build();

        String html = fixed.render(reply);

        assertThat(html).doesNotContain("<img src=x").doesNotContain("<script>").doesNotContain("\"&'")
                .contains("&lt;img src=x onerror=alert(1)&gt;&quot;&amp;&#39;");
    }

    @Test
    void bytes_areTheRenderingInUtf8() {
        Reply reply = Reply.builder("report", "Coût · été").summary("€12.00").build();

        assertThat(new String(fixed.bytes(reply), StandardCharsets.UTF_8)).isEqualTo(fixed.render(reply));
        assertThat(fixed.render(reply)).contains("<meta charset=\"utf-8\">");
    }

}
