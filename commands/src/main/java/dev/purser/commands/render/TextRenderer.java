package dev.purser.commands.render;

import dev.purser.commands.reply.Chart;
import dev.purser.commands.reply.CodeBlock;
import dev.purser.commands.reply.Figure;
import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import java.util.List;

/**
 * Plain text for terminals: title, summary, aligned key figures, tables with numbers
 * right-aligned and a total row under a rule, code blocks verbatim between {@code ```} fences,
 * then charts as their alt text, notes and suggested next commands. Money is rounded here, with each table column reconciled to its total (see
 * {@link Formats#cells}).
 */
public final class TextRenderer implements ReplyRenderer {

    @Override
    public String render(Reply reply) {
        StringBuilder out = new StringBuilder();
        if (reply.isError()) {
            Reply.ErrorInfo error = reply.error();
            out.append("Error: ").append(error.message()).append('\n');
            out.append('(').append(error.code());
            if (error.referenceId() != null) {
                out.append(", ref ").append(error.referenceId());
            }
            out.append(")\n");
            return out.toString();
        }
        out.append(reply.title()).append('\n');
        if (!reply.summary().isEmpty()) {
            out.append(reply.summary()).append('\n');
        }
        if (!reply.figures().isEmpty()) {
            out.append('\n');
            figures(out, reply.figures());
        }
        for (Table table : reply.tables()) {
            out.append('\n');
            table(out, table);
        }
        for (CodeBlock block : reply.codeBlocks()) {
            // verbatim between fences: re-indenting would break a diff or a YAML file that is copied out
            out.append('\n');
            if (!block.title().isEmpty()) {
                out.append(block.title()).append('\n');
            }
            out.append(Formats.fenced(block));
        }
        if (!reply.charts().isEmpty()) {
            out.append('\n');
            for (Chart chart : reply.charts()) {
                out.append("[chart: ").append(chart.altText()).append("]\n");
            }
        }
        if (!reply.notes().isEmpty()) {
            out.append('\n');
            for (String note : reply.notes()) {
                out.append("Note: ").append(note).append('\n');
            }
        }
        if (!reply.followUps().isEmpty()) {
            out.append('\n');
            for (FollowUp f : reply.followUps()) {
                out.append("Next: purser ").append(f.commandLine()).append("  (").append(f.label()).append(")\n");
            }
        }
        return out.toString();
    }

    private static void figures(StringBuilder out, List<Figure> figures) {
        int labelWidth = 0;
        int valueWidth = 0;
        for (Figure f : figures) {
            labelWidth = Math.max(labelWidth, f.label().length());
            valueWidth = Math.max(valueWidth, Formats.figure(f.value()).length());
        }
        for (Figure f : figures) {
            String value = Formats.figure(f.value());
            boolean numeric = Formats.isNumeric(f.value().type());
            out.append("  ").append(pad(f.label(), labelWidth, false)).append("  ")
                    .append(numeric ? pad(value, valueWidth, true) : value);
            trimLineEnd(out);
            out.append('\n');
        }
    }

    /**
     * One table as this renderer lays it out (title, aligned columns, total row under a rule),
     * for faces that show tables in a monospace block of their own.
     */
    public static String table(Table table) {
        StringBuilder out = new StringBuilder();
        table(out, table);
        return out.toString();
    }

    private static void table(StringBuilder out, Table table) {
        int columns = table.columns().size();
        List<List<String>> cells = Formats.cells(table);
        int[] widths = new int[columns];
        boolean[] right = new boolean[columns];
        for (int c = 0; c < columns; c++) {
            widths[c] = table.columns().get(c).label().length();
            right[c] = Formats.isNumeric(table.columns().get(c).type());
            for (List<String> row : cells) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        if (!table.title().isEmpty()) {
            out.append(table.title()).append('\n');
        }
        StringBuilder header = new StringBuilder();
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < columns; c++) {
            if (c > 0) {
                header.append("  ");
                rule.append("  ");
            }
            header.append(pad(table.columns().get(c).label(), widths[c], right[c]));
            rule.append("-".repeat(widths[c]));
        }
        out.append(header);
        trimLineEnd(out);
        out.append('\n').append(rule).append('\n');
        int bodyRows = table.rows().size();
        for (int r = 0; r < cells.size(); r++) {
            if (r == bodyRows) {
                out.append(rule).append('\n');
            }
            for (int c = 0; c < columns; c++) {
                if (c > 0) {
                    out.append("  ");
                }
                out.append(pad(cells.get(r).get(c), widths[c], right[c]));
            }
            trimLineEnd(out);
            out.append('\n');
        }
        if (table.rows().isEmpty()) {
            out.append("(no rows)\n");
        }
    }

    private static String pad(String s, int width, boolean right) {
        if (s.length() >= width) {
            return s;
        }
        String spaces = " ".repeat(width - s.length());
        return right ? spaces + s : s + spaces;
    }

    private static void trimLineEnd(StringBuilder out) {
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
    }
}
