package dev.purser.commands.render;

import dev.purser.commands.reply.Chart;
import dev.purser.commands.reply.CodeBlock;
import dev.purser.commands.reply.Figure;
import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import java.util.List;

/**
 * GitHub-flavoured Markdown with the same content as {@link TextRenderer}: used for MCP text
 * content (assistants read Markdown well) and chat faces that accept it. Tables are pipe tables
 * with numeric columns right-aligned; the total row is bold. Code blocks are fenced blocks tagged
 * with their language ({@code ```yaml}), fenced longer than any backtick run inside, so a patch
 * keeps its indentation and diff markers and can be copied and applied.
 */
public final class MarkdownRenderer implements ReplyRenderer {

    @Override
    public String render(Reply reply) {
        StringBuilder out = new StringBuilder();
        if (reply.isError()) {
            Reply.ErrorInfo error = reply.error();
            out.append("**Error:** ").append(inline(error.message())).append("\n\n");
            out.append('`').append(error.code()).append('`');
            if (error.referenceId() != null) {
                out.append(" · ref `").append(error.referenceId()).append('`');
            }
            out.append('\n');
            return out.toString();
        }
        out.append("### ").append(inline(reply.title())).append('\n');
        if (!reply.summary().isEmpty()) {
            out.append('\n').append(inline(reply.summary())).append('\n');
        }
        if (!reply.figures().isEmpty()) {
            out.append('\n');
            for (Figure f : reply.figures()) {
                out.append("- **").append(inline(f.label())).append(":** ")
                        .append(inline(Formats.figure(f.value()))).append('\n');
            }
        }
        for (Table table : reply.tables()) {
            out.append('\n');
            table(out, table);
        }
        for (CodeBlock block : reply.codeBlocks()) {
            out.append('\n');
            if (!block.title().isEmpty()) {
                out.append("**").append(inline(block.title())).append("**\n\n");
            }
            out.append(Formats.fenced(block));
        }
        if (!reply.charts().isEmpty()) {
            out.append('\n');
            for (Chart chart : reply.charts()) {
                out.append("_[chart: ").append(inline(chart.altText())).append("]_\n");
            }
        }
        if (!reply.notes().isEmpty()) {
            out.append('\n');
            for (int i = 0; i < reply.notes().size(); i++) {
                // "> a" then "> b" would join into one paragraph; an empty quote line keeps them apart.
                out.append(i == 0 ? "" : ">\n").append("> **Note:** ").append(inline(reply.notes().get(i))).append('\n');
            }
        }
        if (!reply.followUps().isEmpty()) {
            out.append('\n');
            for (FollowUp f : reply.followUps()) {
                out.append("- Next: `purser ").append(f.commandLine().replace("`", "'")).append("` — ")
                        .append(inline(f.label())).append('\n');
            }
        }
        return out.toString();
    }

    private static void table(StringBuilder out, Table table) {
        if (!table.title().isEmpty()) {
            out.append("**").append(inline(table.title())).append("**\n\n");
        }
        int columns = table.columns().size();
        StringBuilder header = new StringBuilder("|");
        StringBuilder align = new StringBuilder("|");
        for (int c = 0; c < columns; c++) {
            header.append(' ').append(cell(table.columns().get(c).label())).append(" |");
            align.append(Formats.isNumeric(table.columns().get(c).type()) ? " ---: |" : " :--- |");
        }
        out.append(header).append('\n').append(align).append('\n');
        List<List<String>> cells = Formats.cells(table);
        for (int r = 0; r < cells.size(); r++) {
            boolean footer = r >= table.rows().size();
            out.append('|');
            for (String value : cells.get(r)) {
                String text = cell(value);
                out.append(' ').append(footer && !text.isEmpty() ? "**" + text + "**" : text).append(" |");
            }
            out.append('\n');
        }
    }

    // A cell must stay on one line and must not close the cell early.
    private static String cell(String text) {
        return inline(text).replace("|", "\\|");
    }

    private static String inline(String text) {
        return text.replace("\r", " ").replace("\n", " ");
    }
}
