package dev.purser.core.analysis.rightsizing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of YAML the layout-preserving patchers need: every {@code key: value} line of a block-style
 * document with the path of keys that leads to it, and a way to rewrite just that value.
 *
 * <p>Paths: a key's path is the keys above it by indentation; an entry of a block sequence appears as
 * {@code "-"} with an id of its own ({@link KeyLine#item}), so the keys of one list entry (a
 * container's {@code name} and its {@code resources}) can be told from another's. A sequence may sit
 * at its parent key's indentation ({@code containers:} then {@code - name: app} in the same column)
 * or deeper; both read the same. Block scalars ({@code |}, {@code >}) and flow collections
 * ({@code {...}}, {@code [...]}) are values of their key: the lines under them are skipped, never
 * read as keys. Lines that are not keys (comments, plain list entries such as {@code - --flag})
 * are passed over.
 */
final class BlockYaml {

    private static final Pattern KEY_LINE = Pattern.compile(
            "^(\\s*)(?:-\\s+)?(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|[^\\s#'\"\\-][^:#]*?|-[^\\s:#][^:#]*?)\\s*:(?:(\\s+)(.*?))?\\s*$");

    /**
     * One {@code key: value} line.
     *
     * @param line       index into the lines scanned
     * @param path       the keys from the document's root to this one, {@code "-"} for a list entry
     * @param items      for each element of {@code path}, the list entry's id, or -1 for a key
     * @param value      the value as written, without a trailing comment; empty when the key opens a block
     * @param valueStart where the value starts in the line
     */
    record KeyLine(int line, List<String> path, List<Integer> items, String value, int valueStart) {

        /** The key itself. */
        String key() {
            return path.get(path.size() - 1);
        }

        /** The id of the list entry at {@code path[index]}, or -1 when that element is a key. */
        int item(int index) {
            return items.get(index);
        }

        /** Whether the value is a plain or quoted scalar (not a block, flow collection, anchor, alias or tag). */
        boolean scalar() {
            return !value.isEmpty() && "|>{[&*!".indexOf(value.charAt(0)) < 0;
        }

        /** Whether the value is a flow collection written on this line ({@code {cpu: 1}}, {@code []}). */
        boolean flow() {
            return !value.isEmpty() && (value.charAt(0) == '{' || value.charAt(0) == '[');
        }
    }

    private BlockYaml() {
    }

    /** The lines of a text, each without its {@code \n} (a {@code \r} stays, for {@link #rewrite} to keep). */
    static String[] lines(String text) {
        return text.split("\n", -1);
    }

    /**
     * Every key line of {@code lines[from..to)}, one document, in order.
     */
    static List<KeyLine> scan(String[] lines, int from, int to) {
        List<KeyLine> out = new ArrayList<>();
        List<Integer> stackIndent = new ArrayList<>();
        List<String> stackKey = new ArrayList<>();
        List<Integer> stackItem = new ArrayList<>();
        int nextItem = 0;
        int skipDeeperThan = -1;
        for (int i = from; i < to; i++) {
            String line = strip(lines[i]);
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') {
                indent++;
            }
            String content = line.substring(indent);
            if (skipDeeperThan >= 0) {
                if (content.isEmpty() || indent > skipDeeperThan) {
                    continue;
                }
                skipDeeperThan = -1;
            }
            if (content.isEmpty() || content.startsWith("#")) {
                continue;
            }
            boolean listItem = content.equals("-") || content.startsWith("- ");
            if (listItem) {
                // an entry ends its previous sibling entry and anything deeper, never the key that holds the list
                while (!stackIndent.isEmpty() && (last(stackIndent) > indent
                        || last(stackIndent) == indent && last(stackItem) >= 0)) {
                    pop(stackIndent, stackKey, stackItem);
                }
                stackIndent.add(indent);
                stackKey.add("-");
                stackItem.add(nextItem++);
            }
            Matcher m = KEY_LINE.matcher(line);
            if (!m.matches()) {
                String entry = listItem ? content.substring(1).strip() : "";
                if (!entry.isEmpty() && "|>{[".indexOf(entry.charAt(0)) >= 0) {
                    skipDeeperThan = indent;
                }
                continue;
            }
            int keyIndent = m.start(2);
            while (!stackIndent.isEmpty() && last(stackIndent) >= keyIndent) {
                pop(stackIndent, stackKey, stackItem);
            }
            stackIndent.add(keyIndent);
            stackKey.add(Quantities.unquote(m.group(2)));
            stackItem.add(-1);
            int valueStart = m.group(4) == null ? line.length() : m.start(4);
            String rest = line.substring(valueStart);
            int comment = commentStart(rest);
            String value = (comment < 0 ? rest : rest.substring(0, comment)).strip();
            out.add(new KeyLine(i, List.copyOf(stackKey), List.copyOf(stackItem), value, valueStart));
            if (!value.isEmpty() && "|>{[".indexOf(value.charAt(0)) >= 0) {
                skipDeeperThan = keyIndent;
            }
        }
        return out;
    }

    /**
     * The line with the key's value replaced by {@code newValue}, in the value's own quoting; the
     * spacing, a trailing comment and a {@code \r} stay as they were.
     */
    static String rewrite(String rawLine, KeyLine k, String newValue) {
        boolean cr = rawLine.endsWith("\r");
        String line = strip(rawLine);
        String valueAndComment = line.substring(k.valueStart());
        int commentAt = commentStart(valueAndComment);
        String value = commentAt < 0 ? valueAndComment : valueAndComment.substring(0, commentAt);
        String trailing = commentAt < 0 ? "" : valueAndComment.substring(commentAt);
        String valueTrimmed = value.stripTrailing();
        String spaces = value.substring(valueTrimmed.length());
        String quoted = valueTrimmed.startsWith("\"") ? "\"" + newValue + "\""
                : valueTrimmed.startsWith("'") ? "'" + newValue + "'" : newValue;
        return line.substring(0, k.valueStart()) + quoted + spaces + trailing + (cr ? "\r" : "");
    }

    /** The value without its quotes. */
    static String unquoted(KeyLine k) {
        return Quantities.unquote(k.value());
    }

    private static String strip(String raw) {
        return raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }

    private static void pop(List<Integer> indents, List<String> keys, List<Integer> items) {
        indents.remove(indents.size() - 1);
        keys.remove(keys.size() - 1);
        items.remove(items.size() - 1);
    }

    /** Index of a {@code #} that starts a comment (preceded by whitespace, outside quotes), or -1. */
    private static int commentStart(String s) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '"' && !single) {
                dbl = !dbl;
            } else if (c == '#' && !single && !dbl && (i == 0 || Character.isWhitespace(s.charAt(i - 1)))) {
                int start = i;
                while (start > 0 && Character.isWhitespace(s.charAt(start - 1))) {
                    start--;
                }
                return start;
            }
        }
        return -1;
    }
}
