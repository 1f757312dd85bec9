package dev.purser.commands.render;

import dev.purser.commands.charts.ChartRasterizer;
import dev.purser.commands.reply.Chart;
import dev.purser.commands.reply.CodeBlock;
import dev.purser.commands.reply.Figure;
import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A reply as one self-contained HTML page: the monthly report filed as a document, posted to chat
 * as a file, or printed. Charts are drawn by the shared {@link ChartRasterizer} and inlined as
 * {@code data:image/png;base64} URIs; the stylesheet is inline too, so the file needs nothing
 * else, not even a network, to show whole. A print stylesheet keeps charts and table rows from
 * splitting across pages, repeats table headers on each page and keeps the bars' colours.
 *
 * <p>Every text is escaped: service names, tags and notes come from imported bills, not from us.
 *
 * <p>Layout is fixed-width enough to be tested: each chart is an {@code img} with id
 * {@code chart-<key>} and its pixel size as width and height, so a browser test can find it.
 */
public final class HtmlRenderer implements ReplyRenderer {

    private static final String STYLE = """
            :root { color-scheme: light; }
            body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1a202c; background: #fff;
                   margin: 0; padding: 24px; font-size: 14px; line-height: 1.45; }
            main { max-width: 1040px; margin: 0 auto; }
            h1 { font-size: 24px; margin: 0 0 8px; }
            h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #e2e8f0; padding-bottom: 4px; }
            p.summary { font-size: 15px; margin: 0 0 16px; }
            dl.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 8px;
                         margin: 0 0 8px; }
            dl.figures div { border: 1px solid #e2e8f0; border-radius: 6px; padding: 8px 10px; }
            dl.figures dt { font-size: 12px; color: #4a5568; }
            dl.figures dd { margin: 2px 0 0; font-size: 17px; font-weight: 600; }
            figure { margin: 16px 0; }
            figure img { display: block; max-width: 100%; height: auto; border: 1px solid #e2e8f0; }
            figcaption { font-size: 12px; color: #4a5568; margin-top: 4px; }
            table { border-collapse: collapse; width: 100%; margin: 0 0 8px; font-size: 13px; }
            th, td { border-bottom: 1px solid #e2e8f0; padding: 4px 8px; text-align: left; vertical-align: top; }
            th { background: #f7fafc; font-weight: 600; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            tfoot td { font-weight: 700; border-top: 2px solid #a0aec0; }
            pre { background: #f7fafc; border: 1px solid #e2e8f0; padding: 8px; overflow-x: auto; font-size: 12px; }
            ul.notes { padding-left: 18px; color: #4a5568; font-size: 13px; }
            ul.next code { background: #f7fafc; padding: 1px 4px; }
            .error { border-left: 4px solid #c53030; padding: 8px 12px; background: #fff5f5; }
            @media print {
              @page { size: A4; margin: 14mm; }
              body { padding: 0; font-size: 10pt; }
              main { max-width: none; }
              h1 { font-size: 16pt; }
              h2 { font-size: 12pt; break-after: avoid; page-break-after: avoid; }
              dl.figures { grid-template-columns: repeat(4, 1fr); }
              figure, tr, dl.figures div { break-inside: avoid; page-break-inside: avoid; }
              figure img { width: 100%; border: none; }
              thead { display: table-header-group; }
              table { font-size: 8.5pt; }
              * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
              ul.next { display: none; }
            }
            """;

    private final Function<Chart, byte[]> draw;

    /** Charts drawn by the shared {@link ChartRasterizer}. */
    public HtmlRenderer() {
        this(ChartRasterizer::png);
    }

    /** @param draw a chart's PNG bytes; tests pass a fixed picture so goldens do not depend on fonts */
    public HtmlRenderer(Function<Chart, byte[]> draw) {
        this.draw = Objects.requireNonNull(draw, "draw");
    }

