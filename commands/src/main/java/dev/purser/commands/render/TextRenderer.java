package dev.purser.commands.render;

import dev.purser.commands.reply.Chart;
import dev.purser.commands.reply.CodeBlock;
import dev.purser.commands.reply.Figure;
import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plain text for terminals: title, summary, aligned key figures, tables with numbers
 * right-aligned and a total row under a rule, code blocks verbatim between {@code ```} fences,
 * then charts as their alt text, notes and suggested next commands. Money is rounded here, with each table column reconciled to its total (see
 * {@link Formats#cells}).
 *
 * <p>Width: a table wider than the renderer's width (the terminal's {@code COLUMNS}, or
 * {@value #DEFAULT_WIDTH} when unknown) has its widest text columns wrapped at word boundaries so
 * that no line runs off the terminal; numbers, money and short columns are never wrapped, and
 * continuation lines leave the other columns blank. Prose (summary, notes) is left to the
 * terminal's own wrapping, and code blocks stay verbatim.
 */
public final class TextRenderer implements ReplyRenderer {

    /** The width assumed when the terminal's is unknown. */
    public static final int DEFAULT_WIDTH = 100;
    /** A text column is never wrapped narrower than this, however little room there is. */
    static final int MIN_WRAPPED_WIDTH = 6;
    /** Words up to this long (ids, size slugs, dates) are kept whole when a column wraps. */
    static final int MAX_UNCUT_WORD = 20;

    private final int width;

    /** Tables wrapped to {@value #DEFAULT_WIDTH} characters. */
    public TextRenderer() {
        this(DEFAULT_WIDTH);
    }

    /**
     * @param width the widest line a table may take; {@link Integer#MAX_VALUE} never wraps
     * @throws IllegalArgumentException when width is below 20
     */
    public TextRenderer(int width) {
        if (width < 20) {
            throw new IllegalArgumentException("text width must be at least 20 characters: " + width);
        }
        this.width = width;
    }

    /** A renderer that never wraps, for faces that scroll monospace blocks sideways. */
    public static TextRenderer unbounded() {
        return new TextRenderer(Integer.MAX_VALUE);
    }

    /**
     * The terminal width from the environment: {@code COLUMNS} when it holds a sensible number
     * (20 to 1000), else {@value #DEFAULT_WIDTH}.
     */
    public static int widthFrom(Map<String, String> env) {
        String columns = env.get("COLUMNS");
        if (columns != null) {
            try {
                int w = Integer.parseInt(columns.trim());
                if (w >= 20 && w <= 1000) {
                    return w;
                }
            } catch (NumberFormatException e) {
                // not a number: fall back to the default, as an unset variable does
            }
        }
        return DEFAULT_WIDTH;
    }

    public int width() {
        return width;
    }

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
            table(out, table, width);
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
        table(out, table, Integer.MAX_VALUE);
        return out.toString();
    }

    private static void table(StringBuilder out, Table table, int maxWidth) {
        int columns = table.columns().size();
        List<List<String>> cells = Formats.cells(table);
        int[] widths = new int[columns];
        int[] least = new int[columns];
        boolean[] right = new boolean[columns];
        for (int c = 0; c < columns; c++) {
            String label = table.columns().get(c).label();
            widths[c] = label.length();
            right[c] = Formats.isNumeric(table.columns().get(c).type());
            int longestCell = 0;
            int longestCellWord = 0;
            for (List<String> row : cells) {
                widths[c] = Math.max(widths[c], row.get(c).length());
                longestCell = Math.max(longestCell, row.get(c).length());
                longestCellWord = Math.max(longestCellWord, longestWord(row.get(c)));
            }
            // A number never wraps, its label may ("forecast used" over "123.0 %"). Text wraps at
            // spaces down to its longest word (an id, a size slug), so words are not cut unless longer
            // than MAX_UNCUT_WORD; never below MIN_WRAPPED_WIDTH.
            int labelWord = longestWord(label);
            least[c] = right[c] ? Math.max(longestCell, labelWord)
                    : Math.min(widths[c], Math.max(MIN_WRAPPED_WIDTH,
                            Math.max(labelWord, Math.min(longestCellWord, MAX_UNCUT_WORD))));
        }
        if (!table.title().isEmpty()) {
            out.append(table.title()).append('\n');
        }
        if (!fit(widths, least, right, maxWidth)) {
            expanded(out, table, cells, maxWidth);
            return;
        }
        List<String> labels = table.columns().stream().map(col -> col.label()).toList();
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < columns; c++) {
            if (c > 0) {
                rule.append("  ");
            }
            rule.append("-".repeat(widths[c]));
        }
        row(out, labels, widths, right);
        out.append(rule).append('\n');
        int bodyRows = table.rows().size();
        for (int r = 0; r < cells.size(); r++) {
            if (r == bodyRows) {
                out.append(rule).append('\n');
            }
            row(out, cells.get(r), widths, right);
        }
        if (table.rows().isEmpty()) {
            out.append("(no rows)\n");
        }
    }

    /**
     * A table too wide to fit even wrapped, one record per row as psql's expanded mode prints it:
     * a numbered rule, then each column's label and value on a line of its own (values wrapped).
     */
    private static void expanded(StringBuilder out, Table table, List<List<String>> cells, int maxWidth) {
        int labelWidth = 0;
        for (var column : table.columns()) {
            labelWidth = Math.max(labelWidth, column.label().length());
        }
        int valueWidth = Math.max(MAX_UNCUT_WORD, maxWidth - labelWidth - 3);
        int bodyRows = table.rows().size();
        for (int r = 0; r < cells.size(); r++) {
            String name = r < bodyRows ? "[ " + (r + 1) + " ]" : "[ total ]";
            out.append("-").append(name).append("-".repeat(Math.max(3, Math.min(maxWidth, labelWidth + 3 + 20)
                    - name.length() - 1))).append('\n');
            for (int c = 0; c < table.columns().size(); c++) {
                String value = cells.get(r).get(c);
                if (value.isEmpty()) {
                    continue;
                }
                List<String> parts = wrap(value, valueWidth);
                for (int i = 0; i < parts.size(); i++) {
                    out.append(pad(i == 0 ? table.columns().get(c).label() : "", labelWidth, false)).append(" | ")
                            .append(parts.get(i));
                    trimLineEnd(out);
                    out.append('\n');
                }
            }
        }
        if (table.rows().isEmpty()) {
            out.append("(no rows)\n");
        }
    }

    private static int longestWord(String text) {
        int longest = 0;
        for (String word : text.split(" ")) {
            longest = Math.max(longest, word.length());
        }
        return longest;
    }

    /** One table row, as many lines as its tallest wrapped cell needs. */
    private static void row(StringBuilder out, List<String> cells, int[] widths, boolean[] right) {
        List<List<String>> wrapped = new ArrayList<>(cells.size());
        int lines = 1;
        for (int c = 0; c < cells.size(); c++) {
            List<String> parts = cells.get(c).length() <= widths[c] ? List.of(cells.get(c)) : wrap(cells.get(c), widths[c]);
            wrapped.add(parts);
            lines = Math.max(lines, parts.size());
        }
        for (int line = 0; line < lines; line++) {
            for (int c = 0; c < cells.size(); c++) {
                if (c > 0) {
                    out.append("  ");
                }
                List<String> parts = wrapped.get(c);
                out.append(pad(line < parts.size() ? parts.get(line) : "", widths[c], right[c]));
            }
            trimLineEnd(out);
            out.append('\n');
        }
    }

    /**
     * Narrows columns until the table fits {@code maxWidth}, or says it cannot. Each text column
     * keeps its natural width when that is no more than an equal share of the room left, and the
     * rest share the room equally, down to their floor ({@code least}: the longest word of the
     * column, up to {@value #MAX_UNCUT_WORD} characters, for text; the widest value for numbers, whose
     * labels alone may wrap, since a wrapped amount is harder to read than a wide table).
     *
     * @return false when even the floors do not fit
     */
    static boolean fit(int[] widths, int[] least, boolean[] numeric, int maxWidth) {
        int separators = 2 * Math.max(0, widths.length - 1);
        int total = separators;
        for (int w : widths) {
            total += w;
        }
        if (total <= maxWidth) {
            return true;
        }
        int floor = separators;
        for (int w : least) {
            floor += w;
        }
        if (floor > maxWidth) {
            return false;
        }
        int room = maxWidth - separators;
        List<Integer> text = new ArrayList<>();
        for (int c = 0; c < widths.length; c++) {
            if (numeric[c]) {
                widths[c] = least[c];
                room -= widths[c];
            } else {
                text.add(c);
            }
        }
        text.sort((a, b) -> Integer.compare(widths[a], widths[b]));
        int left = text.size();
        for (int c : text) {
            int share = Math.max(least[c], room / Math.max(1, left));
            widths[c] = Math.min(widths[c], share);
            room -= widths[c];
            left--;
        }
        return true;
    }

    /**
     * {@code text} in lines of at most {@code width} characters, broken at spaces; a word longer
     * than the line is cut where the line ends.
     */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            while (word.length() > width) {
                if (line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                lines.add(word.substring(0, width));
                word = word.substring(width);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0 || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
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
