package dev.purser.commands.reply;

import java.util.List;
import java.util.Objects;

/**
 * Rows of typed values under typed columns.
 *
 * @param key    stable machine name ({@code breakdown}, {@code movers})
 * @param footer an optional total row, same width as the columns; empty list when absent
 */
public record Table(String key, String title, List<Column> columns, List<List<Value>> rows, List<Value> footer) {

    public Table {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(title, "title");
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
        footer = List.copyOf(footer);
        for (int i = 0; i < rows.size(); i++) {
            checkRow(key, "row " + i, columns, rows.get(i));
        }
        if (!footer.isEmpty()) {
            checkRow(key, "footer", columns, footer);
        }
    }

    private static void checkRow(String table, String where, List<Column> columns, List<Value> row) {
        if (row.size() != columns.size()) {
            throw new IllegalArgumentException("table " + table + " " + where + " has " + row.size()
                    + " values for " + columns.size() + " columns");
        }
        for (int c = 0; c < row.size(); c++) {
            if (row.get(c).type() != columns.get(c).type()) {
                throw new IllegalArgumentException("table " + table + " " + where + " column "
                        + columns.get(c).key() + " is " + columns.get(c).type() + " but holds " + row.get(c).type());
            }
        }
    }
}