    /** The page as UTF-8 bytes, ready to be written to a file or uploaded to chat as {@code report.html}. */
    public byte[] bytes(Reply reply) {
        return render(reply).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String render(Reply reply) {
        StringBuilder out = new StringBuilder(64 * 1024);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(reply.title())).append(" · Purser</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n<main>\n");
        if (reply.isError()) {
            Reply.ErrorInfo e = reply.error();
            out.append("<h1>Error</h1>\n<p class=\"error\">").append(escape(e.message())).append("<br><code>")
                    .append(escape(e.code().name())).append("</code>");
            if (e.referenceId() != null) {
                out.append(" · ref <code>").append(escape(e.referenceId())).append("</code>");
            }
            out.append("</p>\n</main>\n</body>\n</html>\n");
            return out.toString();
        }
        out.append("<h1>").append(escape(reply.title())).append("</h1>\n");
        if (!reply.summary().isEmpty()) {
            out.append("<p class=\"summary\">").append(escape(reply.summary())).append("</p>\n");
        }
        if (!reply.figures().isEmpty()) {
            out.append("<dl class=\"figures\">\n");
            for (Figure f : reply.figures()) {
                out.append("<div><dt>").append(escape(f.label())).append("</dt><dd>")
                        .append(escape(Formats.figure(f.value()))).append("</dd></div>\n");
            }
            out.append("</dl>\n");
        }
        if (!reply.charts().isEmpty()) {
            out.append("<h2>Charts</h2>\n");
            for (Chart chart : reply.charts()) {
                chart(out, chart);
            }
        }
        for (Table table : reply.tables()) {
            table(out, table);
        }
        for (CodeBlock block : reply.codeBlocks()) {
            if (!block.title().isEmpty()) {
                out.append("<h2>").append(escape(block.title())).append("</h2>\n");
            }
            out.append("<pre><code>").append(escape(block.text())).append("</code></pre>\n");
        }
        if (!reply.notes().isEmpty()) {
            out.append("<h2>Notes</h2>\n<ul class=\"notes\">\n");
            for (String note : reply.notes()) {
                out.append("<li>").append(escape(note)).append("</li>\n");
            }
            out.append("</ul>\n");
        }
        if (!reply.followUps().isEmpty()) {
            out.append("<h2>Next</h2>\n<ul class=\"next\">\n");
            for (FollowUp f : reply.followUps()) {
                out.append("<li><code>purser ").append(escape(f.commandLine())).append("</code> — ")
                        .append(escape(f.label())).append("</li>\n");
            }
            out.append("</ul>\n");
        }
        out.append("</main>\n</body>\n</html>\n");
        return out.toString();
    }

    private void chart(StringBuilder out, Chart chart) {
        int[] size = ChartRasterizer.size(chart.kind());
        out.append("<figure>\n<img id=\"chart-").append(escape(chart.key())).append("\" class=\"chart\" width=\"")
                .append(size[0]).append("\" height=\"").append(size[1]).append("\" alt=\"")
                .append(escape(chart.altText())).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(draw.apply(chart))).append("\">\n<figcaption>")
                .append(escape(chart.altText())).append("</figcaption>\n</figure>\n");
    }

    private static void table(StringBuilder out, Table table) {
        if (!table.title().isEmpty()) {
            out.append("<h2>").append(escape(table.title())).append("</h2>\n");
        }
        out.append("<table id=\"table-").append(escape(table.key())).append("\">\n<thead><tr>");
        int columns = table.columns().size();
        boolean[] numeric = new boolean[columns];
        for (int c = 0; c < columns; c++) {
            numeric[c] = Formats.isNumeric(table.columns().get(c).type());
            out.append(numeric[c] ? "<th class=\"num\">" : "<th>").append(escape(table.columns().get(c).label()))
                    .append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        List<List<String>> cells = Formats.cells(table);
        for (int r = 0; r < table.rows().size(); r++) {
            row(out, cells.get(r), numeric);
        }
        out.append("</tbody>\n");
        if (cells.size() > table.rows().size()) {
            out.append("<tfoot>\n");
            for (int r = table.rows().size(); r < cells.size(); r++) {
                row(out, cells.get(r), numeric);
            }
            out.append("</tfoot>\n");
        }
        out.append("</table>\n");
    }

    private static void row(StringBuilder out, List<String> cells, boolean[] numeric) {
        out.append("<tr>");
        for (int c = 0; c < cells.size(); c++) {
            out.append(numeric[c] ? "<td class=\"num\">" : "<td>").append(escape(cells.get(c))).append("</td>");
        }
        out.append("</tr>\n");
    }

    /** Text safe in element content and in double-quoted attributes. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
